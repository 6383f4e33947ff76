// Every edit and remove command on the command line: what it prints, the refusal that names
// what still links to a record (and the --force that detaches it, saying what it detached),
// `log` showing old → new values as text and as `changes` in JSON, `verify` still intact, and
// removed ids never allocated again. The review is the sample one (see buildSampleReview).
import { describe, expect, it } from 'vitest';
import {
  buildSampleReview,
  type CliRun,
  runCli,
  tempDir,
  workspaceWithReview,
} from '../helpers/workspace.ts';

interface LoggedJson {
  seq: number;
  type: string;
  payload: Record<string, unknown>;
  changes?: { field: string; old: unknown; new: unknown }[];
}

/** The sample review in a workspace file, and a runner for CLI commands against it. */
async function sampleOnDisk() {
  const h = await workspaceWithReview();
  await buildSampleReview(h.ws, h.reviewId);
  await h.ws.close();
  const cwd = tempDir();
  const run = (...args: string[]) => runCli([...args, '--workspace', h.path], { cwd });
  const log = async () => (await run('log', '--json')).json<LoggedJson[]>();
  /** Runs a command that must succeed. */
  const must = async (...args: string[]): Promise<CliRun> => {
    const result = await run(...args);
    expect(result.code, `${args.join(' ')}\n${result.err}`).toBe(0);
    return result;
  };
  /** Runs a command that must be refused, with nothing written. */
  const refused = async (...args: string[]): Promise<CliRun> => {
    const before = (await log()).length;
    const result = await run(...args);
    expect(result.code, args.join(' ')).toBe(1);
    expect(result.err).toContain('Refused; nothing was changed:');
    expect((await log()).length).toBe(before);
    return result;
  };
  /** The log verifies and the last event is the one expected. */
  const intact = async () => {
    const verify = await run('verify');
    expect(verify.code).toBe(0);
    expect(verify.out).toContain('every hash chain verifies');
  };
  return { ...h, run, log, must, refused, intact };
}

interface EditCommand {
  args: string[];
  says: string;
  /** The fields `log --json` shows changed (a subset is enough where a value is long). */
  changes: { field: string; old: unknown; new: unknown }[];
  /** How the text log shows one of them. */
  text: string;
}

const EDIT_COMMANDS: EditCommand[] = [
  {
    args: ['person', 'edit', 'p-01', '--alias', 'Maisie T', '--clear', 'dob'],
    says: 'Edited P-1',
    changes: [
      { field: 'aliases', old: [], new: ['Maisie T'] },
      { field: 'dateOfBirth', old: '2021-08-05', new: null },
    ],
    text: 'dateOfBirth: 2021-08-05 → (none)',
  },
  {
    args: ['agency', 'edit', 'AG-2', '--name', 'Little Acorns Day Nursery'],
    says: 'Edited agency AG-2',
    changes: [{ field: 'name', old: 'Little Acorns Nursery', new: 'Little Acorns Day Nursery' }],
    text: 'name: Little Acorns Nursery → Little Acorns Day Nursery',
  },
  {
    args: ['participant', 'edit', 'PT-2', '--agency', 'Little Acorns Nursery', '--clear', 'label'],
    says: 'Edited participant PT-2',
    changes: [
      { field: 'agencyId', old: 'AG-1', new: 'AG-2' },
      { field: 'publicationLabel', old: 'Health Visitor 1', new: null },
    ],
    text: 'agencyId: AG-1 → AG-2',
  },
  {
    args: ['chronology', 'edit', 'CH-1', '--date', '03/05/2023', '--author', 'Health visitor'],
    says: 'Edited chronology entry CH-1',
    changes: [
      { field: 'date.start', old: '2023-05-02', new: '2023-05-03' },
      { field: 'date.original', old: '02/05/2023', new: '03/05/2023' },
      { field: 'author', old: null, new: 'Health visitor' },
    ],
    text: 'date.original: 02/05/2023 → 03/05/2023',
  },
  {
    args: [
      'conversation',
      'edit',
      'CV-1',
      '--date',
      '2026-02-11',
      '--section',
      'mindset=Thought the family was coping.',
      '--clear-section',
      'overview',
    ],
    says: 'Edited conversation CV-1',
    changes: [
      { field: 'date', old: '2026-02-10', new: '2026-02-11' },
      { field: 'sections.overview', old: 'Caseload was 420 families at the time.', new: null },
      { field: 'sections.mindset', old: null, new: 'Thought the family was coping.' },
    ],
    text: 'date: 2026-02-10 → 2026-02-11',
  },
  {
    args: ['excerpt', 'edit', 'EX-1', '--no-quotable'],
    says: 'Edited excerpt EX-1',
    changes: [{ field: 'quotable', old: true, new: false }],
    text: 'quotable: true → false',
  },
  {
    args: ['kpe', 'edit', 'KPE-1', '--rating', 'good'],
    says: 'Edited KPE-1',
    changes: [{ field: 'appraisal.rating', old: 'mixed', new: 'good' }],
    text: 'appraisal.rating: mixed → good',
  },
  {
    args: ['kpe', 'edit', 'KPE-2', '--to', '2023-07-15'],
    says: 'Edited KPE-2',
    changes: [{ field: 'period.to', old: '2023-06-30', new: '2023-07-15' }],
    text: 'period.to: 2023-06-30 → 2023-07-15',
  },
  {
    args: ['kpe', 'edit', 'KPE-1', '--clear', 'explanation'],
    says: 'Edited KPE-1',
    changes: [
      {
        field: 'explanation.localRationality',
        old: 'Caseloads left no time for a return visit.',
        new: null,
      },
    ],
    text: 'explanation.localRationality: Caseloads left no time for a return vis… → (none)',
  },
  {
    args: ['factor', 'edit', 'CF-2', '--head', 'own-team'],
    says: 'Edited CF-2',
    changes: [{ field: 'head', old: 'inter-agency-team', new: 'own-team' }],
    text: 'head: inter-agency-team → own-team',
  },
  {
    args: ['finding', 'edit', 'F-2', '--clear-section', 'how-it-featured', '--clear', 'rank'],
    says: 'Edited F-2',
    changes: [
      { field: 'rank', old: 1, new: null },
      { field: 'sections.how-it-featured', old: 'Nursery did not know.', new: null },
    ],
    text: 'rank: 1 → (none)',
  },
  {
    args: ['board-issue', 'edit', 'BI-2', '--question', 'How will agencies share bruising?'],
    says: 'Edited BI-2',
    changes: [
      {
        field: 'question',
        old: 'How will agencies share concerns about bruising?',
        new: 'How will agencies share bruising?',
      },
    ],
    text: 'question: How will agencies share concerns about … → How will agencies share bruising?',
  },
  {
    args: ['research-question', 'edit', 'RQ-1', '--text', 'How were concerns shared?'],
    says: 'Edited research question RQ-1',
    changes: [
      {
        field: 'text',
        old: 'How did agencies share concerns about neglect?',
        new: 'How were concerns shared?',
      },
    ],
    text: '→ How were concerns shared?',
  },
  {
    args: ['meeting', 'edit', 'M-1', '--dissent', 'Health disputed the figure.'],
    says: 'Edited meeting M-1',
    changes: [
      {
        field: 'dissent',
        old: 'Health did not accept the caseload figure.',
        new: 'Health disputed the figure.',
      },
    ],
    text: 'dissent: Health did not accept the caseload figu… → Health disputed the figure.',
  },
  {
    args: ['time', 'edit', 'T-1', '--minutes', '180', '--clear', 'stage'],
    says: 'Edited time entry T-1',
    changes: [
      { field: 'minutes', old: 150, new: 180 },
      { field: 'stage', old: 'analysis', new: null },
    ],
    text: 'minutes: 150 → 180; stage: analysis → (none)',
  },
];

describe('tunnelview … edit', () => {
  it.each(EDIT_COMMANDS)('$args.0 $args.1 $args.2 changes only what it is given', async (c) => {
    const w = await sampleOnDisk();
    const result = await w.must(...c.args);
    expect(result.out).toBe(c.says);
    const last = (await w.log()).at(-1);
    expect(last?.changes).toHaveLength(c.changes.length);
    expect(last?.changes).toEqual(expect.arrayContaining(c.changes));
    expect((await w.must('log', '--limit', '1')).out).toContain(c.text);
    await w.intact();
  });

  it('keeps the appraisal text when only the rating is edited', async () => {
    const w = await sampleOnDisk();
    await w.must('kpe', 'edit', 'KPE-1', '--rating', 'good');
    expect((await w.must('kpe', 'show', 'KPE-1', '--json')).json()).toMatchObject({
      appraisal: { rating: 'good', text: 'The visit happened but no follow-up was booked.' },
      explanation: { localRationality: 'Caseloads left no time for a return visit.' },
    });
  });

  it('refuses an edit that gives nothing to change, and a dangling reference, naming the option', async () => {
    const w = await sampleOnDisk();
    expect((await w.refused('agency', 'edit', 'AG-1')).err).toContain(
      'nothing to change in AG-1; give at least one field',
    );
    expect((await w.refused('excerpt', 'edit', 'EX-1', '--conversation', 'CV-9')).err).toContain(
      '--conversation: CV-9 does not exist in review R-TEST01; see what there is with: tunnelview conversation list',
    );
    expect((await w.refused('time', 'edit', 'T-1', '--participant', 'PT-9')).err).toContain(
      '--participant: PT-9 does not exist',
    );
    expect(
      (await w.refused('chronology', 'edit', 'CH-1', '--agency', 'Fenwick Vale Police')).err,
    ).toContain('--agency: review R-TEST01 has no agency "Fenwick Vale Police"');
    expect((await w.run('person', 'edit', 'P-1', '--clear', 'name')).err).toContain(
      '"name" cannot be cleared here; clear one of dob, address',
    );
  });

  it('shows a factor with the level its head belongs to', async () => {
    const w = await sampleOnDisk();
    const shown = await w.must('factor', 'show', 'CF-2');
    expect(shown.out).toContain('level: Beyond the frontline');
    await w.must('factor', 'edit', 'CF-2', '--head', 'own-team');
    expect((await w.must('factor', 'show', 'CF-2', '--json')).json()).toMatchObject({
      head: 'own-team',
      level: 'frontline',
    });
    expect((await w.must('factor', 'list')).out).toMatch(/LEVEL/);
  });
});

interface LinkedRemoval {
  setUp?: string[][];
  args: string[];
  refusal: string;
  removed: string;
  /** The record is detached: a read that shows it. */
  check: string[];
  shows: (json: unknown) => void;
  /** Adding another record of the kind, and the id it must get. */
  another: string[];
  next: string;
}

const LINKED: LinkedRemoval[] = [
  {
    setUp: [
      ['agency', 'add', '--name', 'Fenwick Vale Police', '--sector', 'police'],
      [
        'kpe',
        'add',
        '--title',
        'Police attended',
        '--from',
        '2023-07-01',
        '--agency',
        'AG-3',
        '--what',
        'Officers attended a call.',
      ],
      ['participant', 'add', '--name', 'Ola Brent', '--role', 'case-group', '--agency', 'AG-3'],
    ],
    args: ['agency', 'remove', 'AG-3', '--reason', 'Added by mistake'],
    refusal:
      'ID: AG-3 is named by KPE-4 and participant PT-3; to remove AG-3 and detach them in the same change, add --force',
    removed: 'Removed agency AG-3; detached it from KPE-4 and participant PT-3',
    check: ['participant', 'list', '--json'],
    shows: (json) =>
      expect((json as { id: string; agencyId?: string }[])[2]?.agencyId).toBeUndefined(),
    another: ['agency', 'add', '--name', 'Fenwick Vale Housing', '--sector', 'housing'],
    next: 'AG-4',
  },
  {
    args: ['chronology', 'remove', 'CH-1', '--reason', 'Recorded twice'],
    refusal:
      'ID: CH-1 is named by KPE-1 and the evidence for KPE-1 → CF-1; to remove CH-1 and detach them in the same change, add --force',
    removed:
      'Removed chronology entry CH-1; detached it from KPE-1 and the evidence for KPE-1 → CF-1',
    check: ['kpe', 'show', 'KPE-1', '--json'],
    shows: (json) =>
      expect(json).toMatchObject({ chronologyRefs: [], links: [{ evidence: ['EX-1'] }] }),
    another: ['chronology', 'add', '--agency', 'AG-1', '--date', '04/05/2023', '--text', 'Call.'],
    next: 'CH-3',
  },
  {
    setUp: [['time', 'remove', 'T-1', '--reason', 'Logged against the wrong person']],
    args: ['participant', 'remove', 'PT-1', '--reason', 'Added twice'],
    refusal:
      'ID: PT-1 is named by conversation CV-1 and meeting M-1; to remove PT-1 and detach them in the same change, add --force',
    removed: 'Removed participant PT-1; detached it from conversation CV-1 and meeting M-1',
    check: ['meeting', 'list', '--json'],
    shows: (json) => expect(json).toMatchObject([{ id: 'M-1', attendees: ['PT-2'] }]),
    another: ['participant', 'add', '--name', 'Jo Marsh', '--role', 'review-team'],
    next: 'PT-3',
  },
  {
    args: ['excerpt', 'remove', 'EX-1', '--reason', 'Withdrawn by the participant'],
    refusal:
      'ID: EX-1 is named by the evidence for KPE-1 → CF-1; to remove EX-1 and detach them in the same change, add --force',
    removed: 'Removed excerpt EX-1; detached it from the evidence for KPE-1 → CF-1',
    check: ['kpe', 'show', 'KPE-1', '--json'],
    shows: (json) => expect(json).toMatchObject({ links: [{ evidence: ['CH-1'] }] }),
    another: [
      'excerpt',
      'add',
      '--conversation',
      'CV-1',
      '--section',
      'overview',
      '--text',
      'Busy.',
    ],
    next: 'EX-2',
  },
  {
    args: ['kpe', 'remove', 'KPE-1', '--reason', 'Merged into KPE-2'],
    refusal:
      'ID: KPE-1 is named by the factor link KPE-1 → CF-1; to remove KPE-1 and detach them in the same change, add --force',
    removed: 'Removed KPE-1; detached it from the factor link KPE-1 → CF-1',
    check: ['factor', 'show', 'CF-1', '--json'],
    shows: (json) => expect(json).toMatchObject({ links: [] }),
    another: ['kpe', 'add', '--title', 'New', '--from', '2023-08-01', '--what', 'x'],
    next: 'KPE-4',
  },
  {
    args: ['factor', 'remove', 'CF-1', '--reason', 'Split in two'],
    refusal:
      'ID: CF-1 is named by the factor link KPE-1 → CF-1 and findings F-1 and F-2; to remove CF-1 and detach them in the same change, add --force',
    removed:
      'Removed factor CF-1; detached it from the factor link KPE-1 → CF-1 and findings F-1 and F-2',
    check: ['finding', 'show', 'F-2', '--json'],
    shows: (json) => expect(json).toMatchObject({ factorIds: ['CF-2'] }),
    another: ['factor', 'add', '--head', 'family', '--text', 'New'],
    next: 'CF-4',
  },
];

describe('tunnelview … remove, on a record something links to', () => {
  it.each(LINKED)('$args.0 remove refuses naming the links; --force detaches them', async (c) => {
    const w = await sampleOnDisk();
    for (const args of c.setUp ?? []) await w.must(...args);
    const refused = await w.refused(...c.args);
    expect(refused.err).toContain(c.refusal);

    const forced = await w.must(...c.args, '--force');
    expect(forced.out).toBe(c.removed);
    c.shows((await w.must(...c.check)).json());
    const text = (await w.must('log', '--limit', '1')).out;
    expect(text).toContain(`reason: ${c.args.at(-1)}; detached from`);
    const last = (await w.log()).at(-1);
    expect(last?.payload).toMatchObject({ reason: c.args.at(-1), detached: expect.any(Array) });
    await w.intact();

    const again = await w.must(...c.another, '--json');
    expect(again.json<{ ids: string[] }>().ids).toEqual([c.next]);
  });

  it('refuses, even with --force, while records that belong to it remain, saying what to do', async () => {
    const w = await sampleOnDisk();
    const agency = await w.refused('agency', 'remove', 'AG-1', '--reason', 'Merged', '--force');
    expect(agency.err).toContain(
      'ID: AG-1 cannot be removed while chronology entry CH-1 belongs to it; first remove it (e.g. tunnelview chronology remove CH-1 --reason "…") or move it with tunnelview chronology edit',
    );
    const conversation = await w.refused('conversation', 'remove', 'CV-1', '--reason', 'Twice');
    expect(conversation.err).toContain(
      'ID: CV-1 cannot be removed while excerpt EX-1 belongs to it; first remove it (e.g. tunnelview excerpt remove EX-1',
    );
  });

  it('gives the detached links as data with --json', async () => {
    const w = await sampleOnDisk();
    const forced = await w.must(
      'excerpt',
      'remove',
      'EX-1',
      '--reason',
      'Withdrawn',
      '--force',
      '--json',
    );
    expect(forced.json()).toMatchObject({
      ids: ['EX-1'],
      events: [{ type: 'excerpt.removed' }],
      message: 'Removed excerpt EX-1; detached it from the evidence for KPE-1 → CF-1',
    });
    expect((await w.log()).at(-1)?.payload).toEqual({
      id: 'EX-1',
      reason: 'Withdrawn',
      detached: [{ from: 'KPE-1|CF-1', field: 'evidence' }],
    });
  });
});

interface PlainRemoval {
  setUp?: string[][];
  args: string[];
  removed: string;
  another: string[];
  next: string;
  /** Whether `another` takes --id, so asking for the removed id again can be refused. */
  takesId: boolean;
}

const PLAIN: PlainRemoval[] = [
  {
    args: ['person', 'remove', 'P-1', '--reason', 'Registered in error'],
    removed: 'Removed person P-1',
    another: ['person', 'add', '--name', 'Tom Reed', '--label', 'Father', '--role', 'father'],
    next: 'P-2',
    takesId: true,
  },
  {
    setUp: [['excerpt', 'remove', 'EX-1', '--reason', 'Goes with the conversation', '--force']],
    args: ['conversation', 'remove', 'CV-1', '--reason', 'Recorded against the wrong person'],
    removed: 'Removed conversation CV-1',
    another: ['conversation', 'add', '--participant', 'PT-2', '--date', '2026-02-12'],
    next: 'CV-2',
    takesId: true,
  },
  {
    args: ['finding', 'remove', 'F-1', '--reason', 'Merged into F-2'],
    removed: 'Removed finding F-1',
    another: ['finding', 'add', '--statement', 'New.', '--category', 'human-tool-operation'],
    next: 'F-3',
    takesId: true,
  },
  {
    args: ['board-issue', 'remove', 'BI-2', '--reason', 'Asks the same as BI-1'],
    removed: 'Removed Issue for the Board BI-2',
    another: ['board-issue', 'add', 'F-2', 'Who holds the history of concerns?'],
    next: 'BI-3',
    takesId: false,
  },
  {
    args: ['research-question', 'remove', 'RQ-1', '--reason', 'Folded into another'],
    removed: 'Removed research question RQ-1',
    another: ['research-question', 'add', 'What helped practice?'],
    next: 'RQ-2',
    takesId: true,
  },
  {
    args: ['meeting', 'remove', 'M-1', '--reason', 'Entered twice'],
    removed: 'Removed meeting M-1',
    another: ['meeting', 'add', '--type', 'review-team', '--date', '2026-02-17'],
    next: 'M-2',
    takesId: true,
  },
  {
    args: ['time', 'remove', 'T-1', '--reason', 'Wrong person'],
    removed: 'Removed time entry T-1',
    another: [
      'time',
      'log',
      '--participant',
      'PT-1',
      '--activity',
      'reading',
      '--minutes',
      '30',
      '--date',
      '2026-01-15',
    ],
    next: 'T-2',
    takesId: false,
  },
];

describe('tunnelview … remove, on a record nothing links to', () => {
  it.each(PLAIN)(
    '$args.0 remove removes it with its reason, and never reuses the id',
    async (c) => {
      const w = await sampleOnDisk();
      for (const args of c.setUp ?? []) await w.must(...args);
      expect((await w.must(...c.args)).out).toBe(c.removed);
      expect((await w.must('log', '--limit', '1')).out).toContain(`reason: ${c.args.at(-1)}`);
      await w.intact();
      expect((await w.must(...c.another, '--json')).json<{ ids: string[] }>().ids).toEqual([
        c.next,
      ]);
      if (c.takesId) {
        const [, , id] = c.args;
        const reuse = await w.refused(...c.another, '--id', id as string);
        expect(reuse.err).toContain(`${id} was used before and removed`);
      }
    },
  );

  it('unlinks a factor from a finding, and lists Issues for the Board and research questions', async () => {
    const w = await sampleOnDisk();
    expect((await w.must('finding', 'unlink', 'F-2', '--factor', 'cf-01')).out).toBe(
      'Unlinked CF-1 from F-2',
    );
    expect((await w.must('log', '--limit', '1')).out).toContain('factorIds: [CF-1, CF-2] → [CF-2]');
    expect((await w.refused('finding', 'unlink', 'F-2', '--factor', 'CF-1')).err).toContain(
      '--factor: CF-1 is not linked to F-2',
    );
    expect((await w.must('board-issue', 'list', '--json')).json()).toMatchObject([
      { id: 'BI-2', findingId: 'F-2' },
      { id: 'BI-1', findingId: 'F-1' },
    ]);
    expect((await w.must('research-question', 'list')).out).toContain(
      'RQ-1  How did agencies share concerns about neglect?',
    );
    await w.intact();
  });
});
