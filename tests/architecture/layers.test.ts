// The layering `npm run lint` enforces: it holds on the tree, and a planted back-edge, a sibling
// import, a heavy library reached at start-up or command syntax in a core message is caught with
// the file, line and the fix.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/workspace.ts';
import { checkLayers } from './check-layers.ts';

const SRC = join(import.meta.dirname, '..', '..', 'src');

/** A copy of src/ to plant imports in. */
function srcCopy(): string {
  const dir = join(tempDir(), 'src');
  cpSync(SRC, dir, { recursive: true });
  return dir;
}

describe('checkLayers', () => {
  it('finds no back-edge, sibling import, heavy start-up import or core command syntax in the tree', () => {
    expect(checkLayers(SRC)).toEqual([]);
  });

  it('fails on a planted back-edge, naming the file, the line and the direction imports take', () => {
    const src = srcCopy();
    writeFileSync(
      join(src, 'domain', 'planted.ts'),
      "// A domain module reaching up into the use-cases.\nimport { listKpes } from '../app/kpes.ts';\nexport const planted = listKpes;\n",
    );
    const found = checkLayers(src);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ rule: 'back-edge', file: 'domain/planted.ts', line: 2 });
    expect(found[0]?.message).toContain('domain/ imports app/ (../app/kpes.ts), a layer above it');
  });

  it('counts a type-only import as an edge too, and an import between folders of one layer', () => {
    const src = srcCopy();
    writeFileSync(
      join(src, 'store', 'planted.ts'),
      "import type { LanguageRules } from '../model/language-rules.ts';\nexport type Planted = LanguageRules;\n",
    );
    const found = checkLayers(src);
    expect(found.map((v) => [v.rule, v.file])).toEqual([['sibling-edge', 'store/planted.ts']]);
  });

  it('asks for a layer for a folder that has none', () => {
    const src = srcCopy();
    mkdirSync(join(src, 'stray'));
    writeFileSync(join(src, 'stray', 'x.ts'), "import '../domain/index.ts';\n");
    expect(checkLayers(src).map((v) => v.rule)).toEqual(['unknown-folder']);
  });

  it('fails when the command line would load a heavy library as it starts, showing the chain', () => {
    const src = srcCopy();
    writeFileSync(
      join(src, 'cli', 'planted.ts'),
      "import ExcelJS from 'exceljs';\nexport const workbook = () => new ExcelJS.Workbook();\n",
    );
    const main = join(src, 'cli', 'main.ts');
    cpSync(main, `${main}.orig`);
    writeFileSync(main, `import './planted.ts';\n${readFileSync(`${main}.orig`, 'utf8')}`);
    const found = checkLayers(src).filter((v) => v.rule === 'heavy-at-start-up');
    expect(found).toHaveLength(1);
    expect(found[0]?.message).toContain(
      'exceljs loads when cli/main.ts starts (cli/main.ts → cli/planted.ts)',
    );
  });

  it('fails on command syntax in a core message, in strings and templates alike, but not in comments', () => {
    const src = srcCopy();
    writeFileSync(
      join(src, 'graph', 'planted.ts'),
      [
        '// A comment may say `tunnelview kpe edit KPE-3 --appraisal`: it is never printed.',
        '/** Nor may a doc comment be flagged: see `tunnelview check --review`. */',
        "export const a = 'KPE-3 has no appraisal; add one with tunnelview kpe edit KPE-3';",
        // biome-ignore lint/suspicious/noTemplateCurlyInString: the planted source holds a template literal.
        'export const b = (id: string) => `${id} has no explanation (give --explanation "…")`;',
        "export const c = ['--review'];",
        "export const d = 'a tunnelview-bundle, the time 10--12, and tunnelview (this one)';",
        '',
      ].join('\n'),
    );
    const found = checkLayers(src);
    expect(found.map((v) => [v.rule, v.file, v.line])).toEqual([
      ['command-syntax', 'graph/planted.ts', 3],
      ['command-syntax', 'graph/planted.ts', 4],
      ['command-syntax', 'graph/planted.ts', 5],
    ]);
    expect(found[0]?.message).toContain('("…aisal; add one with tunnelview kpe edit KPE-3…")');
    expect(found[0]?.message).toContain('give the remedy as a `fix` (src/domain/fix.ts)');
  });

  it('lets the command line name its commands, and another program its own options when marked', () => {
    const src = srcCopy();
    writeFileSync(
      join(src, 'cli', 'planted.ts'),
      "export const hint = 'see what there is with: tunnelview kpe list --review R-1';\n",
    );
    writeFileSync(
      join(src, 'report', 'planted.ts'),
      "// Chromium's own switches (@foreign-syntax).\nexport const args = ['--no-sandbox', '--disable-gpu'];\n",
    );
    expect(checkLayers(src)).toEqual([]);
  });

  it('fails when the chronology views would load exceljs for a CSV, not only for a workbook', () => {
    const src = srcCopy();
    const views = join(src, 'app', 'chronology-views.ts');
    const text = readFileSync(views, 'utf8');
    writeFileSync(
      views,
      `import { chronologyWorkbook } from '../chronology/perspectives-xlsx.ts';\nvoid chronologyWorkbook;\n${text}`,
    );
    const found = checkLayers(src).filter((v) => v.rule === 'heavy-at-start-up');
    expect(found.map((v) => v.message)).toEqual([
      'exceljs loads when app/chronology-views.ts starts (app/chronology-views.ts → chronology/perspectives-xlsx.ts); import it with import() where it is used',
    ]);
  });
});
