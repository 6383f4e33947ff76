/** The event store: the hash-chained log every review is folded from; the workspace's accounts beside it. */
export * from './account-store.ts';
export * from './event-store.ts';
export * from './fold-events.ts';
export * from './hash-chain.ts';
export * from './sqlite-event-store.ts';
