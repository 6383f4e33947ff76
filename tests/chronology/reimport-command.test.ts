// `tunnelview chronology import` of a return already imported: the same return again imports
// nothing (whatever its encoding, column order or file name); a corrected return shows what it
// adds, changes, moves and removes, and --apply applies that as one revision that keeps entry ids
// and refuses to remove an entry still linked from the analysis.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decideDuplicates } from '../../src/app/chronology.ts';
import { addFactor, linkFactor } from '../../src/app/factors.ts';
import { importReturn } from '../../src/app/import-return.ts';
import { addKpe } from '../../src/app/kpes.ts';
import type { ProgressStep } from '../../src/app/progress.ts';
import { addAgency } from '../../src/app/register.ts';
import type { ReturnDiff } from '../../src/chronology/diff-return.ts';
import type { ChronologyEntry } from '../../src/domain/chronology-entry.ts';
import type { ChronologyLink } from '../../src/domain/chronology-links.ts';
import {
  logPosition,
  refusal,
  runCli,
  tempDir,
  workspaceWithReview,
} from '../helpers/workspace.ts';

const HEADER = 'Date,Time,Clinician,Summary,Details';
const FIRST: string[] = [
  HEADER,
  '14/03/2023,09:40,GP,Immunisations,Attended with mother; owes £40 for the “missed” slot.',
  '02/05/2023,,Practice nurse,Did not attend,One-year review not attended.',
  '19/07/2023,16:05,GP,Minor injury,Bruise to the left cheek.',
  '03/08/2023,,Health visitor,Home visit,Flat cold; mother tired.',
];
/**
 * The practice's corrected return: a registration row inserted at the top, the missed review
 * re-worded and re-attributed, the minor injury withdrawn, the rest as before.
 */
const CORRECTED: string[] = [
  HEADER,
  '01/03/2023,,GP,Registration,Registered at the practice.',
  FIRST[1] as string,
  '02/05/2023,,Nurse practitioner,Did not attend,One-year review not attended; letter sent.',
  FIRST[4] as string,
];

interface ImportJson {
  imported: number;
  errors: { file: string; record: number | null; message: string }[];
  result: string;
  ids: string[];
  alreadyImported: { records: number; ids: string[]; files: string[] } | null;
  revision: {
    file: string;
    applied: boolean;
    added: { record: number; id?: string; entry: { text: string } }[];
    changed: (ReturnDiff['changed'][number] & { links: ChronologyLink[] })[];
    moved: ReturnDiff['moved'];
    removed: (ReturnDiff['removed'][number] & { links: ChronologyLink[] })[];
    kept: ReturnDiff['kept'];
    unchanged: number;
  } | null;
}

/** A review with the practice as AG-1 and its first return (gp.csv) imported as CH-1…CH-4. */
async function setUp() {
  const dir = tempDir();
  const wsPath = join(dir, 'ws.db');
  const handle = await workspaceWithReview(wsPath);
  const { ws, reviewId } = handle;
  await addAgency(ws, reviewId, { name: 'Brackenmoor Surgery', sector: 'health' });
  const write = (name: string, lines: readonly string[]) => {
    const file = join(dir, name);
    writeFileSync(file, `${lines.join('\n')}\n`);
    return file;
  };
  const gp = write('gp.csv', FIRST);
  const run = (...args: string[]) => runCli([...args, '--workspace', wsPath], { cwd: dir });
  const importGp = (file: string, ...more: string[]) =>
    run('chronology', 'import', file, '--agency', 'Brackenmoor Surgery', ...more);
  const first = await importGp(gp, '--json');
  expect(first.json<ImportJson>()).toMatchObject({ imported: 4, result: 'imported' });
  const state = async () => ws.load(reviewId);
  const entry = async (id: string) => (await state()).chronology[id] as ChronologyEntry;
  const position = () => logPosition(handle.store, reviewId);
  return { ...handle, dir, gp, write, run, importGp, state, entry, position };
}

describe('chronology import: a return imported before', () => {
  it('imports nothing from the same return again, names the entries it matches and exits 0', async () => {
    const { gp, importGp, position } = await setUp();
    const before = await position();
    const text = await importGp(gp);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain(
      'Already imported: 4 records of gp.csv match the entries CH-1…CH-4; nothing changed.',
    );
    const json = await importGp(gp, '--json');
    expect(json.code).toBe(0);
    expect(json.json<ImportJson>()).toMatchObject({
      imported: 0,
      errors: [],
      result: 'already-imported',
      ids: [],
      alreadyImported: { records: 4, ids: ['CH-1', 'CH-2', 'CH-3', 'CH-4'], files: ['gp.csv'] },
      revision: null,
    });
    expect(await position()).toEqual(before);
  });

  it('knows the same records in another encoding, column order, line ending and file name', async () => {
    const { dir, importGp, position } = await setUp();
    const before = await position();
    // The same return saved again by an older Windows export: Windows-1252, CRLF, no BOM.
    mkdirSync(join(dir, 'resent'));
    const resent = join(dir, 'resent', 'GP.csv');
    writeFileSync(resent, windows1252(`${FIRST.join('\r\n')}\r\n`));
    const again = await importGp(resent, '--json');
    expect(again.code).toBe(0);
    expect(again.json<ImportJson>()).toMatchObject({ imported: 0, result: 'already-imported' });

    // Columns in another order, a BOM, extra spaces, and another file name.
    const reordered = [
      'Details,Summary,Date,Clinician,Time',
      ...FIRST.slice(1).map((line) => {
        const [date, time, who, summary, details] = line.split(',') as string[];
        return [`"  ${details}"`, summary, date, who, time].join(',');
      }),
    ];
    const copy = join(dir, 'gp-copy.csv');
    writeFileSync(copy, `\uFEFF${reordered.join('\n')}\n`);
    const copied = await importGp(copy);
    expect(copied.code).toBe(0);
    expect(copied.stdout).toContain(
      'Already imported: 4 records of gp-copy.csv match the entries CH-1…CH-4 (imported from gp.csv); nothing changed.',
    );
    expect(await position()).toEqual(before);
  });

  it('imports a return under another name that repeats some records, warning that they are now twice', async () => {
    const { write, importGp, state } = await setUp();
    const summer = write('gp-summer.csv', [
      HEADER,
      FIRST[3] as string,
      FIRST[4] as string,
      '01/09/2023,,GP,Telephone,Mother rang about a rash.',
    ]);
    const result = await importGp(summer);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Imported 3 entries (CH-5 … CH-7).');
    expect(result.stdout).toContain(
      "Warning: 2 records of gp-summer.csv match CH-3, CH-4, imported from gp.csv; they are now in the chronology twice. If this return corrects gp.csv, give it that file's name and import it again to see what changed.",
    );
    expect(Object.keys((await state()).chronology)).toHaveLength(7);
  });

  it('shows what a corrected return adds, changes, moves and removes, and changes nothing', async () => {
    const { write, importGp, position } = await setUp();
    const before = await position();
    const corrected = write('gp.csv', CORRECTED);
    const shown = await importGp(corrected);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(
      [
        'gp.csv was imported before (4 entries); this is a corrected return. Compared with it, entry by entry (date, text, author, source ref; then record number):',
        '  1 added, 1 changed, 1 removed, 1 moved to another record, 1 unchanged.',
        '  Added:',
        '    record 1: 01/03/2023 "Summary: Registration; Details: Registered at the practice."',
        '  Changed (the entry keeps its id):',
        '    CH-2 (record 3, was record 2)',
        '      text: "Summary: Did not attend; Details: One-year review not attended."',
        '         → "Summary: Did not attend; Details: One-year review not attended; letter sent."',
        '      author: "Practice nurse" → "Nurse practitioner"',
        '  Moved, content unchanged: CH-1 record 1 → 2.',
        '  Removed (no longer in the return):',
        '    CH-3 (record 3): 19/07/2023 "Summary: Minor injury; Details: Bruise to the left cheek."',
        'Nothing changed yet: the revision is shown, not applied.',
      ].join('\n'),
    );
    expect(shown.stdout.at(-1)).toBe(
      'To apply it as one revision, run the same import with --apply (and --reason "…" to say why entries go).',
    );
    const json = (await importGp(corrected, '--json')).json<ImportJson>();
    expect(json).toMatchObject({ imported: 0, result: 'revision-shown', ids: [] });
    expect(json.revision).toMatchObject({
      file: 'gp.csv',
      applied: false,
      added: [
        {
          record: 1,
          entry: { text: 'Summary: Registration; Details: Registered at the practice.' },
        },
      ],
      changed: [
        {
          id: 'CH-2',
          record: 3,
          changes: {
            text: {
              from: 'Summary: Did not attend; Details: One-year review not attended.',
              to: 'Summary: Did not attend; Details: One-year review not attended; letter sent.',
            },
            author: { from: 'Practice nurse', to: 'Nurse practitioner' },
            record: { from: 2, to: 3 },
          },
          links: [],
        },
      ],
      moved: [{ id: 'CH-1', from: 1, to: 2 }],
      removed: [{ id: 'CH-3', record: 3, links: [] }],
      kept: [],
      unchanged: 1,
    });
    expect(await position()).toEqual(before);
  });

  it('--apply applies the corrected return as one revision: linked ids kept, fields changed, the rest added and removed', async () => {
    const { ws, reviewId, dir, write, importGp, position, state, entry, run } = await setUp();
    // The analysis cites the entries the correction changes and moves.
    await addKpe(ws, reviewId, {
      title: 'The missed one-year review',
      period: { from: '2023-05-02' },
      chronologyRefs: ['CH-2'],
      whatHappened: 'The review was not attended and not followed up.',
    });
    await addFactor(ws, reviewId, { head: 'family', text: 'Appointments hard to reach' });
    await linkFactor(ws, reviewId, { kpeId: 'KPE-1', factorId: 'CF-1', evidence: ['CH-1'] });
    const before = await position();
    const corrected = write('gp.csv', CORRECTED);
    const applied = await importGp(corrected, '--apply', '--reason', 'withdrawn by the practice');
    expect(applied.code).toBe(0);
    expect(applied.out).toContain('    CH-2 (record 3, was record 2) — linked: KPE-1 cites it');
    expect(applied.out).toContain('    record 1 → CH-5: 01/03/2023');
    expect(applied.stdout).toContain(
      'Revised gp.csv in one change: 1 added (CH-5), 1 changed, 1 removed, 1 renumbered; every other entry keeps its id.',
    );

    // One event, holding the whole revision.
    const after = await position();
    expect(after.events).toBe(before.events + 1);
    const last = (await ws.log(reviewId)).at(-1);
    expect(last?.type).toBe('chronology.return-revised');
    expect(last?.payload).toMatchObject({
      agencyId: 'AG-1',
      file: 'gp.csv',
      added: [{ id: 'CH-5', provenance: { file: 'gp.csv', record: 1 } }],
      changed: [
        { id: 'CH-1', changes: { record: { from: 1, to: 2 } } },
        {
          id: 'CH-2',
          changes: { author: { from: 'Practice nurse', to: 'Nurse practitioner' } },
        },
      ],
      removed: [{ id: 'CH-3', record: 3, reason: 'withdrawn by the practice' }],
    });

    const s = await state();
    expect(Object.keys(s.chronology).sort()).toEqual(['CH-1', 'CH-2', 'CH-4', 'CH-5']);
    expect(s.removed['CH-3']?.reason).toBe('withdrawn by the practice');
    expect(await entry('CH-2')).toMatchObject({
      text: 'Summary: Did not attend; Details: One-year review not attended; letter sent.',
      author: 'Nurse practitioner',
      provenance: { record: 3 },
    });
    expect((await entry('CH-1')).provenance.record).toBe(2);
    expect(s.kpes['KPE-1']?.chronologyRefs).toEqual(['CH-2']);
    expect(s.links['KPE-1|CF-1']?.evidence).toEqual(['CH-1']);

    // Applied once: the corrected return is now the one imported.
    const again = await importGp(corrected);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      'Already imported: 4 records of gp.csv match the entries CH-1, CH-2, CH-4, CH-5; nothing changed.',
    );
    expect(await position()).toEqual(after);

    // The log verifies, and the revision passes the checks again when the review is moved.
    expect((await run('verify')).code).toBe(0);
    const bundle = join(dir, 'review.bundle.json');
    expect((await run('export', '--out', bundle)).code).toBe(0);
    const moved = await runCli(['import', bundle, '--workspace', join(dir, 'other.db')]);
    expect(moved.code).toBe(0);
  });

  it('refuses to remove an entry still linked, naming every link, and changes nothing', async () => {
    const { ws, reviewId, write, importGp, position } = await setUp();
    await addKpe(ws, reviewId, {
      title: 'Bruise seen by the GP',
      period: { from: '2023-07-19' },
      chronologyRefs: ['CH-3'],
      whatHappened: 'The GP saw a bruise and accepted the explanation.',
    });
    await addFactor(ws, reviewId, { head: 'family', text: 'Explanations accepted at face value' });
    await linkFactor(ws, reviewId, { kpeId: 'KPE-1', factorId: 'CF-1', evidence: ['CH-3'] });
    await decideDuplicates(ws, reviewId, { entryIds: ['CH-3', 'CH-4'], decision: 'split' });
    const before = await position();
    const corrected = write('gp.csv', CORRECTED);

    const shown = await importGp(corrected);
    expect(shown.code).toBe(0);
    expect(shown.out).toContain(
      '    CH-3 (record 3): 19/07/2023 "Summary: Minor injury; Details: Bruise to the left cheek." — cannot be removed while linked: KPE-1 cites it; the link KPE-1 → CF-1 gives it as evidence; the duplicate decision on CH-3, CH-4 (split) names it',
    );
    expect(shown.out).toContain(
      'Nothing changed. The revision cannot be applied while CH-3 is linked; unlink it first, or keep its record in the return.',
    );
    expect(shown.out).not.toContain('--apply');

    const refused = await importGp(corrected, '--apply');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      'gp.csv: CH-3 (record 3 in the earlier gp.csv) is not in the corrected return, but it cannot be removed while it is linked: KPE-1 cites it; the link KPE-1 → CF-1 gives it as evidence; the duplicate decision on CH-3, CH-4 (split) names it; unlink it there first, or keep the record in the return',
    );
    const json = await importGp(corrected, '--apply', '--json');
    expect(json.code).toBe(1);
    expect(json.json<ImportJson>()).toMatchObject({
      imported: 0,
      errors: [
        { file: 'gp.csv', record: null, message: expect.stringContaining('KPE-1 cites it') },
      ],
    });
    expect(await position()).toEqual(before);

    // The check on the event itself refuses it too, as it would in a bundle.
    const drafted = await refusal(
      ws.run(reviewId, () => [
        {
          type: 'chronology.return-revised',
          payload: {
            agencyId: 'AG-1',
            file: 'gp.csv',
            added: [],
            changed: [],
            removed: [{ id: 'CH-3', record: 3, reason: 'withdrawn' }],
          },
        },
      ]),
    );
    expect(drafted.issues).toMatchObject([
      {
        code: 'reference-in-use',
        path: ['removed', 0, 'id'],
        ids: ['CH-3', 'KPE-1', 'CF-1', 'CH-4'],
      },
    ]);
    expect(await position()).toEqual(before);
  });

  it('keeps the entries of records the corrected return now has problems with', async () => {
    const { write, importGp, position, entry } = await setUp();
    const broken = [...FIRST];
    broken[2] = '31/02/2023,,Practice nurse,Did not attend,One-year review not attended.';
    broken[4] = '03/08/2023,,Health visitor,Home visit,Flat cold; mother tired; heating off.';
    const file = write('gp.csv', broken);
    const before = await position();
    const refused = await importGp(file, '--apply');
    expect(refused.code).toBe(1);
    expect(refused.out).toContain(
      'Left as they are, as their records now have problems: CH-2 (record 2).',
    );
    expect(await position()).toEqual(before);

    const applied = await importGp(file, '--apply', '--skip-invalid', '--json');
    expect(applied.code).toBe(0);
    expect(applied.json<ImportJson>().revision).toMatchObject({
      applied: true,
      changed: [{ id: 'CH-4' }],
      removed: [],
      kept: [{ id: 'CH-2', record: 2 }],
    });
    expect((await entry('CH-2')).date.start).toBe('2023-05-02');
    expect((await entry('CH-4')).text).toContain('heating off');
  });

  it('tells a progress callback each step of the import', async () => {
    const { ws, reviewId, write } = await setUp();
    const steps: ProgressStep[] = [];
    await importReturn(ws, reviewId, {
      path: write('gp.csv', CORRECTED),
      agency: 'AG-1',
      apply: true,
      progress: (s) => steps.push(s),
    });
    expect(steps.map((s) => s.step)).toEqual([
      'reading gp.csv',
      'checking the 4 records of gp.csv',
      'comparing gp.csv with its earlier import',
      'revising gp.csv: 4 changes',
      'revised',
    ]);
  });
});

/** Text as an older Windows export writes it: one byte a character, curly quotes at 0x93/0x94. */
function windows1252(text: string): Buffer {
  const high: Record<string, number> = { '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94 };
  return Buffer.from(
    [...text].map((c) => {
      const code = high[c] ?? c.charCodeAt(0);
      if (code > 0xff) throw new Error(`${c} has no Windows-1252 byte`);
      return code;
    }),
  );
}
