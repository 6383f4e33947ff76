// The review ws: stable ids that are never reused, and bad input refused with a message
// that names the field and the fix — with the store exactly as it was before.
import { describe, expect, it } from 'vitest';
import { addFactor, editFactor, linkFactor } from '../../src/app/factors.ts';
import { addFinding, editFinding, linkFindingFactors } from '../../src/app/findings.ts';
import { addKpe, editKpe, removeKpe } from '../../src/app/kpes.ts';
import { recordMeeting } from '../../src/app/meetings.ts';
import { addAgency } from '../../src/app/register.ts';
import { createReview, updateReview } from '../../src/app/reviews.ts';
import type { Workspace } from '../../src/app/workspace.ts';
import type { Fix } from '../../src/domain/fix.ts';
import type { SqliteEventStore } from '../../src/store/sqlite-event-store.ts';
import {
  issueLines,
  logPosition,
  newId,
  openTestWorkspace,
  refusal,
  workspaceWithReview,
} from '../helpers/workspace.ts';

const KPE = {
  title: 'Home visit after the birth of a sibling',
  period: { from: '2023-05-02' },
  whatHappened: 'The health visitor saw the family at home.',
};

/** A review with two agencies, one KPE (KPE-1), one factor (CF-1) and one finding (F-1). */
async function reviewWithContent() {
  const handle = await workspaceWithReview();
  const { ws, reviewId } = handle;
  await addAgency(ws, reviewId, { name: 'Health Visiting', sector: 'health' });
  await addAgency(ws, reviewId, { name: 'Nursery', sector: 'early-years' });
  await addKpe(ws, reviewId, { ...KPE, agencyIds: ['AG-1', 'AG-2'] });
  await addFactor(ws, reviewId, {
    head: 'conditions-of-work',
    text: 'Caseloads above the ceiling',
    scope: 'generic',
  });
  await addFinding(ws, reviewId, {
    statement: 'Caseload pressure crowds out return visits.',
    category: 'human-management-system-operation',
  });
  return handle;
}

/**
 * Runs `command`, which must be refused; checks that nothing was written (same event count,
 * same head hash, same number of reviews) and returns the refusal's lines.
 */
/** The refusal's issues as lines (`path: message`), with the fixes they carry alongside. */
async function refusedWithoutChange(
  store: SqliteEventStore,
  reviewId: string,
  command: () => Promise<unknown>,
): Promise<string[] & { fixes: (Fix | undefined)[] }> {
  const before = await logPosition(store, reviewId);
  const error = await refusal(command);
  expect(await logPosition(store, reviewId)).toEqual(before);
  expect(await store.verify()).toEqual([]);
  // Not enumerable, so a test can still compare the lines alone with toEqual.
  return Object.defineProperty(issueLines(error), 'fixes', {
    value: error.issues.map((i) => i.fix),
  }) as string[] & { fixes: (Fix | undefined)[] };
}

describe('ReviewService stable ids', () => {
  it('numbers KPEs KPE-1, KPE-2 and, after KPE-2 is removed, KPE-3', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const ids: (string | undefined)[] = [];
    for (let i = 0; i < 2; i++) ids.push(newId(await addKpe(ws, reviewId, KPE)));
    await removeKpe(ws, reviewId, 'KPE-2', 'entered twice');
    const { events, state } = await addKpe(ws, reviewId, KPE);
    ids.push(newId({ events }));
    expect(ids).toEqual(['KPE-1', 'KPE-2', 'KPE-3']);
    expect(Object.keys(state.kpes)).toEqual(['KPE-1', 'KPE-3']);
  });

  it('refuses an id that was used before and removed, saying which id to use instead', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    await addKpe(ws, reviewId, KPE);
    await addKpe(ws, reviewId, KPE);
    await removeKpe(ws, reviewId, 'KPE-2', 'entered twice');
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, KPE, 'KPE-2'),
    );
    expect(lines).toEqual([
      `id: KPE-2 was used before and removed in review ${reviewId}; stable ids are never reused (the next free one is KPE-3)`,
    ]);
    expect(lines.fixes).toEqual([{ kind: 'omit-id', next: 'KPE-3' }]);
  });

  it('refuses an id already in use, saying which id to use instead', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    await addKpe(ws, reviewId, KPE);
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, KPE, 'KPE-1'),
    );
    expect(lines[0]).toContain('id: KPE-1 is already in use');
    expect(lines[0]).toContain('the next free one is KPE-2');
    expect(lines.fixes).toEqual([{ kind: 'omit-id', next: 'KPE-2' }]);
  });

  it('accepts a requested id that was never used, and counts on from the highest', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    await addFactor(ws, reviewId, { head: 'family', text: 'A' }, 'CF-7');
    const { events } = await addFactor(ws, reviewId, { head: 'family', text: 'B' });
    expect(newId({ events })).toBe('CF-8');
  });

  it('refuses a requested id of the wrong kind, naming the form expected', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, KPE, 'CF-1'),
    );
    expect(lines).toEqual(['id: an id of the form KPE-<number>, e.g. KPE-1']);
  });

  it('refuses a link to a removed KPE, saying it was removed and why', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    await removeKpe(ws, reviewId, 'KPE-1', 'merged into another episode');
    const lines = await refusedWithoutChange(store, reviewId, () =>
      linkFactor(ws, reviewId, { kpeId: 'KPE-1', factorId: 'CF-1' }),
    );
    expect(lines[0]).toContain(
      `kpeId: KPE-1 was removed from review ${reviewId} (merged into another episode) and cannot be referred to`,
    );
  });

  it('keeps ids stable per review: a second review starts its own count', async () => {
    const { ws, reviewId } = await reviewWithContent();
    const other = await createReview(ws, { title: 'Other', kind: 'scr' }, 'R-TEST02');
    const { events } = await addKpe(ws, other.state.review.id, KPE);
    expect(newId({ events })).toBe('KPE-1');
    expect(Object.keys((await ws.load(reviewId)).kpes)).toEqual(['KPE-1']);
  });
});

describe('ReviewService refusing bad input', () => {
  it('refuses an unknown factor head, listing the valid heads', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addFactor(ws, reviewId, { head: 'workload', text: 'Too many cases' }),
    );
    expect(lines).toEqual([
      'head: "workload" is not a factor head of model learning-together; use one of family, personal, role, conditions-of-work, own-team, inter-agency-team, organisational-culture-and-management, wider-political-context, other',
    ]);
  });

  it('refuses an unknown factor head in an edit too', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      editFactor(ws, reviewId, 'CF-1', { head: 'workload' }),
    );
    expect(lines[0]).toMatch(/^head: "workload" is not a factor head .*; use one of family, /);
  });

  it('refuses an unknown typology category, listing the categories of the review’s typology', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addFinding(ws, reviewId, { statement: 'A pattern.', category: 'communication' }),
    );
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(
      'category: "communication" is not a category of typology scie-2008 (model learning-together); use one of ',
    );
    expect(lines[0]).toContain('multi-agency-assessment-and-longer-term-work');
  });

  it('refuses a link to a KPE that does not exist, saying where to look', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      linkFactor(ws, reviewId, { kpeId: 'KPE-9', factorId: 'CF-1' }),
    );
    expect(lines).toEqual([`kpeId: KPE-9 does not exist in review ${reviewId}`]);
    expect(lines.fixes).toEqual([{ kind: 'list', record: 'kpe' }]);
  });

  it('refuses a link whose evidence does not exist', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      linkFactor(ws, reviewId, { kpeId: 'KPE-1', factorId: 'CF-1', evidence: ['EX-4'] }),
    );
    expect(lines[0]).toContain(`evidence.0: EX-4 does not exist in review ${reviewId}`);
  });

  it('refuses evidence that is neither an excerpt nor a chronology entry', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      linkFactor(ws, reviewId, { kpeId: 'KPE-1', factorId: 'CF-1', evidence: ['KPE-1'] }),
    );
    expect(lines[0]).toContain(
      'evidence.0: evidence "KPE-1" is neither an excerpt (EX-n) nor a chronology entry (CH-n)',
    );
  });

  it('refuses an empty title, saying to write something', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, { ...KPE, title: '   ' }),
    );
    expect(lines).toEqual(['title: the KPE title is empty; write at least one character']);
    const review = await refusedWithoutChange(store, reviewId, () =>
      createReview(ws, { title: '', kind: 'lcspr' }),
    );
    expect(review).toEqual(['title: the review title is empty; write at least one character']);
  });

  it('refuses a 100 KB title, saying how long it may be', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const huge = 'x'.repeat(100 * 1024);
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, { ...KPE, title: huge }),
    );
    expect(lines).toEqual(['title: the KPE title is too long; keep it under 300 characters']);
    const review = await refusedWithoutChange(store, reviewId, () =>
      updateReview(ws, reviewId, { title: huge }),
    );
    expect(review).toEqual(['title: the review title is too long; keep it under 300 characters']);
  });

  it('refuses 2023-02-31, saying February 2023 has 28 days', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, { ...KPE, period: { from: '2023-02-31' } }),
    );
    expect(lines).toEqual([
      'period.from: "2023-02-31" is not a real date: February 2023 has 28 days; give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)',
    ]);
  });

  it('refuses other impossible dates with the reason, wherever they are', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const leap = await refusedWithoutChange(store, reviewId, () =>
      recordMeeting(ws, reviewId, { type: 'review-team', date: '2023-02-29' }),
    );
    expect(leap).toEqual([
      'date: "2023-02-29" is not a real date: February 2023 has 28 days; give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)',
    ]);
    const month = await refusedWithoutChange(store, reviewId, () =>
      updateReview(ws, reviewId, { keyDates: { notification: '2025-13-01' } }),
    );
    expect(month).toEqual([
      'keyDates.notification: "2025-13-01" has month 13; months run from 01 to 12; give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)',
    ]);
    // A day in UK form is read (see tests/app/references.test.ts); a month is not a day.
    const form = await refusedWithoutChange(store, reviewId, () =>
      editKpe(ws, reviewId, 'KPE-1', { period: { from: '05/2023' } }),
    );
    expect(form).toEqual([
      'period.from: "05/2023" gives only a month, and a day is needed here; give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)',
    ]);
    // A leap year's 29 February is a real date.
    await recordMeeting(ws, reviewId, { type: 'review-team', date: '2024-02-29' });
  });

  it('refuses a period that ends before it starts', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, { ...KPE, period: { from: '2023-05-02', to: '2023-05-01' } }),
    );
    expect(lines).toEqual([
      'period.to: the period ends before it starts; give "to" on or after "from"',
    ]);
  });

  it('refuses an unknown variant, listing the variants', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      updateReview(ws, reviewId, { variant: 'express' }),
    );
    expect(lines).toEqual([
      'variant: "express" is not a variant of model learning-together; use one of full, mid-range, intensive, speed-plus, focused',
    ]);
    const created = await refusedWithoutChange(store, reviewId, () =>
      createReview(ws, { title: 'T', kind: 'lcspr', variant: 'express' }),
    );
    expect(created[0]).toContain('variant: "express" is not a variant');
  });

  it('refuses an unknown meeting type, listing the types', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      recordMeeting(ws, reviewId, { type: 'case-conference', date: '2026-02-03' }),
    );
    expect(lines).toEqual([
      'type: "case-conference" is not a meeting type of model learning-together; use one of rapid-review, review-team, joint-meeting-1, joint-meeting-2, focused-day, board',
    ]);
  });

  it('refuses an unknown finding section, listing the sections', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addFinding(ws, reviewId, {
        statement: 'A pattern.',
        category: 'human-management-system-operation',
        sections: { background: 'Text.' },
      }),
    );
    expect(lines).toEqual([
      'sections.background: "background" is not a finding section of model learning-together; use one of introduction, how-it-featured, not-peculiar, how-widespread, why-it-matters',
    ]);
    const edit = await refusedWithoutChange(store, reviewId, () =>
      editFinding(ws, reviewId, 'F-1', { sections: { background: 'Text.' } }),
    );
    expect(edit[0]).toContain('sections.background: "background" is not a finding section');
  });

  it('refuses an unknown review kind and an unknown model, with the choices', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const kind = await refusedWithoutChange(store, reviewId, () =>
      createReview(ws, { title: 'T', kind: 'serious-case' }),
    );
    expect(kind).toEqual([
      'kind: unknown review kind "serious-case"; use one of rapid-review, lcspr, scr, learning-review',
    ]);
    const model = await refusedWithoutChange(store, reviewId, () =>
      createReview(ws, { title: 'T', kind: 'lcspr', modelId: 'learning-togther' }),
    );
    expect(model.join('\n')).toContain(
      'unknown model "learning-togther" (did you mean "learning-together"?)',
    );
  });

  it('refuses a misspelt field name, naming it', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, { ...KPE, whatHapened: 'typo' }),
    );
    expect(lines).toEqual(['unknown field "whatHapened"; check the spelling']);
  });

  it('refuses a command on a review that does not exist, listing the reviews there are', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () => addKpe(ws, 'R-NOPE99', KPE));
    expect(lines[0]).toContain(`review: there is no review R-NOPE99 in ${store.location}`);
    expect(lines[0]).toContain(`the reviews here are ${reviewId}`);
    expect(lines.fixes).toEqual([{ kind: 'choose-review', reviews: [reviewId] }]);
  });

  it('refuses a review id that is taken', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      createReview(ws, { title: 'Again', kind: 'lcspr' }, reviewId),
    );
    expect(lines).toEqual([`id: a review with id ${reviewId} already exists; choose another id`]);
  });

  it('names every problem of a command at once', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      addKpe(ws, reviewId, {
        title: '',
        period: { from: '2023-02-30' },
        whatHappened: 'x',
        agencyIds: ['AG-1'],
      }),
    );
    expect(lines).toEqual([
      'title: the KPE title is empty; write at least one character',
      'period.from: "2023-02-30" is not a real date: February 2023 has 28 days; give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)',
    ]);
  });

  it('writes nothing when one event of a multi-event command is refused', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    await addFactor(ws, reviewId, { head: 'family', text: 'Mother avoided appointments' });
    const lines = await refusedWithoutChange(store, reviewId, () =>
      linkFindingFactors(ws, reviewId, 'F-1', ['CF-2', 'CF-9']),
    );
    expect(lines).toEqual([`factorId: CF-9 does not exist in review ${reviewId}`]);
    expect(lines.fixes).toEqual([{ kind: 'list', record: 'factor' }]);
    // The workspace's own cached state was not touched by the refused first event either.
    expect((await ws.load(reviewId)).findings['F-1']?.factorIds).toEqual([]);
    const { events, state } = await linkFindingFactors(ws, reviewId, 'F-1', ['CF-2', 'CF-1']);
    expect(events.map((e) => e.type)).toEqual(['finding.factor-linked', 'finding.factor-linked']);
    expect(state.findings['F-1']?.factorIds).toEqual(['CF-2', 'CF-1']);
  });

  it('keeps working normally after a refusal', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    await refusal(() => addFactor(ws, reviewId, { head: 'workload', text: 'x' }));
    const { events } = await addFactor(ws, reviewId, { head: 'family', text: 'x' });
    expect(newId({ events })).toBe('CF-2');
    expect(await store.verify()).toEqual([]);
  });
});

describe('ReviewService edits', () => {
  it('changes only the fields an edit gives: a KPE keeps its agencies when its title changes', async () => {
    const { ws, reviewId } = await reviewWithContent();
    const { state } = await editKpe(ws, reviewId, 'KPE-1', { title: 'Home visit (renamed)' });
    expect(state.kpes['KPE-1']).toMatchObject({
      title: 'Home visit (renamed)',
      agencyIds: ['AG-1', 'AG-2'],
      period: { from: '2023-05-02' },
    });
  });

  it('changes only the fields an edit gives: a factor keeps its scope when its text changes', async () => {
    const { ws, reviewId } = await reviewWithContent();
    const { state } = await editFactor(ws, reviewId, 'CF-1', { text: 'Caseloads far above' });
    expect(state.factors['CF-1']).toMatchObject({ text: 'Caseloads far above', scope: 'generic' });
  });

  it('refuses an edit of a KPE that does not exist', async () => {
    const { ws, store, reviewId } = await reviewWithContent();
    const lines = await refusedWithoutChange(store, reviewId, () =>
      editKpe(ws, reviewId, 'KPE-5', { title: 'x' }),
    );
    expect(lines[0]).toContain(`id: KPE-5 does not exist in review ${reviewId}`);
  });
});

describe('ReviewService with two services on one workspace', () => {
  it('sees the other’s changes and appends after them', async () => {
    const { path, ws, reviewId } = await reviewWithContent();
    const second: Workspace = openTestWorkspace(path).ws;
    await addKpe(second, reviewId, KPE);
    const { events } = await addKpe(ws, reviewId, KPE);
    expect(newId({ events })).toBe('KPE-3');
  });
});
