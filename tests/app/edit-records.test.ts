// Every record editable and removable through the use-cases: an edit changes only the fields
// given (nested ones merged), a removal keeps its reason and is refused while anything still
// names the record — naming it, with the store unchanged — unless forced, which detaches those
// links in the same event. The log shows each edit's old and new values, replayed from the
// events; the chain verifies; removed ids are never allocated again.
import { describe, expect, it } from 'vitest';
import {
  decideDuplicates,
  editChronologyEntry,
  removeChronologyEntry,
} from '../../src/app/chronology.ts';
import {
  addExcerpt,
  editConversation,
  editExcerpt,
  recordConversation,
  removeConversation,
  removeExcerpt,
} from '../../src/app/conversations.ts';
import { addFactor, editFactor, removeFactor, showFactor } from '../../src/app/factors.ts';
import {
  addBoardIssue,
  addFinding,
  editBoardIssue,
  editFinding,
  removeBoardIssue,
  removeFinding,
  unlinkFindingFactor,
} from '../../src/app/findings.ts';
import { addKpe, editKpe, removeKpe } from '../../src/app/kpes.ts';
import { acceptFlag } from '../../src/app/language.ts';
import { reviewLog, verifyWorkspace } from '../../src/app/log.ts';
import type { FieldChange } from '../../src/app/log-changes.ts';
import { editMeeting, recordMeeting, removeMeeting } from '../../src/app/meetings.ts';
import {
  addAgency,
  addParticipant,
  addPerson,
  editAgency,
  editParticipant,
  editPerson,
  removeAgency,
  removeParticipant,
  removePerson,
} from '../../src/app/register.ts';
import {
  addResearchQuestion,
  editResearchQuestion,
  removeResearchQuestion,
} from '../../src/app/reviews.ts';
import { editTime, logTime, removeTime } from '../../src/app/time-log.ts';
import type { CommandResult, Workspace } from '../../src/app/workspace.ts';
import type { ReviewState } from '../../src/domain/review-state.ts';
import { applyEventToGraph, createReviewGraph, projectReview } from '../../src/graph/index.ts';
import { foldEvents } from '../../src/store/fold-events.ts';
import {
  buildSampleReview,
  issueLines,
  logPosition,
  newId,
  refusal,
  type WorkspaceHandle,
  workspaceWithReview,
} from '../helpers/workspace.ts';

type Handle = WorkspaceHandle & { reviewId: string };

/**
 * The sample review: P-1; AG-1 and AG-2; PT-1 (lead reviewer) and PT-2 (AG-1); CH-1 (AG-1)
 * and CH-2 (AG-2); CV-1 with PT-2, held by PT-1, and its excerpt EX-1; KPE-1 (AG-1, CH-1)
 * and KPE-2 (AG-2); CF-1 and CF-2 linked KPE-1 → CF-1 (evidence EX-1, CH-1) and
 * KPE-2 → CF-2; F-1 (CF-1, BI-1) and F-2 (CF-1, CF-2, BI-2, rank 1); M-1 (PT-1, PT-2);
 * T-1 (PT-1); RQ-1. KPE-3 and CF-3 were removed.
 */
async function sample(): Promise<Handle> {
  const handle = await workspaceWithReview();
  await buildSampleReview(handle.ws, handle.reviewId);
  return handle;
}

async function state(h: Handle): Promise<ReviewState> {
  return h.ws.load(h.reviewId);
}

/** Refused, with nothing written; the issues as lines and their fixes. */
async function refusedUnchanged(h: Handle, action: () => Promise<unknown>) {
  const before = await logPosition(h.store, h.reviewId);
  const error = await refusal(action);
  expect(await logPosition(h.store, h.reviewId)).toEqual(before);
  return { lines: issueLines(error), fixes: error.issues.map((i) => i.fix), issues: error.issues };
}

/** The last event in the log as `log` shows it. */
async function lastLogged(h: Handle) {
  const log = await reviewLog(h.ws, h.reviewId);
  return log.at(-1);
}

function byField(changes: FieldChange[] | undefined): FieldChange[] {
  return [...(changes ?? [])].sort((a, b) => a.field.localeCompare(b.field));
}

/**
 * The chain verifies, the log folded afresh is the live state, and a graph kept up event by
 * event agrees with the full projection after every event.
 */
async function holdsTogether(h: Handle): Promise<void> {
  expect((await verifyWorkspace(h.ws)).ok).toBe(true);
  const events = await h.store.readEvents(h.reviewId);
  const live = await state(h);
  expect(foldEvents(events)).toEqual(live);
  const model = h.ws.modelOf(live);
  let graph = createReviewGraph({ reviewId: '', title: '', modelId: '', typology: '', seq: 0 });
  for (let i = 0; i < events.length; i++) {
    const replayed = foldEvents(events.slice(0, i + 1));
    graph = applyEventToGraph(graph, events[i] as (typeof events)[number], replayed, model);
  }
  const sorted = (g: typeof graph) => {
    const data = g.export();
    const key = (x: { key?: unknown }) => String(x.key);
    return {
      nodes: [...data.nodes].sort((a, b) => key(a).localeCompare(key(b))),
      edges: [...data.edges].sort((a, b) => key(a).localeCompare(key(b))),
    };
  };
  expect(sorted(graph)).toEqual(sorted(projectReview(live, model)));
}

interface EditCase {
  what: string;
  edit: (ws: Workspace, reviewId: string) => Promise<CommandResult>;
  /** The record after the edit. */
  expected: (s: ReviewState) => void;
  /** Every field the log shows changed, old and new. */
  changes: FieldChange[];
}

const EDITS: EditCase[] = [
  {
    what: 'a person in the register, who keeps their id',
    edit: (ws, r) => editPerson(ws, r, 'p-01', { aliases: ['Maisie T'], address: null }),
    expected: (s) =>
      expect(s.persons['P-1']).toEqual({
        id: 'P-1',
        realName: 'Maisie Thorne',
        aliases: ['Maisie T'],
        initials: [],
        dateOfBirth: '2021-08-05',
        phones: [],
        roleInCase: 'subject child',
        publicationLabel: 'Child A',
      }),
    changes: [{ field: 'aliases', old: [], new: ['Maisie T'] }],
  },
  {
    what: "a person's date of birth, cleared",
    edit: (ws, r) => editPerson(ws, r, 'P-1', { dateOfBirth: null }),
    expected: (s) => expect(s.persons['P-1']).not.toHaveProperty('dateOfBirth'),
    changes: [{ field: 'dateOfBirth', old: '2021-08-05', new: null }],
  },
  {
    what: 'an agency',
    edit: (ws, r) => editAgency(ws, r, 'AG-2', { name: 'Little Acorns Day Nursery' }),
    expected: (s) =>
      expect(s.agencies['AG-2']).toEqual({
        id: 'AG-2',
        name: 'Little Acorns Day Nursery',
        sector: 'early-years',
      }),
    changes: [{ field: 'name', old: 'Little Acorns Nursery', new: 'Little Acorns Day Nursery' }],
  },
  {
    what: 'a participant, the agency named by name and the label cleared',
    edit: (ws, r) =>
      editParticipant(ws, r, 'PT-2', {
        agencyId: 'little acorns nursery',
        publicationLabel: null,
      }),
    expected: (s) =>
      expect(s.participants['PT-2']).toEqual({
        id: 'PT-2',
        name: 'Sam Okafor',
        role: 'case-group',
        agencyId: 'AG-2',
      }),
    changes: [
      { field: 'agencyId', old: 'AG-1', new: 'AG-2' },
      { field: 'publicationLabel', old: 'Health Visitor 1', new: null },
    ],
  },
  {
    what: 'a chronology entry, its date read as the agency wrote it',
    edit: (ws, r) =>
      editChronologyEntry(ws, r, 'ch-1', { date: '03/05/2023', author: 'Health visitor' }),
    expected: (s) =>
      expect(s.chronology['CH-1']).toMatchObject({
        agencyId: 'AG-1',
        date: { precision: 'day', start: '2023-05-03', original: '03/05/2023' },
        text: 'Health visitor home visit; mother tired, flat untidy.',
        author: 'Health visitor',
      }),
    changes: [
      { field: 'author', old: null, new: 'Health visitor' },
      { field: 'date.original', old: '02/05/2023', new: '03/05/2023' },
      { field: 'date.start', old: '2023-05-02', new: '2023-05-03' },
    ],
  },
  {
    what: 'a conversation: its date, one section replaced and one cleared',
    edit: (ws, r) =>
      editConversation(ws, r, 'CV-1', {
        date: '2026-02-11',
        sections: { overview: null, mindset: 'Thought the family was coping.' },
      }),
    expected: (s) =>
      expect(s.conversations['CV-1']).toMatchObject({
        date: '2026-02-11',
        sections: { mindset: 'Thought the family was coping.' },
      }),
    changes: [
      { field: 'date', old: '2026-02-10', new: '2026-02-11' },
      { field: 'sections.mindset', old: null, new: 'Thought the family was coping.' },
      { field: 'sections.overview', old: 'Caseload was 420 families at the time.', new: null },
    ],
  },
  {
    what: 'an excerpt',
    edit: (ws, r) => editExcerpt(ws, r, 'EX-1', { quotable: false }),
    expected: (s) =>
      expect(s.excerpts['EX-1']).toMatchObject({
        quotable: false,
        text: 'I had 420 families and no time to go back.',
      }),
    changes: [{ field: 'quotable', old: true, new: false }],
  },
  {
    what: 'a KPE, only its appraisal rating: the appraisal text stays',
    edit: (ws, r) => editKpe(ws, r, 'KPE-1', { appraisal: { rating: 'good' } }),
    expected: (s) =>
      expect(s.kpes['KPE-1']?.appraisal).toEqual({
        rating: 'good',
        text: 'The visit happened but no follow-up was booked.',
      }),
    changes: [{ field: 'appraisal.rating', old: 'mixed', new: 'good' }],
  },
  {
    what: 'a KPE, only the end of its period: it keeps when it began',
    edit: (ws, r) => editKpe(ws, r, 'kpe-02', { period: { to: '2023-07-15' } }),
    expected: (s) =>
      expect(s.kpes['KPE-2']?.period).toEqual({ from: '2023-06-01', to: '2023-07-15' }),
    changes: [{ field: 'period.to', old: '2023-06-30', new: '2023-07-15' }],
  },
  {
    what: "a factor's head, one field alone",
    edit: (ws, r) => editFactor(ws, r, 'cf-02', { head: 'own-team' }),
    expected: (s) =>
      expect(s.factors['CF-2']).toEqual({
        id: 'CF-2',
        head: 'own-team',
        text: 'No shared record of concerns',
        scope: 'case-specific',
      }),
    changes: [{ field: 'head', old: 'inter-agency-team', new: 'own-team' }],
  },
  {
    what: 'a finding: a section cleared and its rank taken away',
    edit: (ws, r) =>
      editFinding(ws, r, 'F-2', { sections: { 'how-it-featured': null }, rank: null }),
    expected: (s) => {
      expect(s.findings['F-2']?.sections).toEqual({});
      expect(s.findings['F-2']).not.toHaveProperty('rank');
    },
    changes: [
      { field: 'rank', old: 1, new: null },
      { field: 'sections.how-it-featured', old: 'Nursery did not know.', new: null },
    ],
  },
  {
    what: "a finding's section replaced, the others kept",
    edit: (ws, r) =>
      editFinding(ws, r, 'F-1', { sections: { introduction: 'Caseloads are far too high.' } }),
    expected: (s) =>
      expect(s.findings['F-1']?.sections).toEqual({ introduction: 'Caseloads are far too high.' }),
    changes: [
      {
        field: 'sections.introduction',
        old: 'Health visitors carry caseloads far above the ceiling.',
        new: 'Caseloads are far too high.',
      },
    ],
  },
  {
    what: 'an Issue for the Board, which keeps its id and finding',
    edit: (ws, r) =>
      editBoardIssue(ws, r, 'bi-2', { question: 'How will agencies share bruising concerns?' }),
    expected: (s) =>
      expect(s.findings['F-2']?.boardIssues).toEqual([
        { id: 'BI-2', question: 'How will agencies share bruising concerns?' },
      ]),
    changes: [
      {
        field: 'question',
        old: 'How will agencies share concerns about bruising?',
        new: 'How will agencies share bruising concerns?',
      },
    ],
  },
  {
    what: 'a research question',
    edit: (ws, r) =>
      editResearchQuestion(ws, r, 'RQ-1', { text: 'How did agencies share and weigh concerns?' }),
    expected: (s) =>
      expect(s.researchQuestions['RQ-1']).toEqual({
        id: 'RQ-1',
        text: 'How did agencies share and weigh concerns?',
      }),
    changes: [
      {
        field: 'text',
        old: 'How did agencies share concerns about neglect?',
        new: 'How did agencies share and weigh concerns?',
      },
    ],
  },
  {
    what: 'a meeting: the dissent corrected (replaced, not added to) and an outcome',
    edit: (ws, r) =>
      editMeeting(ws, r, 'M-1', {
        dissent: 'Health did not accept the figure of 420.',
        outcome: 'KPEs agreed',
      }),
    expected: (s) =>
      expect(s.meetings['M-1']).toMatchObject({
        dissent: 'Health did not accept the figure of 420.',
        outcome: 'KPEs agreed',
        attendees: ['PT-1', 'PT-2'],
      }),
    changes: [
      {
        field: 'dissent',
        old: 'Health did not accept the caseload figure.',
        new: 'Health did not accept the figure of 420.',
      },
      { field: 'outcome', old: null, new: 'KPEs agreed' },
    ],
  },
  {
    what: 'a time entry, its stage cleared',
    edit: (ws, r) => editTime(ws, r, 'T-1', { minutes: 180, stage: null }),
    expected: (s) => {
      expect(s.timeLog['T-1']).toMatchObject({
        minutes: 180,
        activity: 'compiling health chronology',
      });
      expect(s.timeLog['T-1']).not.toHaveProperty('stage');
    },
    changes: [
      { field: 'minutes', old: 150, new: 180 },
      { field: 'stage', old: 'analysis', new: null },
    ],
  },
];

describe('editing a record', () => {
  it.each(EDITS)('edits $what in one event, and the log shows old and new values', async (c) => {
    const h = await sample();
    const before = await logPosition(h.store, h.reviewId);
    const result = await c.edit(h.ws, h.reviewId);
    expect(result.events).toHaveLength(1);
    expect((await logPosition(h.store, h.reviewId)).events).toBe(before.events + 1);
    c.expected(await state(h));
    const logged = await lastLogged(h);
    expect(logged?.type).toBe(result.events[0]?.type);
    expect(byField(logged?.changes)).toEqual(byField(c.changes));
    await holdsTogether(h);
  });

  it('shows the framework level that follows from the head, and the new one after an edit', async () => {
    const h = await sample();
    expect(await showFactor(h.ws, h.reviewId, 'CF-2')).toMatchObject({
      head: 'inter-agency-team',
      levelName: 'Beyond the frontline',
      links: [{ kpeId: 'KPE-2', factorId: 'CF-2', evidence: [] }],
      findingIds: ['F-2'],
    });
    await editFactor(h.ws, h.reviewId, 'CF-2', { head: 'own-team' });
    const after = await showFactor(h.ws, h.reviewId, 'CF-2');
    expect(after.level).toBe('frontline');
    expect(after.text).toBe('No shared record of concerns');
  });

  it('keeps the old values in the log: each edit shows what it changed at the time', async () => {
    const h = await sample();
    await editKpe(h.ws, h.reviewId, 'KPE-1', { appraisal: { rating: 'good' } });
    await editKpe(h.ws, h.reviewId, 'KPE-1', { appraisal: { rating: 'problematic' } });
    const edits = (await reviewLog(h.ws, h.reviewId)).filter(
      (e) => e.type === 'kpe.edited' && (e.payload as { id: string }).id === 'KPE-1',
    );
    expect(edits.map((e) => e.changes)).toEqual([
      [
        { field: 'appraisal.rating', old: null, new: 'mixed' },
        {
          field: 'appraisal.text',
          old: null,
          new: 'The visit happened but no follow-up was booked.',
        },
        {
          field: 'explanation.localRationality',
          old: null,
          new: 'Caseloads left no time for a return visit.',
        },
      ],
      [{ field: 'appraisal.rating', old: 'mixed', new: 'good' }],
      [{ field: 'appraisal.rating', old: 'good', new: 'problematic' }],
    ]);
  });
});

describe('refusing an edit', () => {
  it('refuses references to records that do not exist, naming the field, with the store unchanged', async () => {
    const h = await sample();
    const cases: [() => Promise<unknown>, string][] = [
      [
        () => editExcerpt(h.ws, h.reviewId, 'EX-1', { conversationId: 'CV-9' }),
        `conversationId: CV-9 does not exist in review ${h.reviewId}`,
      ],
      [
        () => editConversation(h.ws, h.reviewId, 'CV-1', { participantId: 'PT-9' }),
        `participantId: PT-9 does not exist in review ${h.reviewId}`,
      ],
      [
        () => editMeeting(h.ws, h.reviewId, 'M-1', { attendees: ['PT-1', 'PT-9'] }),
        `attendees.1: PT-9 does not exist in review ${h.reviewId}`,
      ],
      [
        () => editTime(h.ws, h.reviewId, 'T-1', { participantId: 'PT-9' }),
        `participantId: PT-9 does not exist in review ${h.reviewId}`,
      ],
      [
        () => editKpe(h.ws, h.reviewId, 'KPE-1', { chronologyRefs: ['CH-1', 'CH-9'] }),
        `chronologyRefs.1: CH-9 does not exist in review ${h.reviewId}`,
      ],
      [
        () => editParticipant(h.ws, h.reviewId, 'PT-2', { agencyId: 'AG-9' }),
        `agencyId: AG-9 does not exist in review ${h.reviewId}`,
      ],
      [
        () => editChronologyEntry(h.ws, h.reviewId, 'CH-1', { agencyId: 'Fenwick Vale Police' }),
        `agencyId: review ${h.reviewId} has no agency "Fenwick Vale Police"`,
      ],
      [
        () => editBoardIssue(h.ws, h.reviewId, 'BI-9', { question: 'Who?' }),
        `id: BI-9 does not exist in review ${h.reviewId}`,
      ],
      [
        () => editKpe(h.ws, h.reviewId, 'KPE-3', { title: 'Back again' }),
        `id: KPE-3 was removed from review ${h.reviewId} (entered twice by mistake) and cannot be referred to`,
      ],
    ];
    for (const [edit, line] of cases) {
      const { lines, fixes } = await refusedUnchanged(h, edit);
      expect(lines[0]).toContain(line);
      expect(fixes[0]?.kind).toBe('list');
    }
  });

  it('refuses a partial appraisal on a KPE that has none, naming the missing text', async () => {
    const h = await sample();
    const { lines } = await refusedUnchanged(h, () =>
      editKpe(h.ws, h.reviewId, 'KPE-2', { appraisal: { rating: 'good' } }),
    );
    expect(lines).toEqual(['appraisal.text: required, but not given']);
  });

  it('refuses an edit that changes nothing', async () => {
    const h = await sample();
    const { lines, issues } = await refusedUnchanged(h, () =>
      editAgency(h.ws, h.reviewId, 'AG-1', {}),
    );
    expect(lines).toEqual(['nothing to change in AG-1; give at least one field']);
    expect(issues[0]?.code).toBe('nothing-to-change');
  });

  it('refuses an unknown finding section and an unknown conversation section', async () => {
    const h = await sample();
    const finding = await refusedUnchanged(h, () =>
      editFinding(h.ws, h.reviewId, 'F-1', { sections: { 'no-such-section': null } }),
    );
    expect(finding.lines[0]).toContain(
      'sections.no-such-section: "no-such-section" is not a finding section',
    );
    const excerpt = await refusedUnchanged(h, () =>
      editExcerpt(h.ws, h.reviewId, 'EX-1', { sectionId: 'gossip' }),
    );
    expect(excerpt.lines[0]).toContain('sectionId: "gossip" is not a conversation section');
  });
});

interface PlainRemoval {
  what: string;
  id: string;
  remove: (ws: Workspace, reviewId: string, id: string) => Promise<CommandResult>;
  gone: (s: ReviewState) => boolean;
  /** Adds another record of the same kind, which must get a new id. */
  addAnother: (ws: Workspace, reviewId: string) => Promise<CommandResult>;
  next: string;
}

const PLAIN_REMOVALS: PlainRemoval[] = [
  {
    what: 'a person in the register',
    id: 'P-1',
    remove: (ws, r, id) => removePerson(ws, r, id, 'registered in error'),
    gone: (s) => !('P-1' in s.persons),
    addAnother: (ws, r) =>
      addPerson(ws, r, { realName: 'Tom Reed', roleInCase: 'father', publicationLabel: 'Father' }),
    next: 'P-2',
  },
  {
    what: 'a research question',
    id: 'RQ-1',
    remove: (ws, r, id) => removeResearchQuestion(ws, r, id, 'folded into another question'),
    gone: (s) => !('RQ-1' in s.researchQuestions),
    addAnother: (ws, r) => addResearchQuestion(ws, r, 'What helped practice?'),
    next: 'RQ-2',
  },
  {
    what: 'an Issue for the Board',
    id: 'BI-2',
    remove: (ws, r, id) => removeBoardIssue(ws, r, id, 'asks the same as BI-1'),
    gone: (s) => s.findings['F-2']?.boardIssues.length === 0,
    addAnother: (ws, r) => addBoardIssue(ws, r, 'F-2', 'Who holds the history of concerns?'),
    next: 'BI-3',
  },
  {
    what: 'a meeting',
    id: 'M-1',
    remove: (ws, r, id) => removeMeeting(ws, r, id, 'entered twice'),
    gone: (s) => !('M-1' in s.meetings),
    addAnother: (ws, r) => recordMeeting(ws, r, { type: 'review-team', date: '2026-02-17' }),
    next: 'M-2',
  },
  {
    what: 'a time entry',
    id: 'T-1',
    remove: (ws, r, id) => removeTime(ws, r, id, 'logged against the wrong person'),
    gone: (s) => !('T-1' in s.timeLog),
    addAnother: (ws, r) =>
      logTime(ws, r, {
        participantId: 'PT-1',
        activity: 'reading',
        minutes: 30,
        date: '2026-01-15',
      }),
    next: 'T-2',
  },
  {
    what: 'an excerpt nothing cites',
    id: 'EX-2',
    remove: async (ws, r, id) => {
      await addExcerpt(ws, r, { conversationId: 'CV-1', sectionId: 'overview', text: 'Busy.' });
      return removeExcerpt(ws, r, id, 'not what was said');
    },
    gone: (s) => !('EX-2' in s.excerpts),
    addAnother: (ws, r) =>
      addExcerpt(ws, r, { conversationId: 'CV-1', sectionId: 'overview', text: 'Very busy.' }),
    next: 'EX-3',
  },
];

describe('removing a record nothing names', () => {
  it.each(PLAIN_REMOVALS)(
    'removes $what with its reason kept, and never reuses its id',
    async (c) => {
      const h = await sample();
      const result = await c.remove(h.ws, h.reviewId, c.id);
      expect(result.events).toHaveLength(1);
      const s = await state(h);
      expect(c.gone(s)).toBe(true);
      expect(s.removed[c.id]).toMatchObject({ reason: expect.any(String) });
      const logged = await lastLogged(h);
      expect(logged?.payload).toMatchObject({ id: c.id, reason: s.removed[c.id]?.reason });
      expect(newId(await c.addAnother(h.ws, h.reviewId))).toBe(c.next);
      await holdsTogether(h);
    },
  );

  it('removes a finding with its Issues for the Board: none of their ids comes back', async () => {
    const h = await sample();
    await removeFinding(h.ws, h.reviewId, 'F-1', 'merged into F-2');
    const s = await state(h);
    expect(Object.keys(s.findings)).toEqual(['F-2']);
    expect(s.removed['BI-1']?.reason).toBe('removed with F-1: merged into F-2');
    expect(
      newId(
        await addFinding(h.ws, h.reviewId, { statement: 'New.', category: 'human-tool-operation' }),
      ),
    ).toBe('F-3');
    expect(newId(await addBoardIssue(h.ws, h.reviewId, 'F-3', 'Why?'))).toBe('BI-3');
    const reused = await refusedUnchanged(h, () =>
      editBoardIssue(h.ws, h.reviewId, 'BI-1', { question: 'Back?' }),
    );
    expect(reused.lines[0]).toContain('BI-1 was removed');
    await holdsTogether(h);
  });

  it('unlinks a factor from a finding in one event, and refuses one that is not linked', async () => {
    const h = await sample();
    const result = await unlinkFindingFactor(h.ws, h.reviewId, 'F-2', 'cf-01');
    expect(result.events).toHaveLength(1);
    expect((await state(h)).findings['F-2']?.factorIds).toEqual(['CF-2']);
    expect((await lastLogged(h))?.changes).toEqual([
      { field: 'factorIds', old: ['CF-1', 'CF-2'], new: ['CF-2'] },
    ]);
    const { lines } = await refusedUnchanged(h, () =>
      unlinkFindingFactor(h.ws, h.reviewId, 'F-2', 'CF-1'),
    );
    expect(lines).toEqual(['factorId: CF-1 is not linked to F-2']);
    await holdsTogether(h);
  });
});

interface LinkedRemoval {
  what: string;
  id: string;
  /** Makes the links the case is about, beyond the sample's. */
  setUp?: (ws: Workspace, reviewId: string) => Promise<unknown>;
  remove: (ws: Workspace, reviewId: string, force: boolean) => Promise<CommandResult>;
  /** The refusal without --force. */
  refused: string;
  detached: { from: string; field: string }[];
  /** The links are gone after the forced removal. */
  after: (s: ReviewState) => void;
  addAnother: (ws: Workspace, reviewId: string) => Promise<CommandResult>;
  next: string;
}

const LINKED_REMOVALS: LinkedRemoval[] = [
  {
    what: 'an agency named by a KPE and a participant',
    id: 'AG-3',
    setUp: async (ws, r) => {
      await addAgency(ws, r, { name: 'Fenwick Vale Police', sector: 'police' });
      await addKpe(ws, r, {
        title: 'Police attended',
        period: { from: '2023-07-01' },
        agencyIds: ['AG-1', 'AG-3'],
        whatHappened: 'Officers attended a call.',
      });
      await addParticipant(ws, r, { name: 'Ola Brent', role: 'case-group', agencyId: 'AG-3' });
    },
    remove: (ws, r, force) => removeAgency(ws, r, 'ag-03', 'added by mistake', { force }),
    refused: 'id: AG-3 is named by KPE-4 and participant PT-3',
    detached: [
      { from: 'KPE-4', field: 'agencyIds' },
      { from: 'PT-3', field: 'agencyId' },
    ],
    after: (s) => {
      expect(s.kpes['KPE-4']?.agencyIds).toEqual(['AG-1']);
      expect(s.participants['PT-3']).not.toHaveProperty('agencyId');
    },
    addAnother: (ws, r) => addAgency(ws, r, { name: 'Fenwick Vale Housing', sector: 'housing' }),
    next: 'AG-4',
  },
  {
    what: 'a chronology entry named by a KPE, factor evidence and a duplicate decision',
    id: 'CH-1',
    setUp: (ws, r) => decideDuplicates(ws, r, { entryIds: ['CH-1', 'CH-2'], decision: 'split' }),
    remove: (ws, r, force) => removeChronologyEntry(ws, r, 'CH-1', 'recorded twice', { force }),
    refused:
      'id: CH-1 is named by KPE-1, the evidence for KPE-1 → CF-1 and the duplicate decision on CH-1 and CH-2',
    detached: [
      { from: 'KPE-1', field: 'chronologyRefs' },
      { from: 'KPE-1|CF-1', field: 'evidence' },
      { from: 'CH-1,CH-2', field: 'entryIds' },
    ],
    after: (s) => {
      expect(s.kpes['KPE-1']?.chronologyRefs).toEqual([]);
      expect(s.links['KPE-1|CF-1']?.evidence).toEqual(['EX-1']);
      expect(s.duplicateDecisions).toEqual([]);
    },
    addAnother: (ws, r) =>
      import('../../src/app/chronology.ts').then(({ addChronologyEntry }) =>
        addChronologyEntry(ws, r, { agencyId: 'AG-1', date: '04/05/2023', text: 'Phone call.' }),
      ),
    next: 'CH-3',
  },
  {
    what: 'a participant who held a conversation and attended a meeting',
    id: 'PT-1',
    setUp: (ws, r) => removeTime(ws, r, 'T-1', 'logged against the wrong person'),
    remove: (ws, r, force) => removeParticipant(ws, r, 'PT-1', 'added twice', { force }),
    refused: 'id: PT-1 is named by conversation CV-1 and meeting M-1',
    detached: [
      { from: 'CV-1', field: 'conductedBy' },
      { from: 'M-1', field: 'attendees' },
    ],
    after: (s) => {
      expect(s.conversations['CV-1']?.conductedBy).toEqual([]);
      expect(s.meetings['M-1']?.attendees).toEqual(['PT-2']);
    },
    addAnother: (ws, r) => addParticipant(ws, r, { name: 'Jo Marsh', role: 'review-team' }),
    next: 'PT-3',
  },
  {
    what: 'an excerpt cited as evidence',
    id: 'EX-1',
    remove: (ws, r, force) =>
      removeExcerpt(ws, r, 'EX-1', 'withdrawn by the participant', { force }),
    refused: 'id: EX-1 is named by the evidence for KPE-1 → CF-1',
    detached: [{ from: 'KPE-1|CF-1', field: 'evidence' }],
    after: (s) => expect(s.links['KPE-1|CF-1']?.evidence).toEqual(['CH-1']),
    addAnother: (ws, r) =>
      addExcerpt(ws, r, { conversationId: 'CV-1', sectionId: 'overview', text: 'Busy.' }),
    next: 'EX-2',
  },
  {
    what: 'a KPE linked to a factor',
    id: 'KPE-1',
    remove: (ws, r, force) => removeKpe(ws, r, 'KPE-1', 'merged into KPE-2', { force }),
    refused: 'id: KPE-1 is named by the factor link KPE-1 → CF-1',
    detached: [{ from: 'KPE-1|CF-1', field: 'kpeId' }],
    after: (s) => {
      expect(s.links).not.toHaveProperty(['KPE-1|CF-1']);
      expect(s.factors['CF-1']).toBeDefined();
    },
    addAnother: (ws, r) =>
      addKpe(ws, r, { title: 'New', period: { from: '2023-08-01' }, whatHappened: 'x' }),
    next: 'KPE-4',
  },
  {
    what: 'a factor linked to a KPE and two findings',
    id: 'CF-1',
    remove: (ws, r, force) => removeFactor(ws, r, 'CF-1', 'split into two', { force }),
    refused: 'id: CF-1 is named by the factor link KPE-1 → CF-1 and findings F-1 and F-2',
    detached: [
      { from: 'KPE-1|CF-1', field: 'factorId' },
      { from: 'F-1', field: 'factorIds' },
      { from: 'F-2', field: 'factorIds' },
    ],
    after: (s) => {
      expect(s.links).not.toHaveProperty(['KPE-1|CF-1']);
      expect(s.findings['F-1']?.factorIds).toEqual([]);
      expect(s.findings['F-2']?.factorIds).toEqual(['CF-2']);
    },
    addAnother: (ws, r) => addFactor(ws, r, { head: 'family', text: 'New' }),
    next: 'CF-4',
  },
];

describe('removing a record that is still named', () => {
  it.each(LINKED_REMOVALS)(
    'refuses to remove $what, naming every link; --force detaches them',
    async (c) => {
      const h = await sample();
      await c.setUp?.(h.ws, h.reviewId);
      const { lines, fixes, issues } = await refusedUnchanged(h, () =>
        c.remove(h.ws, h.reviewId, false),
      );
      expect(lines).toEqual([c.refused]);
      expect(fixes).toEqual([{ kind: 'force-remove', id: c.id }]);
      expect(issues[0]?.code).toBe('reference-in-use');

      const result = await c.remove(h.ws, h.reviewId, true);
      expect(result.events).toHaveLength(1);
      expect(result.events[0]?.payload).toMatchObject({ id: c.id, detached: c.detached });
      const s = await state(h);
      c.after(s);
      expect(s.removed[c.id]).toBeDefined();
      const logged = await lastLogged(h);
      expect(logged?.payload).toMatchObject({ detached: c.detached });
      expect(newId(await c.addAnother(h.ws, h.reviewId))).toBe(c.next);
      await holdsTogether(h);
    },
  );

  it('refuses, even forced, to remove an agency its chronology entries belong to', async () => {
    const h = await sample();
    const { lines, fixes } = await refusedUnchanged(h, () =>
      removeAgency(h.ws, h.reviewId, 'AG-1', 'merged', { force: true }),
    );
    expect(lines).toEqual(['id: AG-1 cannot be removed while chronology entry CH-1 belongs to it']);
    expect(fixes).toEqual([{ kind: 'remove-first', ids: ['CH-1'] }]);
  });

  it('refuses, even forced, to remove a participant their conversation and time belong to', async () => {
    const h = await sample();
    await logTime(h.ws, h.reviewId, {
      participantId: 'PT-2',
      activity: 'conversation',
      minutes: 60,
      date: '2026-02-10',
    });
    const { lines, fixes } = await refusedUnchanged(h, () =>
      removeParticipant(h.ws, h.reviewId, 'PT-2', 'left', { force: true }),
    );
    expect(lines).toEqual([
      'id: PT-2 cannot be removed while conversation CV-1 and time entry T-2 belong to it',
    ]);
    expect(fixes).toEqual([{ kind: 'remove-first', ids: ['CV-1', 'T-2'] }]);
  });

  it('refuses to remove a conversation while its excerpts remain, then removes it once they are gone', async () => {
    const h = await sample();
    const { lines, fixes } = await refusedUnchanged(h, () =>
      removeConversation(h.ws, h.reviewId, 'CV-1', 'recorded twice'),
    );
    expect(lines).toEqual(['id: CV-1 cannot be removed while excerpt EX-1 belongs to it']);
    expect(fixes).toEqual([{ kind: 'remove-first', ids: ['EX-1'] }]);
    await removeExcerpt(h.ws, h.reviewId, 'EX-1', 'goes with the conversation', { force: true });
    await removeConversation(h.ws, h.reviewId, 'CV-1', 'recorded twice');
    expect((await state(h)).conversations).toEqual({});
    expect(
      newId(
        await recordConversation(h.ws, h.reviewId, { participantId: 'PT-2', date: '2026-02-12' }),
      ),
    ).toBe('CV-2');
    await holdsTogether(h);
  });

  it('refuses an id that was removed when asked for again, saying which is next', async () => {
    const h = await sample();
    await removeMeeting(h.ws, h.reviewId, 'M-1', 'entered twice');
    const { lines, fixes } = await refusedUnchanged(h, () =>
      recordMeeting(h.ws, h.reviewId, { type: 'review-team', date: '2026-02-03' }, 'M-1'),
    );
    expect(lines[0]).toContain('M-1 was used before and removed');
    expect(fixes).toEqual([{ kind: 'omit-id', next: 'M-2' }]);
  });

  it('refuses a removal that claims to detach a link that is not there', async () => {
    const h = await sample();
    const { lines } = await refusedUnchanged(h, () =>
      h.ws.run(h.reviewId, () => [
        {
          type: 'agency.removed',
          payload: {
            id: 'AG-2',
            reason: 'x',
            detached: [
              { from: 'KPE-2', field: 'agencyIds' },
              { from: 'PT-1', field: 'agencyId' },
            ],
          },
        },
      ]),
    );
    expect(lines).toContain(
      'detached.1: PT-1 does not name AG-2 through agencyId, so there is nothing there to detach',
    );
  });

  it("lets a flagged sentence's acceptance lapse with the KPE it was in", async () => {
    const h = await sample();
    await editKpe(h.ws, h.reviewId, 'KPE-2', {
      appraisal: { rating: 'mixed', text: 'The nursery failed to call the front door.' },
    });
    await acceptFlag(h.ws, h.reviewId, {
      field: 'kpes.KPE-2.appraisal.text',
      rule: 'failed-to',
      justification: 'Said as the nursery said it.',
    });
    expect(Object.keys((await state(h)).acceptedFlags)).toHaveLength(1);
    await removeKpe(h.ws, h.reviewId, 'KPE-2', 'merged into KPE-1', { force: true });
    expect((await state(h)).acceptedFlags).toEqual({});
    await holdsTogether(h);
  });

  it('still folds a KPE removal recorded before removals listed their links: its links go', async () => {
    const h = await sample();
    await h.ws.run(h.reviewId, () => [
      { type: 'kpe.removed', payload: { id: 'KPE-2', reason: 'recorded the old way' } },
    ]);
    expect((await state(h)).links).not.toHaveProperty(['KPE-2|CF-2']);
    await holdsTogether(h);
  });
});
