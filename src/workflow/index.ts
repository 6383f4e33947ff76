/** The review workflow: the machine built from a model, its gates, clocks and workload. */
export * from './build-machine.ts';
export * from './clocks/compute-clocks.ts';
export * from './clocks/working-days.ts';
export * from './gates/gate-check.ts';
export * from './gates/gate-registry.ts';
export * from './review-status.ts';
export * from './stage-flow.ts';
export * from './workflow.ts';
export * from './workload.ts';
