// The installed command starts light: `--help` and a reading command load none of the heavy
// libraries (they load with the commands that need them), and it runs compiled JavaScript
// (dist/, built before the tests by tests/setup/build-dist.ts).
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { HEAVY_PACKAGES } from '../architecture/check-layers.ts';
import { tempDir } from '../helpers/workspace.ts';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'tunnelview.js');

/** Runs the installed command in its own process and returns every module it resolved. */
async function modulesLoadedBy(args: string[], cwd: string): Promise<string[]> {
  const log = join(cwd, `modules-${Date.now()}.log`);
  await run(
    process.execPath,
    ['--import', join(ROOT, 'tests/helpers/module-log.mjs'), BIN, ...args],
    {
      cwd,
      env: { ...process.env, TUNNELVIEW_MODULE_LOG: log, TUNNELVIEW_ACTOR: 'Test Reviewer' },
    },
  );
  return readFileSync(log, 'utf8').trim().split('\n');
}

function heavyIn(urls: readonly string[]): string[] {
  return HEAVY_PACKAGES.filter((pkg) => urls.some((u) => u.includes(`/node_modules/${pkg}/`)));
}

describe('the installed command at start-up', () => {
  it('runs the compiled JavaScript, not the TypeScript sources through tsx', async () => {
    const urls = await modulesLoadedBy(['--help'], tempDir());
    expect(urls.some((u) => u.endsWith('/dist/cli/main.js'))).toBe(true);
    expect(urls.filter((u) => u.includes('/node_modules/tsx/') || u.endsWith('.ts'))).toEqual([]);
  });

  it('loads none of the heavy libraries for --help', async () => {
    const urls = await modulesLoadedBy(['--help'], tempDir());
    expect(heavyIn(urls)).toEqual([]);
  });

  it('loads none of them to list KPEs, and loads exceljs only when a workbook is written', async () => {
    const dir = tempDir();
    const workspace = join(dir, 'ws.db');
    await run(
      process.execPath,
      [
        BIN,
        'review',
        'create',
        '--title',
        'Learning review: Child A',
        '--kind',
        'lcspr',
        '--workspace',
        workspace,
      ],
      {
        cwd: dir,
        env: { ...process.env, TUNNELVIEW_ACTOR: 'Test Reviewer' },
      },
    );
    expect(
      heavyIn(await modulesLoadedBy(['kpe', 'list', '--json', '--workspace', workspace], dir)),
    ).toEqual([]);
    const template = await modulesLoadedBy(
      [
        'chronology',
        'template',
        '--agency',
        'Fenwick Vale Police',
        '--format',
        'xlsx',
        '--out',
        join(dir, 'r.xlsx'),
      ],
      dir,
    );
    expect(heavyIn(template)).toEqual(['exceljs']);
  });
});
