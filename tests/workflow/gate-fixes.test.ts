// What each gate check answers when it is not met: a shortfall in the review's words (never a
// command) with the fix as data, for the command line to word and the web app to link; and a
// model whose gates cannot run is refused as the model's fault, not thrown as a plain Error.
import { describe, expect, it } from 'vitest';
import { ValidationError, WorkflowError } from '../../src/domain/errors.ts';
import type { Gate, MethodologyModel } from '../../src/model/methodology-model.ts';
import type { Shortfall } from '../../src/workflow/gates/gate-check.ts';
import { builtInGates } from '../../src/workflow/gates/gate-registry.ts';
import { Workflow } from '../../src/workflow/workflow.ts';
import { ReviewBuilder } from '../graph/review-builder.ts';

const COMMAND_SYNTAX = /tunnelview [a-z]| --[a-z]/;

/** The model's gate with this id. */
function gateOf(model: MethodologyModel, id: string): Gate {
  const gate = model.gates.find((g) => g.id === id);
  if (!gate) throw new Error(`the test model has no gate ${id}`);
  return gate;
}

/**
 * What one gate asks of the builder's review, as shortfalls: the gate is put
 * on the review's stage alone, and each unmet-gate issue read back without
 * the gate's description that leads it.
 */
function shortfalls(b: ReviewBuilder, gateId: string): Shortfall[] {
  const gate = gateOf(b.model, gateId);
  const model = {
    ...b.model,
    stages: b.model.stages.map((s) => (s.id === b.state.stage ? { ...s, gates: [gate.id] } : s)),
  } as MethodologyModel;
  return builtInGates()
    .unmet(b.state, model, b.state.stage)
    .map((i) => {
      expect(i.code).toBe('gate-unmet');
      const [lead, ...rest] = i.message.split(' — ');
      expect(lead).toBe(gate.description.replace(/\.$/, ''));
      const message = rest.join(' — ');
      expect(message, gateId).not.toMatch(COMMAND_SYNTAX);
      return { message, ...(i.ids ? { ids: i.ids } : {}), ...(i.fix ? { fix: i.fix } : {}) };
    });
}

/** The model with one gate's parameters replaced, as a model author might get them wrong. */
function withParams(model: MethodologyModel, gateId: string, params: Gate['params']) {
  return {
    ...model,
    gates: model.gates.map((g) => (g.id === gateId ? { ...g, params } : g)),
  } as MethodologyModel;
}

describe('gate shortfalls', () => {
  it('asks for a key date by its id', () => {
    expect(shortfalls(new ReviewBuilder(), 'notification-recorded')).toEqual([
      {
        message: 'the date "Notification" has not been recorded',
        fix: { kind: 'set-key-date', keyDate: 'notification' },
      },
    ]);
  });

  it('asks for a participant in the role the gate names', () => {
    expect(shortfalls(new ReviewBuilder(), 'lead-reviewers-appointed')).toEqual([
      {
        message: 'no lead reviewer has been recorded',
        fix: { kind: 'add', record: 'participant', fields: { role: 'lead-reviewer' } },
      },
    ]);
  });

  it('asks for research questions, and for case-group members before conversations can count', () => {
    const b = new ReviewBuilder();
    expect(shortfalls(b, 'research-questions-agreed')).toEqual([
      {
        message: 'no research questions have been recorded',
        fix: { kind: 'add', record: 'question' },
      },
    ]);
    expect(shortfalls(b, 'conversations-held')).toEqual([
      {
        message: 'no case-group members have been recorded, so no conversations can count',
        fix: { kind: 'add', record: 'participant', fields: { role: 'case-group' } },
      },
    ]);
  });

  it('asks for a meeting of the type until one is scheduled, then names the scheduled one', () => {
    const b = new ReviewBuilder();
    const [none] = shortfalls(b, 'rapid-review-meeting-held');
    expect(none?.fix).toEqual({ kind: 'add', record: 'meeting', fields: { type: 'rapid-review' } });
    b.add({
      type: 'meeting.recorded',
      payload: {
        id: 'M-1',
        type: 'rapid-review',
        date: '2026-01-28',
        status: 'scheduled',
        attendees: [],
      },
    });
    const [scheduled] = shortfalls(b, 'rapid-review-meeting-held');
    expect(scheduled?.message).toContain('scheduled: M-1 on 2026-01-28');
    expect(scheduled?.ids).toEqual(['M-1']);
    expect(scheduled?.fix).toBeUndefined();
  });

  it('asks for KPEs, then for each missing appraisal and explanation by KPE', () => {
    const b = new ReviewBuilder();
    expect(shortfalls(b, 'kpes-appraised-and-explained')).toEqual([
      {
        message: 'no key practice episodes have been recorded',
        fix: { kind: 'add', record: 'kpe' },
      },
    ]);
    b.kpe('KPE-1', { explained: false }).kpe('KPE-2', { rating: 'good' }).kpe('KPE-3');
    expect(shortfalls(b, 'kpes-appraised-and-explained')).toEqual([
      {
        message: 'KPE-1 has no appraisal',
        ids: ['KPE-1'],
        fix: { kind: 'edit', record: 'kpe', id: 'KPE-1', fields: ['appraisal'] },
      },
      {
        message: 'KPE-3 has no appraisal',
        ids: ['KPE-3'],
        fix: { kind: 'edit', record: 'kpe', id: 'KPE-3', fields: ['appraisal'] },
      },
      {
        message: 'KPE-1 has no explanation',
        ids: ['KPE-1'],
        fix: { kind: 'edit', record: 'kpe', id: 'KPE-1', fields: ['explanation'] },
      },
    ]);
  });

  it('asks for findings, for the factors of a thin one, and for the Issues for the Board of each', () => {
    const b = new ReviewBuilder().agency('AG-1', 'Health');
    const noFindings = {
      message: 'no findings have been recorded',
      fix: { kind: 'add', record: 'finding' },
    };
    expect(shortfalls(b, 'findings-supported')).toEqual([noFindings]);
    expect(shortfalls(b, 'findings-have-board-issues')).toEqual([noFindings]);
    const category = b.model.typologies[0]?.categories[0]?.id as string;
    b.kpe('KPE-1', { rating: 'mixed' })
      .factor('CF-1', 'conditions-of-work')
      .link('KPE-1', 'CF-1')
      .finding('F-1', category, ['CF-1'])
      .finding('F-2', category, ['CF-1'], ['How does the Board know?']);
    expect(shortfalls(b, 'findings-supported').map((s) => [s.ids, s.fix])).toEqual([
      [['F-1', 'KPE-1'], { kind: 'support-finding', finding: 'F-1' }],
      [['F-2', 'KPE-1'], { kind: 'support-finding', finding: 'F-2' }],
    ]);
    expect(shortfalls(b, 'findings-have-board-issues')).toEqual([
      {
        message: 'F-1 has no Issues for the Board',
        ids: ['F-1'],
        fix: { kind: 'add', record: 'boardIssue', fields: { finding: 'F-1' } },
      },
    ]);
  });

  it('asks for each report section not yet written, by its id', () => {
    const found = shortfalls(new ReviewBuilder(), 'report-sections-written');
    expect(found.length).toBeGreaterThan(1);
    for (const s of found) {
      expect(s.fix?.kind).toBe('write-section');
      const section = (s.fix as { section: string }).section;
      expect(s.message).toMatch(new RegExp(`\\(${section}\\) is not yet written$`));
    }
  });

  it('asks for a publication edition to pass the leak check', () => {
    expect(shortfalls(new ReviewBuilder(), 'publication-leak-check-passed')).toEqual([
      {
        message: 'no publication edition has passed the leak check yet',
        fix: { kind: 'render', edition: 'publication' },
      },
    ]);
  });

  it('gives each flagged sentence the flag to accept, and sums up past ten', () => {
    const b = new ReviewBuilder();
    for (let n = 1; n <= 12; n++) {
      b.add({
        type: 'kpe.added',
        payload: {
          id: `KPE-${n}`,
          title: `Episode ${n}`,
          period: { from: '2024-01-01' },
          agencyIds: [],
          chronologyRefs: [],
          whatHappened: 'What happened.',
          appraisal: { rating: 'problematic', text: 'The social worker failed to visit.' },
        },
      });
    }
    const found = shortfalls(b, 'language-flags-resolved');
    expect(found).toHaveLength(11);
    expect(found[0]).toEqual({
      message:
        'KPE-1 appraisal, sentence 1: "failed to" (failed-to) is flagged; reword it, or accept it with a justification',
      ids: ['KPE-1'],
      fix: { kind: 'accept-flag', field: 'kpes.KPE-1.appraisal.text#1', rule: 'failed-to' },
    });
    expect(found[10]).toEqual({
      message: '2 more flagged sentences',
      ids: ['KPE-11', 'KPE-12'],
      fix: { kind: 'see-flags' },
    });
  });

  it('carries each fix into the unmet-gate issue', () => {
    const b = new ReviewBuilder();
    const unmet = builtInGates().unmet(b.state, b.model, 'notification');
    expect(unmet.map((i) => [i.code, i.path, i.fix])).toEqual([
      [
        'gate-unmet',
        ['gates', 'became-aware-recorded'],
        { kind: 'set-key-date', keyDate: 'became-aware' },
      ],
      [
        'gate-unmet',
        ['gates', 'notification-recorded'],
        { kind: 'set-key-date', keyDate: 'notification' },
      ],
    ]);
  });
});

describe('a model whose gates cannot run', () => {
  it('is refused naming the gate parameter it lacks, in the model file', () => {
    const b = new ReviewBuilder();
    const model = withParams(b.model, 'notification-recorded', {});
    const error = (() => {
      try {
        builtInGates().unmet(b.state, model, 'notification');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).issues).toEqual([
      {
        code: 'invalid-model',
        path: [
          'models',
          'learning-together.yaml',
          'gates',
          'notification-recorded',
          'params',
          'keyDate',
        ],
        message:
          'gate "notification-recorded" of model learning-together needs the parameter keyDate (a text) for its check "key-date-recorded"',
      },
    ]);
  });

  it('is refused naming a role that is not one', () => {
    const b = new ReviewBuilder();
    const model = withParams(b.model, 'lead-reviewers-appointed', { role: 'chair' });
    const stage = model.stages.find((s) => s.gates.includes('lead-reviewers-appointed'))?.id ?? '';
    expect(() => builtInGates().unmet(b.state, model, stage)).toThrow(ValidationError);
    try {
      builtInGates().unmet(b.state, model, stage);
    } catch (e) {
      expect((e as ValidationError).issues[0]).toMatchObject({
        code: 'invalid-model',
        path: [
          'models',
          'learning-together.yaml',
          'gates',
          'lead-reviewers-appointed',
          'params',
          'role',
        ],
      });
      expect((e as ValidationError).issues[0]?.message).toContain(
        'names the role "chair"; roles are',
      );
    }
  });

  it('is refused when a gate uses a check that is not built in, even where no move is asked for', () => {
    const b = new ReviewBuilder();
    const model = {
      ...b.model,
      gates: b.model.gates.map((g) =>
        g.id === 'notification-recorded' ? { ...g, check: 'stars-aligned' } : g,
      ),
    } as MethodologyModel;
    expect(() => builtInGates().unmet(b.state, model, 'notification')).toThrow(ValidationError);
    try {
      builtInGates().unmet(b.state, model, 'notification');
    } catch (e) {
      expect((e as ValidationError).issues[0]?.code).toBe('unknown-gate-check');
      expect((e as ValidationError).issues[0]?.message).toContain(
        'uses the check "stars-aligned", which is not one of the checks built in',
      );
    }
  });

  it('is refused when the review has a variant its model no longer has', () => {
    const b = new ReviewBuilder();
    const model = {
      ...b.model,
      variants: b.model.variants.filter((v) => v.id !== b.state.review.variant),
    };
    expect(() => builtInGates().unmet(b.state, model as MethodologyModel, 'notification')).toThrow(
      ValidationError,
    );
  });
});

describe('the workflow at a decision and at the end', () => {
  it('asks for the outcome by its field, with an example, and refuses one given where none is taken', () => {
    const b = new ReviewBuilder();
    b.add({
      type: 'review.updated',
      payload: { changes: { keyDates: { decision: '2026-01-19' } } },
    });
    b.add({ type: 'workflow.advanced', payload: { from: 'notification', to: 'rapid-review' } });
    b.add({ type: 'workflow.advanced', payload: { from: 'rapid-review', to: 'decision' } });
    const workflow = new Workflow();
    const refused = (() => {
      try {
        workflow.decideAdvance(b.state, b.model);
      } catch (e) {
        return e as WorkflowError;
      }
    })();
    expect(refused).toBeInstanceOf(WorkflowError);
    const outcome = refused?.issues.find((i) => i.code === 'outcome-required');
    expect(outcome?.path).toEqual(['outcome']);
    expect(outcome?.message).toMatch(/^"Decision" is a decision; say which way it went: lcspr \(/);
    expect(outcome?.fix).toEqual({ kind: 'give', field: 'outcome', example: 'lcspr' });
  });

  it('at a final stage, says to reopen it and to which stages', () => {
    const b = new ReviewBuilder();
    const final = b.model.stages.find((s) => s.final);
    if (!final) throw new Error('the test model has no final stage');
    b.add({ type: 'workflow.advanced', payload: { from: 'notification', to: final.id } });
    try {
      new Workflow().decideAdvance(b.state, b.model);
      expect.unreachable('a final stage has no way on');
    } catch (e) {
      expect(e).toBeInstanceOf(WorkflowError);
      const [issue] = (e as WorkflowError).issues;
      expect(issue?.code).toBe('stage-final');
      expect(issue?.message).not.toMatch(COMMAND_SYNTAX);
      expect(issue?.fix).toEqual({ kind: 'reopen', stages: ['notification'] });
    }
  });
});
