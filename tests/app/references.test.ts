// Inputs read as people type them, through the use-cases: chronology entries cited by
// FILE#RECORD and AGENCY#RECORD (ids that do not shift when a row is skipped), ambiguous
// and unknown citations refused naming the candidates, days in UK or ISO form, agencies and
// participants by name, and ids in any case with leading zeros — each refusal leaving the
// store as it was.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { traceOf } from '../../src/app/analysis.ts';
import {
  addChronologyEntry,
  decideDuplicates,
  editChronologyEntry,
  listChronology,
} from '../../src/app/chronology.ts';
import { chronologyView } from '../../src/app/chronology-views.ts';
import {
  addExcerpt,
  editConversation,
  recordConversation,
  updateConversation,
} from '../../src/app/conversations.ts';
import { addFactor, editFactor, linkFactor } from '../../src/app/factors.ts';
import { addFinding, linkFindingFactors } from '../../src/app/findings.ts';
import { importReturn } from '../../src/app/import-return.ts';
import { addKpe, editKpe, removeKpe, showKpe } from '../../src/app/kpes.ts';
import { editMeeting, recordMeeting, updateMeeting } from '../../src/app/meetings.ts';
import { clockDue } from '../../src/app/models.ts';
import { addAgency, addParticipant, addPerson, editPerson } from '../../src/app/register.ts';
import { createReview, updateReview } from '../../src/app/reviews.ts';
import { editTime, logTime } from '../../src/app/time-log.ts';
import type { Workspace } from '../../src/app/workspace.ts';
import {
  issueLines,
  logPosition,
  openTestWorkspace,
  refusal,
  tempDir,
  workspaceWithReview,
} from '../helpers/workspace.ts';

const FORMS_OF_DAYS = 'give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)';

const KPE = {
  title: 'Bruise seen at the surgery',
  period: { from: '2023-07-19' },
  whatHappened: 'The GP saw a bruise to the left cheek.',
};

/** Writes a return into `dir` and imports it for `agency`, invalid records left out. */
async function imported(
  ws: Workspace,
  reviewId: string,
  dir: string,
  file: string,
  agency: string,
  rows: string[],
) {
  const path = join(dir, file);
  writeFileSync(path, ['Date,Time,Author,Details', ...rows].join('\n'));
  return importReturn(ws, reviewId, { path, agency, skipInvalid: true });
}

/**
 * A review with the GP's return imported with its record 2 (an impossible date) skipped:
 * CH-1 is record 1, CH-2 record 3 and CH-3 record 4. Two other agencies each sent a
 * `return.csv` (CH-4, CH-5), and the GP practice a second file (CH-6, its record 1).
 */
async function reviewWithReturns() {
  const dir = tempDir();
  const handle = await workspaceWithReview();
  const { ws, reviewId } = handle;
  await addAgency(ws, reviewId, { name: 'Brackenmoor Surgery', sector: 'health' });
  await addAgency(ws, reviewId, { name: 'Quillington Police', sector: 'police' });
  await addAgency(ws, reviewId, { name: 'Little Acorns Nursery', sector: 'early-years' });
  const gp = await imported(ws, reviewId, dir, 'gp-practice.csv', 'Brackenmoor Surgery', [
    '14/03/2023,09:40,GP,Immunisations given at the surgery.',
    '31/02/2023,,Practice nurse,Review letter sent.',
    '?/06/2023,,GP,Telephone advice about a cough.',
    '19/07/2023,16:05,GP,Bruise to the left cheek seen.',
  ]);
  await imported(ws, reviewId, dir, 'return.csv', 'Quillington Police', [
    '20/07/2023,22:10,PC 412,Domestic incident attended at the flat.',
  ]);
  await imported(ws, reviewId, dir, 'return.csv', 'Little Acorns Nursery', [
    '21/07/2023,08:50,Key worker,Bruise to the cheek noted at drop-off.',
  ]);
  await imported(ws, reviewId, dir, 'gp-letters.csv', 'AG-1', [
    '01/08/2023,,GP,Letter to the health visitor about the bruise.',
  ]);
  await addParticipant(ws, reviewId, { name: 'Dana Reid', role: 'lead-reviewer' });
  await addParticipant(ws, reviewId, { name: 'Sam Okafor', role: 'case-group', agencyId: 'AG-1' });
  const position = () => logPosition(handle.store, reviewId);
  return { ...handle, gp, position };
}

async function refusedUnchanged(
  handle: { position: () => Promise<unknown> },
  action: () => Promise<unknown>,
) {
  const before = await handle.position();
  const error = await refusal(action);
  expect(await handle.position()).toEqual(before);
  return error;
}

describe('citing chronology entries by file and record', () => {
  it('keeps CH ids and record numbers apart when a row is skipped, and cites by the record', async () => {
    const { ws, reviewId, gp } = await reviewWithReturns();
    expect(gp.outcome.ids).toEqual(['CH-1', 'CH-2', 'CH-3']);
    expect(gp.plan.invalidRecords).toEqual([2]);
    const state = await ws.load(reviewId);
    expect(state.chronology['CH-2']?.provenance).toEqual({
      method: 'import',
      file: 'gp-practice.csv',
      record: 3,
    });

    const { state: after } = await addKpe(ws, reviewId, {
      ...KPE,
      chronologyRefs: [
        'gp-practice.csv#3',
        'Brackenmoor Surgery#4',
        'ch-01',
        'ch-02',
        'GP-Practice.CSV # 04',
      ],
    });
    // Record 3 is CH-2 (not CH-3): citations follow the file, whatever was skipped.
    expect(after.kpes['KPE-1']?.chronologyRefs).toEqual(['CH-2', 'CH-3', 'CH-1']);
    expect(after.chronology['CH-2']?.text).toBe('Telephone advice about a cough.');
  });

  it('stores CH ids in the events, never the citation as typed', async () => {
    const { ws, reviewId } = await reviewWithReturns();
    const { events } = await addKpe(ws, reviewId, { ...KPE, chronologyRefs: ['AG-2#1'] });
    expect(events[0]?.payload).toMatchObject({ chronologyRefs: ['CH-4'] });
  });

  it('resolves citations when a KPE is edited, with agencies by name', async () => {
    const { ws, reviewId } = await reviewWithReturns();
    await addKpe(ws, reviewId, KPE);
    const { state, events } = await editKpe(ws, reviewId, 'kpe-01', {
      chronologyRefs: ['Quillington Police#1', 'gp-letters.csv#1'],
      agencyIds: ['quillington  police', 'AG-1'],
    });
    expect(events[0]?.payload).toEqual({
      id: 'KPE-1',
      changes: { chronologyRefs: ['CH-4', 'CH-6'], agencyIds: ['AG-2', 'AG-1'] },
    });
    expect(state.kpes['KPE-1']?.agencyIds).toEqual(['AG-2', 'AG-1']);
  });

  it('resolves factor link evidence by citation, beside excerpts in any case', async () => {
    const { ws, reviewId } = await reviewWithReturns();
    await addKpe(ws, reviewId, KPE);
    await addFactor(ws, reviewId, { head: 'conditions-of-work', text: 'Ten-minute appointments' });
    await recordConversation(ws, reviewId, { participantId: 'Sam Okafor', date: '10/02/2026' });
    await addExcerpt(ws, reviewId, {
      conversationId: 'cv-01',
      sectionId: 'overview',
      text: 'There was no time to ask about the bruise.',
    });
    const { state } = await linkFactor(ws, reviewId, {
      kpeId: 'kpe-1',
      factorId: 'cf-01',
      evidence: ['gp-practice.csv#4', 'ex-1', 'Little Acorns Nursery#1'],
    });
    expect(Object.values(state.links)).toEqual([
      { kpeId: 'KPE-1', factorId: 'CF-1', evidence: ['CH-3', 'EX-1', 'CH-5'] },
    ]);
    const shown = await showKpe(ws, reviewId, 'KPE-1');
    expect(shown.links[0]?.cited).toEqual([
      {
        id: 'CH-3',
        kind: 'chronology',
        agencyId: 'AG-1',
        agencyName: 'Brackenmoor Surgery',
        citation: 'gp-practice.csv#4',
      },
      {
        id: 'EX-1',
        kind: 'excerpt',
        conversationId: 'CV-1',
        agencyId: 'AG-1',
        agencyName: 'Brackenmoor Surgery',
      },
      {
        id: 'CH-5',
        kind: 'chronology',
        agencyId: 'AG-3',
        agencyName: 'Little Acorns Nursery',
        citation: 'return.csv#1',
      },
    ]);
  });

  it('accepts citations for a duplicate decision, keeping a repeat to be refused as one', async () => {
    const handle = await reviewWithReturns();
    const { ws, reviewId } = handle;
    const { events } = await decideDuplicates(ws, reviewId, {
      entryIds: ['gp-practice.csv#4', 'AG-3#1'],
      decision: 'confirmed',
    });
    expect(events[0]?.payload).toMatchObject({ entryIds: ['CH-3', 'CH-5'] });
    const twice = await refusedUnchanged(handle, () =>
      decideDuplicates(ws, reviewId, {
        entryIds: ['CH-3', 'gp-practice.csv#4'],
        decision: 'split',
      }),
    );
    expect(issueLines(twice)).toEqual(['entryIds: CH-3 listed twice']);
  });

  it('shows each entry with its agency and citation: chronology list, kpe show and trace', async () => {
    const { ws, reviewId } = await reviewWithReturns();
    const listed = await listChronology(ws, reviewId, 'brackenmoor surgery');
    expect(listed.map((e) => [e.id, e.agencyName, e.citation])).toEqual([
      ['CH-1', 'Brackenmoor Surgery', 'gp-practice.csv#1'],
      ['CH-2', 'Brackenmoor Surgery', 'gp-practice.csv#3'],
      ['CH-3', 'Brackenmoor Surgery', 'gp-practice.csv#4'],
      ['CH-6', 'Brackenmoor Surgery', 'gp-letters.csv#1'],
    ]);
    await addKpe(ws, reviewId, { ...KPE, chronologyRefs: ['gp-practice.csv#4'] });
    expect((await showKpe(ws, reviewId, 'KPE-1')).chronology).toMatchObject([
      { id: 'CH-3', agencyName: 'Brackenmoor Surgery', citation: 'gp-practice.csv#4' },
    ]);
    await addFactor(ws, reviewId, { head: 'conditions-of-work', text: 'Ten-minute appointments' });
    await linkFactor(ws, reviewId, { kpeId: 'KPE-1', factorId: 'CF-1', evidence: ['AG-2#1'] });
    await addFinding(
      ws,
      reviewId,
      {
        statement: 'Short appointments leave injuries unexplored.',
        category: 'human-management-system-operation',
      },
      { factorIds: ['cf-1'] },
    );
    const trace = await traceOf(ws, reviewId, 'f-01');
    expect(trace.factors[0]?.kpes[0]?.evidence).toMatchObject([
      {
        id: 'CH-4',
        agencyName: 'Quillington Police',
        citation: 'return.csv#1',
        relation: 'link-evidence',
      },
      {
        id: 'CH-3',
        agencyName: 'Brackenmoor Surgery',
        citation: 'gp-practice.csv#4',
        relation: 'drawn-on',
      },
    ]);
  });
});

describe('citations refused', () => {
  it('refuses a file name two returns share, naming the candidates', async () => {
    const handle = await reviewWithReturns();
    const error = await refusedUnchanged(handle, () =>
      addKpe(handle.ws, handle.reviewId, { ...KPE, chronologyRefs: ['return.csv#1'] }),
    );
    expect(error.issues).toMatchObject([
      {
        code: 'reference-ambiguous',
        path: ['chronologyRefs', 0],
        ids: ['CH-4', 'CH-5'],
        fix: { kind: 'list', record: 'chronology' },
      },
    ]);
    expect(issueLines(error)).toEqual([
      'chronologyRefs.0: "return.csv#1" could be any of 2 entries in review R-TEST01, from returns that each hold a record 1: CH-4 (return.csv#1, AG-2 "Quillington Police"), CH-5 (return.csv#1, AG-3 "Little Acorns Nursery"); cite the one meant by its id, or by its file or agency where that tells them apart',
    ]);
  });

  it('refuses an agency whose returns each hold the record, naming the candidates', async () => {
    const handle = await reviewWithReturns();
    await addFactor(handle.ws, handle.reviewId, { head: 'conditions-of-work', text: 'x' });
    await addKpe(handle.ws, handle.reviewId, KPE);
    const error = await refusedUnchanged(handle, () =>
      linkFactor(handle.ws, handle.reviewId, {
        kpeId: 'KPE-1',
        factorId: 'CF-1',
        evidence: ['Brackenmoor Surgery#1'],
      }),
    );
    expect(error.issues[0]).toMatchObject({ code: 'reference-ambiguous', ids: ['CH-1', 'CH-6'] });
    expect(issueLines(error)[0]).toContain(
      'CH-1 (gp-practice.csv#1, AG-1 "Brackenmoor Surgery"), CH-6 (gp-letters.csv#1, AG-1 "Brackenmoor Surgery")',
    );
  });

  it('refuses a record the return does not hold, listing the records it does', async () => {
    const handle = await reviewWithReturns();
    const error = await refusedUnchanged(handle, () =>
      addKpe(handle.ws, handle.reviewId, { ...KPE, chronologyRefs: ['gp-practice.csv#2'] }),
    );
    expect(issueLines(error)).toEqual([
      'chronologyRefs.0: "gp-practice.csv" has no imported record 2 in review R-TEST01; its records are gp-practice.csv 1, 3, 4',
    ]);
  });

  it('refuses an unknown source, an id of another kind and text of no accepted form, all at once', async () => {
    const handle = await reviewWithReturns();
    const error = await refusedUnchanged(handle, () =>
      addKpe(handle.ws, handle.reviewId, {
        ...KPE,
        chronologyRefs: ['hospital.csv#3', 'KPE-1', 'the GP one', 'CH-40'],
        agencyIds: ['Brackenmoor'],
      }),
    );
    const forms =
      'give a chronology entry by its id (CH-1), by file and record (gp-practice.csv#1) or by agency and record (AG-1#1)';
    expect(issueLines(error)).toEqual([
      'agencyIds.0: review R-TEST01 has no agency "Brackenmoor"; give one by id (AG-2) or by its name; its agencies are AG-1 "Brackenmoor Surgery", AG-2 "Quillington Police", AG-3 "Little Acorns Nursery"',
      `chronologyRefs.0: review R-TEST01 has no return named "hospital.csv" and no agency of that name; its returns are gp-practice.csv (AG-1), return.csv (AG-2), gp-letters.csv (AG-1); ${forms}`,
      `chronologyRefs.1: "KPE-1" is not a chronology entry (those are CH-n); ${forms}`,
      `chronologyRefs.2: "the GP one" does not name a chronology entry; ${forms}`,
      'chronologyRefs.3: CH-40 does not exist in review R-TEST01',
    ]);
    expect(error.issues.map((i) => i.code)).toEqual([
      'agency-unknown',
      'reference-unknown',
      'reference-unreadable',
      'reference-unreadable',
      'reference-unknown',
    ]);
    expect(error.issues.every((i) => i.fix?.kind === 'list')).toBe(true);
  });

  it('refuses evidence that is neither an excerpt nor an entry, naming both forms', async () => {
    const handle = await reviewWithReturns();
    await addKpe(handle.ws, handle.reviewId, KPE);
    await addFactor(handle.ws, handle.reviewId, { head: 'conditions-of-work', text: 'x' });
    const error = await refusedUnchanged(handle, () =>
      linkFactor(handle.ws, handle.reviewId, {
        kpeId: 'KPE-1',
        factorId: 'CF-1',
        evidence: ['F-1'],
      }),
    );
    expect(issueLines(error)).toEqual([
      'evidence.0: evidence "F-1" is neither an excerpt (EX-n) nor a chronology entry (CH-n); give evidence as an excerpt (EX-4) or a chronology entry by its id (CH-1), by file and record (gp-practice.csv#1) or by agency and record (AG-1#1)',
    ]);
  });
});

describe('days as people write them', () => {
  it('reads UK and ISO days for a KPE period, stored as ISO days', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    const { state } = await addKpe(ws, reviewId, {
      ...KPE,
      period: { from: '14/03/2023', to: '2023-03-20' },
    });
    expect(state.kpes['KPE-1']?.period).toEqual({ from: '2023-03-14', to: '2023-03-20' });
    const edited = await editKpe(ws, reviewId, 'KPE-1', {
      period: { from: '3 March 2023', to: '14.03.23' },
    });
    expect(edited.state.kpes['KPE-1']?.period).toEqual({ from: '2023-03-03', to: '2023-03-14' });
  });

  it('compares a period after reading it: a UK "to" before the "from" is refused', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    const before = await logPosition(store, reviewId);
    const error = await refusal(() =>
      addKpe(ws, reviewId, { ...KPE, period: { from: '14/03/2023', to: '02/03/2023' } }),
    );
    expect(issueLines(error)).toEqual([
      'period.to: the period ends before it starts; give "to" on or after "from"',
    ]);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('reads UK days for meetings, conversations, time, key dates and a person’s birth', async () => {
    const { ws } = openTestWorkspace();
    const created = await createReview(
      ws,
      {
        title: 'Learning review: Child B',
        kind: 'lcspr',
        keyDates: { notification: '19/12/2025' },
      },
      'R-DAYS01',
    );
    expect(created.state.review.keyDates).toEqual({ notification: '2025-12-19' });
    const reviewId = created.state.review.id;
    const updated = await updateReview(ws, reviewId, { keyDates: { decision: '20 January 2026' } });
    expect(updated.state.review.keyDates).toEqual({
      notification: '2025-12-19',
      decision: '2026-01-20',
    });
    await addParticipant(ws, reviewId, { name: 'Dana Reid', role: 'lead-reviewer' });
    const meeting = await recordMeeting(ws, reviewId, { type: 'review-team', date: '03/02/2026' });
    expect(meeting.state.meetings['M-1']?.date).toBe('2026-02-03');
    const moved = await updateMeeting(ws, reviewId, 'm-01', { date: '04/02/2026' });
    expect(moved.state.meetings['M-1']?.date).toBe('2026-02-04');
    const talk = await recordConversation(ws, reviewId, {
      participantId: 'PT-1',
      date: '10/02/2026',
    });
    expect(talk.state.conversations['CV-1']?.date).toBe('2026-02-10');
    const held = await updateConversation(ws, reviewId, 'CV-1', { date: '11/02/2026' });
    expect(held.state.conversations['CV-1']?.date).toBe('2026-02-11');
    const time = await logTime(ws, reviewId, {
      participantId: 'PT-1',
      activity: 'reading records',
      minutes: 90,
      date: '14/01/2026',
    });
    expect(time.state.timeLog['T-1']?.date).toBe('2026-01-14');
    const person = await addPerson(ws, reviewId, {
      realName: 'Maisie Thorne',
      roleInCase: 'subject child',
      publicationLabel: 'Child A',
      dateOfBirth: '05/08/2021',
    });
    expect(person.state.persons['P-1']?.dateOfBirth).toBe('2021-08-05');
  });

  it('reads UK days for a clock and for the chronology shown', async () => {
    const due = await clockDue('learning-together', 'rapid-review', '19/12/2025');
    expect(due.from).toBe('2025-12-19');
    const { ws, reviewId } = await reviewWithReturns();
    const view = await chronologyView(ws, reviewId, {
      from: '01/07/2023',
      to: '31 July 2023',
      agencies: ['brackenmoor surgery', 'AG-3'],
      format: 'text',
    });
    expect(view.entries).toBe(2);
    expect(view.text).toContain('Bruise to the left cheek seen.');
    expect(view.text).toContain('Bruise to the cheek noted at drop-off.');
    expect(view.text).not.toContain('Domestic incident');
  });

  it('refuses text that is less than a day, or more, naming the accepted forms', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    const before = await logPosition(store, reviewId);
    const kpe = await refusal(() =>
      addKpe(ws, reviewId, { ...KPE, period: { from: 'March 2023', to: '?/03/2023' } }),
    );
    expect(issueLines(kpe)).toEqual([
      `period.from: "March 2023" gives only a month, and a day is needed here; ${FORMS_OF_DAYS}`,
      `period.to: "?/03/2023" gives only a month, and a day is needed here; ${FORMS_OF_DAYS}`,
    ]);
    expect(kpe.issues.map((i) => i.code)).toEqual(['date-imprecise', 'date-imprecise']);
    const meeting = await refusal(() =>
      recordMeeting(ws, reviewId, { type: 'review-team', date: '03/02/2026 10:30' }),
    );
    expect(issueLines(meeting)).toEqual([
      `date: "03/02/2026 10:30" gives a time as well as a day; only the day is kept here, so give the day alone; ${FORMS_OF_DAYS}`,
    ]);
    const keyDate = await refusal(() =>
      updateReview(ws, reviewId, { keyDates: { notification: 'early May 2025' } }),
    );
    expect(issueLines(keyDate)).toEqual([
      `keyDates.notification: "early May 2025" gives a span of days, and a day is needed here; ${FORMS_OF_DAYS}`,
    ]);
    const word = await refusal(() => clockDue('learning-together', 'rapid-review', 'tbc'));
    expect(issueLines(word)).toEqual([
      `from: "tbc" is a placeholder, not a date; ${FORMS_OF_DAYS}`,
    ]);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });

  it('names a bad day and the other problems of the same command together', async () => {
    const { ws, store, reviewId } = await workspaceWithReview();
    const before = await logPosition(store, reviewId);
    const error = await refusal(() =>
      logTime(ws, reviewId, {
        participantId: 'PT-1',
        activity: '',
        minutes: 30,
        date: '31/02/2026',
      }),
    );
    expect(issueLines(error)).toEqual([
      'activity: the activity is empty; write at least one character',
      `date: "31/02/2026" is not a real date: February 2026 has 28 days; ${FORMS_OF_DAYS}`,
    ]);
    expect(await logPosition(store, reviewId)).toEqual(before);
  });
});

describe('agencies, participants and people by id or name', () => {
  it('takes participants and agencies by name wherever they are named', async () => {
    const { ws, reviewId } = await reviewWithReturns();
    const joined = await addParticipant(ws, reviewId, {
      name: 'Priya Shah',
      role: 'case-group',
      agencyId: 'little acorns nursery',
    });
    expect(joined.state.participants['PT-3']?.agencyId).toBe('AG-3');
    const meeting = await recordMeeting(ws, reviewId, {
      type: 'review-team',
      date: '2026-02-03',
      attendees: ['Dana Reid', 'pt-02', 'PRIYA  SHAH'],
    });
    expect(meeting.state.meetings['M-1']?.attendees).toEqual(['PT-1', 'PT-2', 'PT-3']);
    const talk = await recordConversation(ws, reviewId, {
      participantId: 'sam okafor',
      date: '2026-02-10',
      conductedBy: ['Dana Reid'],
    });
    expect(talk.state.conversations['CV-1']).toMatchObject({
      participantId: 'PT-2',
      conductedBy: ['PT-1'],
    });
    const time = await logTime(ws, reviewId, {
      participantId: 'Dana Reid',
      activity: 'reading records',
      minutes: 60,
      date: '2026-01-14',
    });
    expect(time.state.timeLog['T-1']?.participantId).toBe('PT-1');
    const entry = await addChronologyEntry(ws, reviewId, {
      agencyId: 'Quillington Police',
      date: '22/07/2023',
      text: 'Welfare check at the flat.',
    });
    expect(entry.state.chronology['CH-7']?.agencyId).toBe('AG-2');
  });

  it('reads days and names in the edits as in the adds: meetings, conversations, time, entries, people', async () => {
    const { ws, reviewId } = await reviewWithReturns();
    await recordMeeting(ws, reviewId, { type: 'review-team', date: '2026-02-03' });
    const meeting = await editMeeting(ws, reviewId, 'm-1', {
      date: '05/02/2026',
      attendees: ['Dana Reid', 'sam okafor'],
    });
    expect(meeting.state.meetings['M-1']).toMatchObject({
      date: '2026-02-05',
      attendees: ['PT-1', 'PT-2'],
    });
    await recordConversation(ws, reviewId, { participantId: 'PT-1', date: '2026-02-10' });
    const talk = await editConversation(ws, reviewId, 'cv-01', {
      participantId: 'Sam Okafor',
      conductedBy: ['dana reid'],
      date: '12 February 2026',
    });
    expect(talk.state.conversations['CV-1']).toMatchObject({
      participantId: 'PT-2',
      conductedBy: ['PT-1'],
      date: '2026-02-12',
    });
    await logTime(ws, reviewId, {
      participantId: 'PT-1',
      activity: 'reading records',
      minutes: 30,
      date: '2026-01-14',
    });
    const time = await editTime(ws, reviewId, 't-1', {
      participantId: 'Sam Okafor',
      date: '15/01/2026',
    });
    expect(time.state.timeLog['T-1']).toMatchObject({ participantId: 'PT-2', date: '2026-01-15' });
    const entry = await editChronologyEntry(ws, reviewId, 'ch-1', {
      agencyId: 'quillington police',
      date: '23/07/2023',
    });
    expect(entry.state.chronology['CH-1']).toMatchObject({
      agencyId: 'AG-2',
      date: { precision: 'day', start: '2023-07-23' },
    });
    await addPerson(ws, reviewId, {
      realName: 'Maisie Thorne',
      roleInCase: 'subject child',
      publicationLabel: 'Child A',
    });
    const person = await editPerson(ws, reviewId, 'p-01', { dateOfBirth: '05/08/2021' });
    expect(person.state.persons['P-1']?.dateOfBirth).toBe('2021-08-05');
  });

  it('refuses an unknown participant, listing who there is, and a name two share', async () => {
    const handle = await reviewWithReturns();
    const { ws, reviewId } = handle;
    const unknown = await refusedUnchanged(handle, () =>
      recordMeeting(ws, reviewId, {
        type: 'review-team',
        date: '2026-02-03',
        attendees: ['Dana Reed'],
      }),
    );
    expect(unknown.issues).toMatchObject([
      {
        code: 'reference-unknown',
        path: ['attendees', 0],
        fix: { kind: 'list', record: 'participant' },
      },
    ]);
    expect(issueLines(unknown)).toEqual([
      'attendees.0: review R-TEST01 has no participant "Dana Reed" (did you mean "Dana Reid"?); give one by id (PT-2) or by their name; its participants are PT-1 "Dana Reid", PT-2 "Sam Okafor"',
    ]);
    await addParticipant(ws, reviewId, { name: 'Sam  okafor', role: 'review-team' });
    const twice = await refusedUnchanged(handle, () =>
      logTime(ws, reviewId, {
        participantId: 'Sam Okafor',
        activity: 'notes',
        minutes: 5,
        date: '2026-01-14',
      }),
    );
    expect(twice.issues).toMatchObject([
      {
        code: 'reference-ambiguous',
        ids: ['PT-2', 'PT-3'],
        fix: { kind: 'list', record: 'participant' },
      },
    ]);
    expect(issueLines(twice)).toEqual([
      'participantId: "Sam Okafor" is the name of 2 participants in review R-TEST01 (PT-2 "Sam Okafor", PT-3 "Sam  okafor"); give the one meant by its id',
    ]);
  });

  it('refuses an agency id that does not exist, listing the agencies', async () => {
    const handle = await reviewWithReturns();
    const error = await refusedUnchanged(handle, () =>
      addParticipant(handle.ws, handle.reviewId, {
        name: 'Ola Berg',
        role: 'case-group',
        agencyId: 'ag-9',
      }),
    );
    expect(issueLines(error)).toEqual([
      'agencyId: AG-9 does not exist in review R-TEST01; give an agency by id (AG-2) or by its name; its agencies are AG-1 "Brackenmoor Surgery", AG-2 "Quillington Police", AG-3 "Little Acorns Nursery"',
    ]);
  });
});

describe('ids in any case, leading zeros tolerated', () => {
  it('reads cf-01 as CF-1, kpe-003 as KPE-3 and f-1 as F-1 in every use-case that takes an id', async () => {
    const { ws, reviewId } = await workspaceWithReview();
    await addKpe(ws, reviewId, KPE);
    await addKpe(ws, reviewId, { ...KPE, title: 'Second' });
    await addFactor(ws, reviewId, { head: 'conditions-of-work', text: 'Ten-minute appointments' });
    await addFinding(ws, reviewId, {
      statement: 'Short appointments leave injuries unexplored.',
      category: 'human-management-system-operation',
    });
    const edited = await editFactor(ws, reviewId, 'cf-01', { text: 'Ten-minute GP appointments' });
    expect(edited.events[0]?.payload).toMatchObject({ id: 'CF-1' });
    const linked = await linkFactor(ws, reviewId, { kpeId: ' kpe-002 ', factorId: 'Cf-1' });
    expect(linked.events[0]?.payload).toMatchObject({ kpeId: 'KPE-2', factorId: 'CF-1' });
    const found = await linkFindingFactors(ws, reviewId, 'f-01', ['cf-1']);
    expect(found.events[0]?.payload).toEqual({ findingId: 'F-1', factorId: 'CF-1' });
    const kpe = await editKpe(ws, reviewId, 'kpe-001', { title: 'Bruise seen' });
    expect(kpe.state.kpes['KPE-1']?.title).toBe('Bruise seen');
    expect((await showKpe(ws, reviewId, 'kpe-02')).id).toBe('KPE-2');
    const removed = await removeKpe(ws, reviewId, 'KPE-0002', 'entered twice', { force: true });
    expect(removed.events[0]?.payload).toMatchObject({ id: 'KPE-2' });
  });
});
