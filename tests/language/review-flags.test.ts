// The language check over a review: flags by field as Issues, accepting a flag as an event in the
// log (and what makes an acceptance lapse), the checks on that event, and the gate that keeps a
// review with open flags from leaving the findings stage.
import { describe, expect, it } from 'vitest';
import { checkBundle, exportBundle } from '../../src/app/bundle.ts';
import { checkEvent } from '../../src/app/check-event/check-event.ts';
import { addFactor, editFactor } from '../../src/app/factors.ts';
import { addFinding, editFinding } from '../../src/app/findings.ts';
import { addKpe, editKpe } from '../../src/app/kpes.ts';
import { acceptFlag } from '../../src/app/language.ts';
import { setReportText } from '../../src/app/reviews.ts';
import type { Fix } from '../../src/domain/fix.ts';
import { lintReview, staleAcceptances } from '../../src/language/index.ts';
import { loadModel } from '../../src/model/load-model.ts';
import { defaultWorkflow } from '../../src/workflow/workflow.ts';
import {
  issueLines,
  logPosition,
  openTestWorkspace,
  PINNED_TIME,
  pinnedClock,
  refusal,
  workspaceWithReview,
} from '../helpers/workspace.ts';

const model = loadModel('learning-together');
const rules = model.language;

const APPRAISAL =
  'The front door failed to ask health visiting what it knew. The protocol expects a reply within five days. The health visitor failed to call for three weeks.';

/** A review whose prose trips the rules in every kind of field. */
async function flaggedReview() {
  const handle = await workspaceWithReview();
  const { ws, reviewId } = handle;
  await addKpe(ws, reviewId, {
    title: 'Response to the first incident',
    period: { from: '2025-09-20' },
    whatHappened: 'Police attended; the notification reached health visiting three weeks later.',
    appraisal: { rating: 'mixed', text: APPRAISAL },
    explanation: {
      localRationality:
        'Notifications arrive in a shared inbox. With hindsight, the delay was obvious.',
    },
  });
  await addFactor(ws, reviewId, {
    head: 'personal',
    text: 'A lack of professional curiosity about the partner.',
  });
  await addFinding(
    ws,
    reviewId,
    {
      statement: 'Notifications travel by routes that confirm nothing, and staff are complacent.',
      category: 'multi-agency-incidents-and-crises',
      sections: { 'why-it-matters': 'This was a missed opportunity to bring knowledge together.' },
    },
    {
      boardQuestions: [
        'How should the Board assure itself that notifications are read?',
        'Why did agencies fail to share what they knew?',
      ],
    },
  );
  await setReportText(
    ws,
    reviewId,
    'window-on-the-system',
    'The agencies clearly worked in silos.',
  );
  return handle;
}

describe('lintReview', () => {
  it('lists every flag as an Issue: rule, field path, ids, and a message with sentence, reason and direction', async () => {
    const { ws, reviewId } = await flaggedReview();
    const issues = lintReview(await ws.load(reviewId), rules);
    expect(
      issues.map((i) => [i.rule, i.path.join('.'), i.ids ?? [], i.flag.sentenceNumber]),
    ).toEqual([
      ['failed-to', 'kpes.KPE-1.appraisal.text', ['KPE-1'], 1],
      ['failed-to', 'kpes.KPE-1.appraisal.text', ['KPE-1'], 3],
      ['with-hindsight', 'kpes.KPE-1.explanation.localRationality', ['KPE-1'], 2],
      ['obvious', 'kpes.KPE-1.explanation.localRationality', ['KPE-1'], 2],
      ['lack-of-curiosity', 'factors.CF-1.text', ['CF-1'], 1],
      ['complacent', 'findings.F-1.statement', ['F-1'], 1],
      ['missed-opportunity', 'findings.F-1.sections.why-it-matters', ['F-1'], 1],
      // "Why did …?" about what happened is a rhetorical question, besides its "fail to".
      ['rhetorical-question', 'findings.F-1.boardIssues.BI-2.question', ['F-1', 'BI-2'], 1],
      ['failed-to', 'findings.F-1.boardIssues.BI-2.question', ['F-1', 'BI-2'], 1],
      ['clearly', 'texts.window-on-the-system', [], 1],
    ]);
    const [first] = issues;
    expect(first?.handle).toBe('kpes.KPE-1.appraisal.text#1');
    // Each open flag is put right by rewording it, or by accepting it by its handle and rule.
    expect(issues.map((i) => i.fix)).toEqual(
      issues.map((i) => ({ kind: 'accept-flag', field: i.handle, rule: i.rule })),
    );
    expect(first?.message).toBe(
      `KPE-1 appraisal, sentence 1: "failed to" (counterfactual) in "The front door failed to ask health visiting what it knew." — ${first?.flag.reason} Direction: ${first?.flag.suggestion}`,
    );
  });
});

describe('accepting a flag', () => {
  it('records the exact sentence and the justification as an event, after which the flag no longer blocks', async () => {
    const { ws, reviewId } = await flaggedReview();
    const { events, state } = await acceptFlag(ws, reviewId, {
      field: 'kpes.KPE-1.appraisal.text#3',
      rule: 'failed-to',
      justification: 'The delay itself is the point; the explanation says why it happened.',
    });
    expect(events.map((e) => [e.type, e.payload, e.actor])).toEqual([
      [
        'language.flag-accepted',
        {
          field: ['kpes', 'KPE-1', 'appraisal', 'text'],
          ids: ['KPE-1'],
          rule: 'failed-to',
          sentence: 'The health visitor failed to call for three weeks.',
          justification: 'The delay itself is the point; the explanation says why it happened.',
        },
        'Test Reviewer',
      ],
    ]);
    const open = lintReview(state, rules).filter((i) => i.path[1] === 'KPE-1');
    expect(open.map((i) => i.handle)).not.toContain('kpes.KPE-1.appraisal.text#3');
    const accepted = lintReview(state, rules, { includeAccepted: true }).find((i) => i.accepted);
    expect(accepted).toMatchObject({
      handle: 'kpes.KPE-1.appraisal.text#3',
      accepted: { by: 'Test Reviewer', justification: expect.stringMatching(/^The delay/) },
    });
    // An accepted flag asks nothing more.
    expect(accepted?.fix).toBeUndefined();
  });

  it('lapses when the sentence is reworded, but not when another sentence changes', async () => {
    const { ws, reviewId } = await flaggedReview();
    await acceptFlag(ws, reviewId, {
      field: 'kpes.KPE-1.appraisal.text#3',
      rule: 'failed-to',
      justification: 'Kept as written.',
    });
    const other = APPRAISAL.replace('within five days', 'within five working days');
    let state = (
      await editKpe(ws, reviewId, 'KPE-1', { appraisal: { rating: 'mixed', text: other } })
    ).state;
    expect(lintReview(state, rules).map((i) => i.handle)).not.toContain(
      'kpes.KPE-1.appraisal.text#3',
    );
    expect(staleAcceptances(state, rules)).toEqual([]);

    const reworded = other.replace('failed to call for three weeks', 'failed to call for 21 days');
    state = (
      await editKpe(ws, reviewId, 'KPE-1', { appraisal: { rating: 'mixed', text: reworded } })
    ).state;
    expect(lintReview(state, rules).map((i) => i.handle)).toContain('kpes.KPE-1.appraisal.text#3');
    expect(staleAcceptances(state, rules).map((a) => a.sentence)).toEqual([
      'The health visitor failed to call for three weeks.',
    ]);
  });

  it('asks which sentence when the rule flags several in the field, and refuses what it cannot find', async () => {
    const { ws, reviewId, store } = await flaggedReview();
    const before = await logPosition(store, reviewId);
    const cases: [Record<string, unknown>, string, Fix?][] = [
      [
        { field: 'kpes.KPE-1.appraisal.text', rule: 'failed-to' },
        'field: rule failed-to flags 2 sentences in kpes.KPE-1.appraisal.text; say which, by the field with the sentence\'s number: kpes.KPE-1.appraisal.text#1 ("The front door failed to ask health visiting what it knew."), kpes.KPE-1.appraisal.text#3 ("The health visitor failed to call for three weeks.")',
        { kind: 'give', field: 'field', example: 'kpes.KPE-1.appraisal.text#1' },
      ],
      [
        { field: 'kpes.KPE-1.appraisal.text#2', rule: 'failed-to' },
        'field: rule failed-to flags nothing in sentence 2 of kpes.KPE-1.appraisal.text; flagged there: kpes.KPE-1.appraisal.text#1 failed-to, kpes.KPE-1.appraisal.text#3 failed-to',
      ],
      [
        { field: 'kpes.KPE-9.appraisal.text', rule: 'failed-to' },
        'field: review R-TEST01 has no text at "kpes.KPE-9.appraisal.text"; fields with open flags: kpes.KPE-1.appraisal.text, kpes.KPE-1.explanation.localRationality, factors.CF-1.text, findings.F-1.statement, findings.F-1.sections.why-it-matters, findings.F-1.boardIssues.BI-2.question, texts.window-on-the-system',
        { kind: 'see-flags' },
      ],
      [
        { field: 'factors.CF-1.text', rule: 'lack-of-curiousity' },
        'rule: "lack-of-curiousity" is not a language rule of this review\'s model (did you mean "lack-of-curiosity"?); rules: failed-to, should-have, could-have, would-have, if-only, missed-opportunity, signs-missed, with-hindsight, preventable, obvious, clearly, it-was-evident, human-error, lack-of-curiosity, careless, complacent, negligent, inexcusable, should-never, at-fault, judging-words, done-badly, dismissive-verbs, blaming-idioms, fault-labels, failings, foreseeable, plain-to-see, rhetorical-question',
      ],
      [
        { field: 'factors.CF-1.text', rule: 'lack-of-curiosity' },
        'justification: required, but not given',
      ],
    ];
    for (const [request, line, fix] of cases) {
      const withJustification =
        'justification' in request || line.startsWith('justification')
          ? request
          : { ...request, justification: 'Because.' };
      const error = await refusal(() => acceptFlag(ws, reviewId, withJustification));
      expect(issueLines(error)[0]).toBe(line);
      expect(error.issues[0]?.fix).toEqual(fix);
    }
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('refuses the same acceptance twice', async () => {
    const { ws, reviewId } = await flaggedReview();
    const request = {
      field: 'factors.CF-1.text',
      rule: 'lack-of-curiosity',
      justification: 'Quoted from the agency return.',
    };
    await acceptFlag(ws, reviewId, request);
    const error = await refusal(() => acceptFlag(ws, reviewId, request));
    expect(error.issues.map((i) => i.code)).toEqual(['flag-already-accepted']);
  });

  it('is checked as an event: a forged or stale acceptance is refused, as in an imported bundle', async () => {
    const { ws, reviewId } = await flaggedReview();
    const state = await ws.load(reviewId);
    const forged = {
      type: 'language.flag-accepted' as const,
      payload: {
        field: ['kpes', 'KPE-1', 'appraisal', 'text'],
        ids: ['KPE-2'],
        rule: 'failed-to',
        sentence: 'The protocol expects a reply within five days.',
        justification: 'Forged.',
      },
    };
    expect(checkEvent(state, model, forged).map((i) => i.code)).toEqual([
      'ids-mismatch',
      'flag-not-found',
    ]);
    expect(
      checkEvent(state, model, {
        ...forged,
        payload: { ...forged.payload, field: ['kpes', 'KPE-1', 'whatHappened'] },
      }).map((i) => i.code),
    ).toEqual(['field-unknown']);
  });

  it('travels in a bundle and folds back into the same state', async () => {
    const { ws, reviewId, store } = await flaggedReview();
    const { state } = await acceptFlag(ws, reviewId, {
      field: 'texts.window-on-the-system',
      rule: 'clearly',
      justification: 'Agreed wording with the case group.',
    });
    const bundle = await exportBundle(store, reviewId, PINNED_TIME);
    const checked = checkBundle(JSON.stringify(bundle), 'r.bundle.json', (id) => loadModel(id));
    expect(checked.state.acceptedFlags).toStrictEqual(state.acceptedFlags);
    expect(Object.values(checked.state.acceptedFlags)).toHaveLength(1);
  });
});

describe('the language-flags-resolved gate', () => {
  it('keeps the review in the findings stage while flags are open, and lets it go once each is accepted or reworded', async () => {
    const { ws, reviewId } = await flaggedReview();
    const unmet = async () =>
      defaultWorkflow.gates
        .unmet(await ws.load(reviewId), model, 'findings')
        .filter((i) => i.code === 'gate-unmet' && i.path[1] === 'language-flags-resolved');

    const blocking = await unmet();
    expect(blocking).toHaveLength(10);
    expect(blocking[0]?.message).toBe(
      'Every sentence the language check flags (hindsight, counterfactual or blame phrasing) is reworded, or accepted by a reviewer with a recorded justification — KPE-1 appraisal, sentence 1: "failed to" (failed-to) is flagged; reword it, or accept it with a justification',
    );
    expect(blocking[0]?.ids).toEqual(['KPE-1']);
    expect(blocking[0]?.fix).toEqual({
      kind: 'accept-flag',
      field: 'kpes.KPE-1.appraisal.text#1',
      rule: 'failed-to',
    });

    for (const flag of lintReview(await ws.load(reviewId), rules)) {
      if (flag.path[0] === 'kpes') {
        await acceptFlag(ws, reviewId, {
          field: flag.handle,
          rule: flag.rule,
          justification: 'Kept after discussion at the review team meeting.',
        });
      }
    }
    await editFactor(ws, reviewId, 'CF-1', {
      text: 'Nobody had asked the partner about himself, and records had no place for him.',
    });
    await editFinding(ws, reviewId, 'F-1', {
      statement: 'Notifications travel by routes that confirm nothing.',
      sections: {
        'why-it-matters': 'Knowledge held in different places was not brought together.',
      },
    });
    await setReportText(ws, reviewId, 'window-on-the-system', 'The agencies worked in silos.');
    expect((await unmet()).map((i) => i.ids)).toEqual([
      ['F-1', 'BI-2'],
      ['F-1', 'BI-2'],
    ]);
    for (const rule of ['rhetorical-question', 'failed-to']) {
      await acceptFlag(ws, reviewId, {
        field: 'findings.F-1.boardIssues.BI-2.question',
        rule,
        justification: 'The Board asked for this question in these words.',
      });
    }
    expect(await unmet()).toEqual([]);
  });

  it('is a gate of the findings stage in the Learning Together model', () => {
    expect(model.stages.find((s) => s.id === 'findings')?.gates).toContain(
      'language-flags-resolved',
    );
    expect(defaultWorkflow.gates.has('language-flags-resolved')).toBe(true);
  });
});

describe('the demo review', () => {
  it('has no open flags, so it reaches the report stage', async () => {
    const { buildDemoReview, DEMO_SCENARIO } = await import('../../src/app/demo/build-demo.ts');
    // The demo's returns run into 2026, and no entry may be dated after the day it is imported.
    const { ws } = openTestWorkspace(undefined, { clock: pinnedClock('2026-11-26T09:00:00.000Z') });
    const reviewId = await buildDemoReview(ws, DEMO_SCENARIO);
    const state = await ws.load(reviewId);
    expect(state.stage).toBe('report');
    expect(lintReview(state, rules, { includeAccepted: true })).toEqual([]);
  });
});
