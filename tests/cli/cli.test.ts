// The command line, run in-process through `main` with its output captured: the fixed command
// shapes, exit codes (0 done, 1 the user's to fix) with messages on stderr, help with examples,
// bundles through files, and one real process to prove the bin shim starts.
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { reportError } from '../../src/cli/exit-codes.ts';
import { ValidationError } from '../../src/domain/errors.ts';
import { loadModelFile, loadModelText, type ModelIssue } from '../../src/model/load-model.ts';
import { refusal, runCli, tamper, tempDir } from '../helpers/workspace.ts';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));
const fixtures = fileURLToPath(new URL('../fixtures/models', import.meta.url));

interface CreatedReview {
  id: string;
  title: string;
  kind: string;
  modelId: string;
  workspace: string;
}

interface ChangeResult {
  review: string;
  ids: string[];
  events: { seq: number; type: string; hash: string }[];
  message: string;
}

/** A temp folder holding workspace `ws.db`, and a runner for commands against it. */
function cliWorkspace() {
  const dir = tempDir();
  const ws = join(dir, 'ws.db');
  const run = (...args: string[]) => runCli([...args, '--workspace', ws], { cwd: dir });
  return { dir, ws, run };
}

/** A workspace with one review created through the CLI; returns its id. */
async function withReview(title = 'Learning review: Child A') {
  const w = cliWorkspace();
  const created = await w.run('review', 'create', '--title', title, '--kind', 'lcspr', '--json');
  expect(created.code).toBe(0);
  return { ...w, reviewId: created.json<CreatedReview>().id };
}

describe('tunnelview review', () => {
  it('create --json prints the new review with its id', async () => {
    const { dir, ws } = cliWorkspace();
    const run = await runCli(
      ['review', 'create', '--title', 'T', '--kind', 'lcspr', '--workspace', ws, '--json'],
      { cwd: dir },
    );
    expect(run.code).toBe(0);
    expect(run.stderr).toEqual([]);
    const review = run.json<CreatedReview>();
    expect(review.id).toMatch(/^R-[2-9A-HJKMNP-TV-Z]{6}$/);
    expect(review).toMatchObject({
      title: 'T',
      kind: 'lcspr',
      modelId: 'learning-together',
      workspace: ws,
    });
    expect(existsSync(ws)).toBe(true);
  });

  it('create without --json says what it created, in plain words', async () => {
    const { run } = cliWorkspace();
    const created = await run(
      'review',
      'create',
      '--title',
      'T',
      '--kind',
      'scr',
      '--id',
      'R-PLAIN1',
    );
    expect(created.code).toBe(0);
    expect(created.stdout[0]).toBe('Created review R-PLAIN1: T');
  });

  it('list --json prints an array of reviews with id and title', async () => {
    const { run, reviewId } = await withReview('First');
    await run('review', 'create', '--title', 'Second', '--kind', 'scr', '--id', 'R-SECOND');
    const list = await run('review', 'list', '--json');
    expect(list.code).toBe(0);
    const reviews = list.json<{ id: string; title: string }[]>();
    expect(
      reviews
        .map((r) => ({ id: r.id, title: r.title }))
        .sort((a, b) => a.title.localeCompare(b.title)),
    ).toEqual([
      { id: reviewId, title: 'First' },
      { id: 'R-SECOND', title: 'Second' },
    ]);
  });

  it('accepts --workspace before or after the subcommand, and from the environment', async () => {
    const { dir, ws, reviewId } = await withReview();
    const before = await runCli(['--workspace', ws, 'review', 'list', '--json'], { cwd: dir });
    const after = await runCli(['review', 'list', '--json', '--workspace', ws], { cwd: dir });
    const fromEnv = await runCli(['review', 'list', '--json'], {
      cwd: dir,
      env: { TUNNELVIEW_WORKSPACE: ws },
    });
    for (const run of [before, after, fromEnv]) {
      expect(run.code).toBe(0);
      expect(run.json<{ id: string }[]>().map((r) => r.id)).toEqual([reviewId]);
    }
  });

  it('uses ./tunnelview.db in the working folder when no workspace is given', async () => {
    const dir = tempDir();
    const created = await runCli(
      ['review', 'create', '--title', 'T', '--kind', 'lcspr', '--json'],
      {
        cwd: dir,
      },
    );
    expect(created.json<CreatedReview>().workspace).toBe(join(dir, 'tunnelview.db'));
    expect(existsSync(join(dir, 'tunnelview.db'))).toBe(true);
  });
});

describe('tunnelview verify', () => {
  it('exits 0 when every chain is intact and 1 after the log was tampered with', async () => {
    const { ws, run, reviewId } = await withReview();
    await run('kpe', 'add', '--title', 'Visit', '--from', '2023-05-02', '--what', 'A home visit.');
    await run('factor', 'add', '--head', 'family', '--text', 'Mother avoided appointments');

    const intact = await run('verify');
    expect(intact.code).toBe(0);
    expect(intact.out).toBe('Intact: 1 review(s), 3 events, every hash chain verifies.');

    tamper(ws, (db) =>
      db
        .prepare(
          "UPDATE events SET payload = json_set(payload, '$.whatHappened', 'Nothing happened.') WHERE review_id = ? AND seq = 2",
        )
        .run(reviewId),
    );
    const broken = await run('verify');
    expect(broken.code).toBe(1);
    expect(broken.stderr[0]).toBe('The hash chain does not verify:');
    expect(broken.err).toContain(
      `review.${reviewId}.event.2: event 2 (kpe.added) of review ${reviewId} was altered after it was written`,
    );
    expect(broken.err).toContain('Restore the workspace from a backup or a bundle');

    const json = await run('verify', '--json');
    expect(json.code).toBe(1);
    expect(json.json()).toMatchObject({
      ok: false,
      reviews: 1,
      issues: [{ code: 'chain-hash-mismatch' }],
    });
  });

  it('exits 1 after the last event was deleted', async () => {
    const { ws, run, reviewId } = await withReview();
    await run('factor', 'add', '--head', 'family', '--text', 'Mother avoided appointments');
    tamper(ws, (db) =>
      db.prepare('DELETE FROM events WHERE review_id = ? AND seq = 2').run(reviewId),
    );
    const broken = await run('verify');
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(
      'review log ends at event 1, but its recorded last event is event 2',
    );
  });
});

describe('tunnelview user errors', () => {
  it('exits 1 for an unknown option, saying which and pointing at --help', async () => {
    const { run } = cliWorkspace();
    const result = await run(
      'review',
      'create',
      '--title',
      'T',
      '--kind',
      'lcspr',
      '--colour',
      'red',
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain("error: unknown option '--colour'");
    expect(result.err).toContain('(run with --help for usage)');
    expect(result.stdout).toEqual([]);
  });

  it('exits 1 for an unknown command, suggesting the right one', async () => {
    const { run } = cliWorkspace();
    const result = await run('reveiw', 'list');
    expect(result.code).toBe(1);
    expect(result.err).toContain("unknown command 'reveiw'");
    expect(result.err).toContain('review');
  });

  it('exits 1 for a missing required option, naming it', async () => {
    const { run } = cliWorkspace();
    const result = await run('review', 'create', '--kind', 'lcspr');
    expect(result.code).toBe(1);
    expect(result.err).toContain("required option '--title <title>' not specified");
  });

  it('exits 1 for a bad review kind, listing the kinds', async () => {
    const { run, dir } = cliWorkspace();
    const result = await run('review', 'create', '--title', 'T', '--kind', 'serious');
    expect(result.code).toBe(1);
    expect(result.stderr).toEqual([
      'Refused; nothing was changed:',
      '  - --kind: unknown review kind "serious"; use one of rapid-review, lcspr, scr, learning-review',
    ]);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('exits 1 when --review is left out and the workspace holds two reviews, listing them', async () => {
    const { run, reviewId } = await withReview();
    await run('review', 'create', '--title', 'Second', '--kind', 'scr', '--id', 'R-SECOND');
    const result = await run(
      'kpe',
      'add',
      '--title',
      'Visit',
      '--from',
      '2023-05-02',
      '--what',
      'x',
    );
    expect(result.code).toBe(1);
    // Both were created at the same pinned moment, so they are listed by id.
    const listed = [reviewId, 'R-SECOND'].sort().join(', ');
    expect(result.err).toContain(
      `--review: this workspace holds 2 reviews: ${listed}; say which with --review`,
    );
    expect(result.err).toContain(reviewId);
    expect(result.err).toContain('R-SECOND');
    const chosen = await run(
      'kpe',
      'add',
      '--review',
      'R-SECOND',
      '--title',
      'Visit',
      '--from',
      '2023-05-02',
      '--what',
      'x',
      '--json',
    );
    expect(chosen.code).toBe(0);
    expect(chosen.json<ChangeResult>()).toMatchObject({ review: 'R-SECOND', ids: ['KPE-1'] });
  });

  it('exits 1 for an impossible date, with the reason', async () => {
    const { run } = await withReview();
    const result = await run(
      'kpe',
      'add',
      '--title',
      'Visit',
      '--from',
      '2023-02-31',
      '--what',
      'x',
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      '--from: "2023-02-31" is not a real date: February 2023 has 28 days',
    );
  });

  it('shows an Example in the --help of every command, and exits 0', async () => {
    const { run } = cliWorkspace();
    const { buildProgram } = await import('../../src/cli/main.ts');
    const program = buildProgram({ output: { out: () => {}, err: () => {} }, env: {}, cwd: '.' });
    const leaves: string[][] = [];
    const visit = (command: Command, names: string[]) => {
      if (command.commands.length === 0) leaves.push(names);
      for (const sub of command.commands) visit(sub, [...names, sub.name()]);
    };
    visit(program, []);
    expect(leaves.length).toBeGreaterThan(30);
    for (const command of leaves) {
      const help = await run(...command, '--help');
      expect(help.code, command.join(' ')).toBe(0);
      expect(help.out, command.join(' ')).toContain(`Usage: tunnelview ${command.join(' ')}`);
      expect(help.out, command.join(' ')).toMatch(/Example:\n {2}tunnelview /);
    }
  });
});

describe('tunnelview export and import', () => {
  it('round-trips a review through a bundle printed to stdout, into another workspace', async () => {
    const source = await withReview();
    await source.run(
      'kpe',
      'add',
      '--title',
      'Visit',
      '--from',
      '2023-05-02',
      '--what',
      'A home visit.',
    );
    await source.run('factor', 'add', '--head', 'family', '--text', 'Mother avoided appointments');
    await source.run('factor', 'link', 'CF-1', '--kpe', 'KPE-1');

    const exported = await source.run('export', source.reviewId);
    expect(exported.code).toBe(0);
    const bundle = exported.json<{ reviewId: string; events: { hash: string }[] }>();
    expect(bundle.reviewId).toBe(source.reviewId);
    expect(bundle.events).toHaveLength(4);
    const file = join(source.dir, 'child-a.bundle.json');
    writeFileSync(file, exported.out);

    const target = cliWorkspace();
    const imported = await runCli(['import', file, '--workspace', target.ws], { cwd: target.dir });
    expect(imported.code).toBe(0);
    expect(imported.out).toBe(
      `Imported review ${source.reviewId} (Learning review: Child A): 4 events, chain verified, into ${target.ws}`,
    );
    expect((await target.run('verify')).code).toBe(0);
    const sourceLog = (await source.run('log', '--json')).json();
    const targetLog = (await target.run('log', '--json')).json();
    expect(targetLog).toEqual(sourceLog);
    const links = (await target.run('kpe', 'list', '--json')).json<{ factorIds: string[] }[]>();
    expect(links[0]?.factorIds).toEqual(['CF-1']);
  });

  it('writes the bundle to --out and says so on stderr, keeping stdout clean', async () => {
    const { run, dir, reviewId } = await withReview();
    const result = await run('export', '--out', 'b.json');
    expect(result.code).toBe(0);
    expect(result.stdout).toEqual([]);
    expect(result.err).toBe(`Wrote 1 events of review ${reviewId} to b.json`);
    expect(JSON.parse(readFileSync(join(dir, 'b.json'), 'utf8'))).toMatchObject({ reviewId });
  });

  it('refuses an altered bundle naming the file and event, and creates no workspace', async () => {
    const source = await withReview();
    await source.run(
      'kpe',
      'add',
      '--title',
      'Visit',
      '--from',
      '2023-05-02',
      '--what',
      'A home visit.',
    );
    const bundle = (await source.run('export')).json<{
      events: { payload: { whatHappened?: string } }[];
    }>();
    (bundle.events[1] as { payload: { whatHappened?: string } }).payload.whatHappened = 'Nothing.';
    const target = tempDir();
    writeFileSync(join(target, 'altered.json'), JSON.stringify(bundle));
    const result = await runCli(['import', 'altered.json', '--workspace', 'ws.db'], {
      cwd: target,
    });
    expect(result.code).toBe(1);
    expect(result.stderr[0]).toBe('Refused; nothing was changed:');
    expect(result.err).toContain(
      `altered.json.review.${source.reviewId}.event.2: event 2 (kpe.added) of review ${source.reviewId} was altered after it was written`,
    );
    expect(readdirSync(target)).toEqual(['altered.json']);
  });

  it('refuses to import a review the workspace already holds', async () => {
    const { run, dir, reviewId } = await withReview();
    await run('export', '--out', 'b.json');
    const result = await run('import', join(dir, 'b.json'));
    expect(result.code).toBe(1);
    expect(result.err).toContain(`review ${reviewId} already exists in`);
    expect((await run('review', 'list', '--json')).json<unknown[]>()).toHaveLength(1);
  });

  it('refuses a file that is not JSON, naming the file', async () => {
    const { run, dir } = cliWorkspace();
    writeFileSync(join(dir, 'notes.txt'), 'not json at all');
    const result = await run('import', 'notes.txt');
    expect(result.code).toBe(1);
    expect(result.err).toMatch(
      / {2}- notes\.txt: is not JSON \(.*\); give a bundle file as it was exported/,
    );
    expect(existsSync(join(dir, 'ws.db'))).toBe(false);
  });

  it('refuses a bundle file that does not exist, naming it', async () => {
    const { run, dir } = cliWorkspace();
    const result = await run('import', 'missing.json');
    expect(result.code).toBe(1);
    expect(result.err).toContain(`missing.json: cannot read ${join(dir, 'missing.json')}`);
  });
});

describe('tunnelview analysis commands', () => {
  it('adds a KPE, a factor, a link and a finding, printing the new ids with --json', async () => {
    const { run, reviewId } = await withReview();
    const agency = await run(
      'agency',
      'add',
      '--name',
      'Health Visiting',
      '--sector',
      'health',
      '--json',
    );
    expect(agency.json<ChangeResult>().ids).toEqual(['AG-1']);

    const kpe = await run(
      'kpe',
      'add',
      '--title',
      'Home visit',
      '--from',
      '2023-05-02',
      '--agency',
      'AG-1',
      '--what',
      'The health visitor saw the family.',
      '--rating',
      'mixed',
      '--appraisal',
      'No follow-up booked.',
      '--explanation',
      'No time for a return visit.',
      '--json',
    );
    expect(kpe.code).toBe(0);
    expect(kpe.json<ChangeResult>()).toMatchObject({
      review: reviewId,
      ids: ['KPE-1'],
      events: [{ seq: 3, type: 'kpe.added' }],
      message: 'Added KPE-1',
    });

    const factor = await run(
      'factor',
      'add',
      '--head',
      'conditions-of-work',
      '--text',
      'Caseloads above the ceiling',
      '--scope',
      'generic',
      '--json',
    );
    expect(factor.json<ChangeResult>()).toMatchObject({
      ids: ['CF-1'],
      events: [{ type: 'factor.added' }],
    });

    const link = await run('factor', 'link', 'CF-1', '--kpe', 'KPE-1', '--json');
    expect(link.code).toBe(0);
    expect(link.json<ChangeResult>()).toMatchObject({
      ids: [],
      events: [{ seq: 5, type: 'factor.linked' }],
      message: 'Linked CF-1 to KPE-1',
    });

    const finding = await run(
      'finding',
      'add',
      '--statement',
      'Caseload pressure crowds out return visits.',
      '--category',
      'human-management-system-operation',
      '--factor',
      'CF-1',
      '--section',
      'introduction=Health visitors carry too many families.',
      '--question',
      'How does the Board know caseloads are safe?',
      '--json',
    );
    expect(finding.code).toBe(0);
    expect(finding.json<ChangeResult>()).toMatchObject({
      ids: ['F-1'],
      events: [{ type: 'finding.added' }],
    });

    const shown = (await run('finding', 'show', 'F-1', '--json')).json();
    expect(shown).toMatchObject({
      factorIds: ['CF-1'],
      boardIssues: [{ id: 'BI-1', question: 'How does the Board know caseloads are safe?' }],
      sections: { introduction: 'Health visitors carry too many families.' },
    });
    const kpes = (await run('kpe', 'list', '--json')).json();
    expect(kpes).toMatchObject([{ id: 'KPE-1', agencyIds: ['AG-1'], factorIds: ['CF-1'] }]);
  });

  it('keeps a KPE’s agencies and a factor’s scope when an edit changes something else', async () => {
    const { run } = await withReview();
    await run('agency', 'add', '--name', 'Nursery', '--sector', 'early-years');
    await run(
      'kpe',
      'add',
      '--title',
      'Visit',
      '--from',
      '2023-05-02',
      '--agency',
      'AG-1',
      '--what',
      'x',
    );
    await run('factor', 'add', '--head', 'family', '--text', 'x', '--scope', 'generic');
    expect((await run('kpe', 'edit', 'KPE-1', '--title', 'Visit (renamed)')).code).toBe(0);
    expect((await run('factor', 'edit', 'CF-1', '--text', 'y')).code).toBe(0);
    expect((await run('kpe', 'show', 'KPE-1', '--json')).json()).toMatchObject({
      title: 'Visit (renamed)',
      agencyIds: ['AG-1'],
    });
    expect((await run('factor', 'list', '--json')).json()).toMatchObject([
      { text: 'y', scope: 'generic' },
    ]);
  });

  it('refuses an unknown factor head through the CLI, listing the heads', async () => {
    const { run } = await withReview();
    const result = await run('factor', 'add', '--head', 'workload', '--text', 'x');
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'head: "workload" is not a factor head of model learning-together; use one of family,',
    );
  });

  it('refuses a reused KPE id through the CLI, saying which id to use', async () => {
    const { run } = await withReview();
    await run('kpe', 'add', '--title', 'A', '--from', '2023-05-02', '--what', 'x');
    await run('kpe', 'add', '--title', 'B', '--from', '2023-05-02', '--what', 'x');
    expect((await run('kpe', 'remove', 'KPE-2', '--reason', 'duplicate')).code).toBe(0);
    const reused = await run(
      'kpe',
      'add',
      '--id',
      'KPE-2',
      '--title',
      'C',
      '--from',
      '2023-05-02',
      '--what',
      'x',
    );
    expect(reused.code).toBe(1);
    expect(reused.err).toContain('KPE-2 was used before and removed');
    expect(reused.err).toContain('tunnelview allocates KPE-3');
    const next = await run(
      'kpe',
      'add',
      '--title',
      'C',
      '--from',
      '2023-05-02',
      '--what',
      'x',
      '--json',
    );
    expect(next.json<ChangeResult>().ids).toEqual(['KPE-3']);
  });
});

describe('methodology model errors', () => {
  it('reports a misspelt key with file, line and the likely key, and the CLI exits 1 with it', async () => {
    const error = await refusal(() => loadModelFile(join(fixtures, 'misspelt-key.yaml')));
    const issue = error.issues[0] as ModelIssue;
    expect(issue).toMatchObject({ code: 'unknown-key', line: 16, suggestion: 'gates' });
    expect(issue.message).toContain('unknown key "gatez" — did you mean "gates"?');

    const stderr: string[] = [];
    expect(reportError(error, (line) => stderr.push(line))).toBe(1);
    expect(stderr[0]).toBe('Refused; nothing was changed:');
    // The location is said once, as file:line:col and the YAML path.
    expect(stderr[1]).toMatch(
      /^ {2}- \S*misspelt-key\.yaml:16:5 stages\[1\]\.gatez: unknown key "gatez"/,
    );
  });

  it('reports a misspelt key in model text by the name given for the file', async () => {
    const text = readFileSync(join(fixtures, 'minimal.yaml'), 'utf8').replace(
      /^defaultVariant:/m,
      'defaultVarient:',
    );
    const error = await refusal(() => loadModelText(text, 'models/local.yaml'));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error.message).toContain('models/local.yaml');
    expect(error.message).toContain('unknown key "defaultVarient"');
  });

  it('refuses an unknown model name on review create, suggesting the nearest', async () => {
    const { run, dir } = cliWorkspace();
    const result = await run(
      'review',
      'create',
      '--title',
      'T',
      '--kind',
      'lcspr',
      '--model',
      'learning-togther',
    );
    expect(result.code).toBe(1);
    expect(result.err).toContain(
      'unknown model "learning-togther" (did you mean "learning-together"?)',
    );
    expect(readdirSync(dir)).toEqual([]);
  });
});

describe('the tunnelview executable', () => {
  it('starts as a real process and prints its help', async () => {
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [join(repoRoot, 'bin/tunnelview.js'), '--help'],
      { cwd: repoRoot, encoding: 'utf8', timeout: 60_000 },
    );
    expect(stdout).toContain('Usage: tunnelview [options] [command]');
    for (const command of ['review', 'kpe', 'factor', 'finding', 'verify', 'export', 'import']) {
      expect(stdout).toMatch(new RegExp(`^ {2}${command}\\b`, 'm'));
    }
  });
});
