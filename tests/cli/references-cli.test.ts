// Citing and naming as reviewers do, through the command line run in-process: a GP return
// imported with a skipped row and cited as gp-practice.csv#3 or "Brackenmoor Surgery#4" from
// kpe add, factor link and chronology confirm; the agency and record shown beside each id in
// kpe show, chronology list, factor link and trace; UK days and names on every command that
// takes them; ids in any case; refusals that name the accepted forms and change nothing.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli, tempDir } from '../helpers/workspace.ts';

/** A review with a GP return imported (record 2 skipped: CH-1, CH-2, CH-3 are records 1, 3, 4). */
async function reviewWithGpReturn() {
  const dir = tempDir();
  const ws = join(dir, 'ws.db');
  const run = (...args: string[]) => runCli([...args, '--workspace', ws], { cwd: dir });
  const must = async (...args: string[]) => {
    const result = await run(...args);
    expect(result.err, args.join(' ')).toBe('');
    expect(result.code, args.join(' ')).toBe(0);
    return result;
  };
  await must('review', 'create', '--title', 'Learning review: Child A', '--kind', 'lcspr');
  await must('participant', 'add', '--name', 'Dana Reid', '--role', 'lead-reviewer');
  writeFileSync(
    join(dir, 'gp-practice.csv'),
    [
      'Date,Time,Author,Details',
      '14/03/2023,09:40,GP,Immunisations given at the surgery.',
      '31/02/2023,,Practice nurse,Review letter sent.',
      '?/06/2023,,GP,Telephone advice about a cough.',
      '19/07/2023,16:05,GP,Bruise to the left cheek seen.',
    ].join('\n'),
  );
  const imported = await run(
    'chronology',
    'import',
    'gp-practice.csv',
    '--agency',
    'Brackenmoor Surgery',
    '--sector',
    'health',
    '--skip-invalid',
  );
  expect(imported.code).toBe(0);
  const logHead = async () => {
    const events = (await must('log', '--json')).json<{ hash: string }[]>();
    return { events: events.length, head: events.at(-1)?.hash };
  };
  return { dir, run, must, logHead };
}

describe('citing chronology entries on the command line', () => {
  it('takes FILE#RECORD and AGENCY#RECORD from kpe add and shows the source beside each id', async () => {
    const { must } = await reviewWithGpReturn();
    await must(
      'kpe',
      'add',
      '--title',
      'Bruise seen at the surgery',
      '--from',
      '19/07/2023',
      '--agency',
      'brackenmoor surgery',
      '--chronology',
      'gp-practice.csv#3',
      '--chronology',
      'Brackenmoor Surgery#4',
      '--what',
      'The GP saw a bruise to the left cheek.',
    );
    const shown = await must('kpe', 'show', 'kpe-01');
    expect(shown.stdout).toContain('  period: 2023-07-19');
    expect(shown.stdout).toContain('  agencies: Brackenmoor Surgery');
    expect(shown.stdout).toContain(
      '  CH-2 (gp-practice.csv#3, Brackenmoor Surgery) ?/06/2023: Telephone advice about a cough.',
    );
    expect(shown.stdout).toContain(
      '  CH-3 (gp-practice.csv#4, Brackenmoor Surgery) 19/07/2023: Bruise to the left cheek seen.',
    );
    const json = (await must('kpe', 'show', 'KPE-1', '--json')).json<{
      chronologyRefs: string[];
      chronology: { id: string; citation: string }[];
    }>();
    expect(json.chronologyRefs).toEqual(['CH-2', 'CH-3']);
    expect(json.chronology.map((e) => [e.id, e.citation])).toEqual([
      ['CH-2', 'gp-practice.csv#3'],
      ['CH-3', 'gp-practice.csv#4'],
    ]);
  });

  it('lists the chronology with each entry’s source', async () => {
    const { must } = await reviewWithGpReturn();
    const listed = await must('chronology', 'list', '--agency', 'AG-01');
    expect(listed.stdout[0]).toMatch(/^ID\s+DATE\s+AGENCY\s+SOURCE\s+TEXT$/);
    expect(listed.stdout[2]).toMatch(
      /^CH-2\s+\?\/06\/2023\s+Brackenmoor Surgery\s+gp-practice\.csv#3\s+Telephone advice/,
    );
  });

  it('takes citations as factor link evidence and in trace, showing agency and record', async () => {
    const { must } = await reviewWithGpReturn();
    await must(
      'kpe',
      'add',
      '--title',
      'Bruise seen',
      '--from',
      '2023-07-19',
      '--what',
      'The GP saw a bruise.',
    );
    await must(
      'factor',
      'add',
      '--head',
      'conditions-of-work',
      '--text',
      'Ten-minute appointments',
    );
    const linked = await must(
      'factor',
      'link',
      'cf-01',
      '--kpe',
      'kpe-1',
      '--evidence',
      'Brackenmoor Surgery#4,gp-practice.csv#1',
    );
    expect(linked.out).toBe(
      'Linked CF-1 to KPE-1 with evidence CH-3 (gp-practice.csv#4, Brackenmoor Surgery); CH-1 (gp-practice.csv#1, Brackenmoor Surgery)',
    );
    const shown = await must('kpe', 'show', 'KPE-1');
    expect(shown.stdout).toContain(
      '  factor CF-1: Ten-minute appointments [evidence CH-3 (gp-practice.csv#4, Brackenmoor Surgery); CH-1 (gp-practice.csv#1, Brackenmoor Surgery)]',
    );
    await must(
      'finding',
      'add',
      '--statement',
      'Short appointments leave injuries unexplored.',
      '--category',
      'human-management-system-operation',
      '--factor',
      'cf-1',
    );
    const trace = await must('trace', 'f-01');
    expect(trace.stdout).toContain(
      '      ├─ CH-3 2023-07-19 · AG-1 · gp-practice.csv#4 (cited for the link): Bruise to the left cheek seen.',
    );
    const json = (await must('trace', 'F-1', '--json')).json<{
      factors: { kpes: { evidence: { id: string; citation?: string; agencyName?: string }[] }[] }[];
    }>();
    expect(json.factors[0]?.kpes[0]?.evidence.map((e) => [e.id, e.citation, e.agencyName])).toEqual(
      [
        ['CH-3', 'gp-practice.csv#4', 'Brackenmoor Surgery'],
        ['CH-1', 'gp-practice.csv#1', 'Brackenmoor Surgery'],
      ],
    );
  });

  it('confirms duplicates named by citation and by id in any case', async () => {
    const { must } = await reviewWithGpReturn();
    const done = await must('chronology', 'confirm', 'ch-01', 'gp-practice.csv#3', '--json');
    expect(done.json<{ ids: string[]; message: string }>().message).toBe(
      'Confirmed CH-1 + CH-2 as one event',
    );
    const log = (await must('log', '--json')).json<{ type: string; payload: unknown }[]>();
    expect(log.at(-1)).toMatchObject({
      type: 'chronology.duplicates-decided',
      payload: { entryIds: ['CH-1', 'CH-2'] },
    });
  });

  it('refuses a citation of a record the return does not hold, naming the option and the fix', async () => {
    const { run, logHead } = await reviewWithGpReturn();
    const before = await logHead();
    const refused = await run(
      'kpe',
      'add',
      '--title',
      'x',
      '--from',
      '2023-07-19',
      '--what',
      'x',
      '--chronology',
      'gp-practice.csv#2',
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      '--chronology: "gp-practice.csv" has no imported record 2 in review',
    );
    expect(refused.err).toContain('its records are gp-practice.csv 1, 3, 4');
    expect(refused.err).toContain('see what there is with: tunnelview chronology list');
    expect(await logHead()).toEqual(before);
  });
});

describe('days and names on the command line', () => {
  it('reads UK days for KPEs, meetings, time, key dates and clocks', async () => {
    const { must } = await reviewWithGpReturn();
    await must('review', 'update', '--key-date', 'notification=19/12/2025');
    await must(
      'meeting',
      'add',
      '--type',
      'review-team',
      '--date',
      '03/02/2026',
      '--attendee',
      'Dana Reid',
    );
    await must(
      'time',
      'log',
      '--participant',
      'dana reid',
      '--activity',
      'reading records',
      '--minutes',
      '90',
      '--date',
      '14/01/2026',
    );
    const review = (await must('review', 'show', '--json')).json<{
      review: { keyDates: Record<string, string> };
    }>();
    expect(review.review.keyDates).toEqual({ notification: '2025-12-19' });
    const meetings = (await must('meeting', 'list', '--json')).json<
      { date: string; attendees: string[] }[]
    >();
    expect(meetings).toMatchObject([{ date: '2026-02-03', attendees: ['PT-1'] }]);
    const time = (await must('time', 'list', '--json')).json<
      { date: string; participantId: string }[]
    >();
    expect(time).toMatchObject([{ date: '2026-01-14', participantId: 'PT-1' }]);
    const clock = await runCli(['clock', 'rapid-review', '--from', '19/12/2025', '--json']);
    expect(clock.json()).toMatchObject({ rule: 'rapid-review', from: '2025-12-19' });
  });

  it('refuses a month where a day is needed, naming the option and the accepted forms', async () => {
    const { run, logHead } = await reviewWithGpReturn();
    const before = await logHead();
    const refused = await run('kpe', 'add', '--title', 'x', '--from', 'March 2023', '--what', 'x');
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(
      '--from: "March 2023" gives only a month, and a day is needed here; give a date as 14/03/2023 or 2023-03-14 (or 14 March 2023)',
    );
    expect(await logHead()).toEqual(before);
  });

  it('refuses an unknown attendee by name, listing the participants and how to see them', async () => {
    const { run, logHead } = await reviewWithGpReturn();
    const before = await logHead();
    const refused = await run(
      'meeting',
      'add',
      '--type',
      'review-team',
      '--date',
      '2026-02-03',
      '--attendee',
      'Dana Reed',
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('--attendee: review R-');
    expect(refused.err).toContain(
      'has no participant "Dana Reed" (did you mean "Dana Reid"?); give one by id (PT-2) or by their name; its participants are PT-1 "Dana Reid"',
    );
    expect(refused.err).toContain('see what there is with: tunnelview participant list');
    expect(await logHead()).toEqual(before);
  });
});
