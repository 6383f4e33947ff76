// Case material stays its owner's: every file tunnelview writes — the workspace with its -wal and
// -shm, reports in PDF, Word and HTML, chronologies in CSV, XLSX and HTML, bundles, maps, return
// templates, the demo — is created readable and writable by its owner alone (0600), under the
// usual umask 022; and opening a workspace that others can read says so, with the fix.
import { chmodSync, existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writePrivateFile, writePrivateFileSync } from '../../src/store/private-file.ts';
import { openWorkspace } from '../../src/store/sqlite-event-store.ts';
import { runCli, tempDir, workspaceWithReview } from '../helpers/workspace.ts';

/** The permission bits of a file, as `ls -l` counts them (0o600). */
function mode(file: string): number {
  return statSync(file).mode & 0o777;
}

let umaskBefore: number;
beforeAll(() => {
  // Files are created 0644 under this umask unless tunnelview says otherwise.
  umaskBefore = process.umask(0o022);
});
afterAll(() => {
  process.umask(umaskBefore);
});

describe('private files', () => {
  it('creates a workspace, its -wal and its -shm 0600', async () => {
    const path = join(tempDir(), 'new.db');
    const store = openWorkspace(path, { create: true });
    try {
      // Open, in WAL mode, after the schema was written: all three files are there.
      for (const file of [path, `${path}-wal`, `${path}-shm`]) {
        expect(existsSync(file), file).toBe(true);
        expect(mode(file).toString(8), file).toBe('600');
      }
    } finally {
      await store.close();
    }
  });

  it('writes every output of the demo and of the commands that write files 0600', async () => {
    const dir = tempDir();
    const clock = () => new Date('2026-11-26T09:00:00Z');
    const demo = await runCli(['demo', '--out', dir, '--json'], { cwd: dir, clock });
    expect(demo.code, demo.err).toBe(0);
    const { review, workspace } = demo.json<{ review: string; workspace: string }>();
    const run = async (...args: string[]) => {
      const result = await runCli([...args, '--workspace', workspace], { cwd: dir, clock });
      expect(result.code, `${args.join(' ')}: ${result.err}`).toBe(0);
    };
    await run('render', '--review', review, '--format', 'docx', '--out', 'report.docx');
    await run('chronology', 'show', '--review', review, '--format', 'csv', '--out', 'chron.csv');
    await run('chronology', 'show', '--review', review, '--format', 'xlsx', '--out', 'chron.xlsx');
    await run('chronology', 'show', '--review', review, '--format', 'html', '--out', 'chron.html');
    await run('export', review, '--out', 'bundle.json');
    await run('map', '--review', review, '--out', 'map.svg');
    await run(
      'chronology',
      'template',
      '--agency',
      'Quillington Police',
      '--format',
      'csv',
      '--out',
      'return.csv',
    );
    await run(
      'chronology',
      'template',
      '--agency',
      'Quillington Police',
      '--format',
      'xlsx',
      '--out',
      'return.xlsx',
    );

    const expected = [
      'tunnelview.db',
      'findings.pdf',
      'findings.html',
      'findings-publication.pdf',
      'report.docx',
      'chron.csv',
      'chron.xlsx',
      'chron.html',
      'bundle.json',
      'map.svg',
      'return.csv',
      'return.xlsx',
    ];
    const files = readdirSync(dir);
    for (const name of expected) expect(files, name).toContain(name);
    const modes = Object.fromEntries(
      files.map((name) => [name, mode(join(dir, name)).toString(8)]),
    );
    expect(modes).toEqual(Object.fromEntries(files.map((name) => [name, '600'])));
  }, 300_000);

  it('replaces a file others could read with a private one, leaving no temporary file behind', async () => {
    const dir = tempDir();
    const file = join(dir, 'map.svg');
    writeFileSync(file, 'an old map', { mode: 0o644 });
    expect(mode(file)).toBe(0o644);
    writePrivateFileSync(file, '<svg/>');
    expect(mode(file)).toBe(0o600);
    await writePrivateFile(join(dir, 'report.pdf'), new Uint8Array([37, 80, 68, 70]));
    expect(mode(join(dir, 'report.pdf'))).toBe(0o600);
    expect(readdirSync(dir).sort()).toEqual(['map.svg', 'report.pdf']);
    // A write that fails leaves neither the file nor its temporary file.
    await expect(writePrivateFile(join(dir, 'no-such-folder', 'x.pdf'), 'x')).rejects.toThrow(
      'ENOENT',
    );
    expect(readdirSync(dir).sort()).toEqual(['map.svg', 'report.pdf']);
  });
});

describe('a workspace others can read', () => {
  it('is used, with a warning on stderr that names who can read it and the chmod that fixes it', async () => {
    const { path, store } = await workspaceWithReview();
    await store.close();
    chmodSync(path, 0o644);
    const listed = await runCli(['review', 'list', '--json', '--workspace', path]);
    expect(listed.code, listed.err).toBe(0);
    expect(listed.json<unknown[]>()).toHaveLength(1);
    expect(listed.stderr).toEqual([
      `Warning: ${path}: every user of this computer can open the workspace, and it holds case material; make it yours alone with: chmod 600 ${path}`,
    ]);

    chmodSync(path, 0o640);
    const group = await runCli(['review', 'list', '--workspace', path]);
    expect(group.err).toContain(
      `${path}: the members of its group can open the workspace, and it holds case material; make it yours alone with: chmod 600 ${path}`,
    );

    // Once it is private, nothing is said.
    chmodSync(path, 0o600);
    const quiet = await runCli(['review', 'list', '--workspace', path]);
    expect(quiet.code).toBe(0);
    expect(quiet.stderr).toEqual([]);
  });

  it('names its -wal and -shm too when they are readable by others', async () => {
    const { path, store } = await workspaceWithReview();
    // While the store is open, its -wal and -shm are there.
    chmodSync(path, 0o644);
    chmodSync(`${path}-wal`, 0o644);
    chmodSync(`${path}-shm`, 0o644);
    const listed = await runCli(['review', 'list', '--workspace', path]);
    await store.close();
    expect(listed.err).toContain(
      `make it yours alone with: chmod 600 ${path} ${path}-wal ${path}-shm`,
    );
  });

  it('says nothing about a workspace it has just created', async () => {
    const dir = tempDir();
    const created = await runCli(
      ['review', 'create', '--title', 'Learning review: Child C', '--kind', 'lcspr'],
      { cwd: dir },
    );
    expect(created.code, created.err).toBe(0);
    expect(created.err).not.toContain('Warning');
    expect(mode(join(dir, 'tunnelview.db'))).toBe(0o600);
  });
});
