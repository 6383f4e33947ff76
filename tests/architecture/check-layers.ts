/**
 * The architecture check `npm run lint` runs: folders of src/ import only
 * downward through the layers below, the command line's entry module
 * reaches no heavy library through static imports (those load on use), and
 * no text outside src/cli/ carries command syntax (the front door words fixes).
 *
 * Run: `tsx tests/architecture/check-layers.ts [SRC_DIR]`; exits 1 naming each
 * offending import with its file and line.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/**
 * The layers of src/, top first. A folder may import its own files and any
 * folder in a layer below its own; never one beside it or above it.
 */
/**
 * The CLI sits above the server because `tunnelview serve` starts it; the server never
 * imports the CLI, and neither holds logic the other needs (that is in app/ and below).
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['cli'],
  ['server'],
  ['app'],
  ['publish'],
  ['report'],
  ['workflow'],
  ['graph'],
  ['chronology', 'language', 'learning'],
  ['model', 'store'],
  ['domain'],
];

/** Libraries too heavy to load at start-up: each is imported on use, behind a dynamic `import()`. */
export const HEAVY_PACKAGES: readonly string[] = [
  'puppeteer-core',
  'exceljs',
  'docx',
  'elkjs',
  'pdfjs-dist',
  'mammoth',
  'date-holidays',
  'compromise',
];

/**
 * Entry modules whose static import graph must reach no heavy library: the command line as it
 * starts, and the chronology views, which load exceljs only for a workbook (CSV needs none).
 */
export const LIGHT_ENTRIES: readonly string[] = ['cli/main.ts', 'app/chronology-views.ts'];

export interface ImportRef {
  /** The importing file, relative to the source folder. */
  file: string;
  line: number;
  specifier: string;
  /** `import()` rather than a static import or re-export. */
  dynamic: boolean;
  /** `import type`: erased at run time, still a dependency between folders. */
  typeOnly: boolean;
}

export interface LayerViolation {
  rule: 'back-edge' | 'sibling-edge' | 'unknown-folder' | 'heavy-at-start-up' | 'command-syntax';
  file: string;
  line: number;
  message: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|mts)$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** Every import, re-export and `import()` of one file, with its line. */
export function importsOf(path: string, srcDir: string): ImportRef[] {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const file = relative(srcDir, path).split(sep).join('/');
  const found: ImportRef[] = [];
  const add = (node: ts.Node, specifier: ts.Expression, dynamic: boolean, typeOnly: boolean) => {
    if (!ts.isStringLiteralLike(specifier)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    found.push({ file, line, specifier: specifier.text, dynamic, typeOnly });
  };
  const visit = (node: ts.Node) => {
    if (ts.isImportDeclaration(node)) {
      const clause = node.importClause;
      const typeOnly =
        clause !== undefined &&
        (clause.isTypeOnly ||
          (clause.name === undefined &&
            clause.namedBindings !== undefined &&
            ts.isNamedImports(clause.namedBindings) &&
            clause.namedBindings.elements.length > 0 &&
            clause.namedBindings.elements.every((e) => e.isTypeOnly)));
      add(node, node.moduleSpecifier, false, typeOnly);
    } else if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      add(node, node.moduleSpecifier, false, node.isTypeOnly);
    } else if (
      ts.isCallExpression(node) &&
      node.expression.kind === ts.SyntaxKind.ImportKeyword &&
      node.arguments[0]
    ) {
      add(node, node.arguments[0], true, false);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The top folder of a path relative to src/ (`graph/map.ts` → `graph`), or undefined at the top. */
function folderOf(file: string): string | undefined {
  const i = file.indexOf('/');
  return i < 0 ? undefined : file.slice(0, i);
}

function layerOf(folder: string): number {
  return LAYERS.findIndex((layer) => layer.includes(folder));
}

function target(ref: ImportRef, srcDir: string): string | undefined {
  if (!ref.specifier.startsWith('.')) return undefined;
  const absolute = resolve(srcDir, dirname(ref.file), ref.specifier);
  const rel = relative(srcDir, absolute).split(sep).join('/');
  return rel.startsWith('..') ? undefined : rel;
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] as string);
}

function layerViolations(refs: readonly ImportRef[], srcDir: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const unknown = new Set<string>();
  for (const ref of refs) {
    const from = folderOf(ref.file);
    const to = target(ref, srcDir);
    const toFolder = to === undefined ? undefined : folderOf(to);
    for (const folder of [from, toFolder]) {
      if (folder !== undefined && layerOf(folder) < 0 && !unknown.has(folder)) {
        unknown.add(folder);
        violations.push({
          rule: 'unknown-folder',
          file: ref.file,
          line: ref.line,
          message: `src/${folder}/ is in no layer; add it to LAYERS in tests/architecture/check-layers.ts`,
        });
      }
    }
    if (from === undefined || toFolder === undefined || from === toFolder) continue;
    const a = layerOf(from);
    const b = layerOf(toFolder);
    if (a < 0 || b < 0 || b > a) continue;
    violations.push({
      rule: a === b ? 'sibling-edge' : 'back-edge',
      file: ref.file,
      line: ref.line,
      message:
        a === b
          ? `${from}/ imports ${toFolder}/ (${ref.specifier}), a folder in the same layer; move what both need to a layer below`
          : `${from}/ imports ${toFolder}/ (${ref.specifier}), a layer above it; imports point down: ${LAYERS.map((l) => l.join('|')).join(' → ')}`,
    });
  }
  return violations;
}

/** Heavy packages reachable from each light entry through static, value imports, with the chain. */
function heavyAtStartUp(refs: readonly ImportRef[], srcDir: string): LayerViolation[] {
  const byFile = new Map<string, ImportRef[]>();
  for (const ref of refs) byFile.set(ref.file, [...(byFile.get(ref.file) ?? []), ref]);
  const violations: LayerViolation[] = [];
  for (const entry of LIGHT_ENTRIES) {
    const via = new Map<string, string | undefined>([[entry, undefined]]);
    const queue = [entry];
    while (queue.length > 0) {
      const file = queue.shift() as string;
      for (const ref of byFile.get(file) ?? []) {
        if (ref.dynamic || ref.typeOnly) continue;
        const next = target(ref, srcDir);
        if (next !== undefined) {
          if (!via.has(next)) {
            via.set(next, file);
            queue.push(next);
          }
          continue;
        }
        const pkg = packageOf(ref.specifier);
        if (!HEAVY_PACKAGES.includes(pkg)) continue;
        const chain = [file];
        for (let f = via.get(file); f !== undefined; f = via.get(f)) chain.unshift(f);
        violations.push({
          rule: 'heavy-at-start-up',
          file: ref.file,
          line: ref.line,
          message: `${pkg} loads when ${entry} starts (${chain.join(' → ')}); import it with import() where it is used`,
        });
      }
    }
  }
  return violations;
}

/** The folders whose text may name commands and options: the command line itself. */
export const COMMAND_SYNTAX_FOLDERS: readonly string[] = ['cli'];

/**
 * Command syntax: `tunnelview <command>` or an option (`--review`), at the
 * start of a text or after a space or an opening quote or bracket.
 */
const COMMAND_SYNTAX = /\btunnelview [a-z]|(?:^|[\s("'`[])--[a-z]/;

/**
 * Marks a declaration or statement whose texts are another program's syntax
 * (Chromium's switches, a shell command to run), not tunnelview's; the
 * comment before it says `@foreign-syntax` and whose syntax it is.
 */
export const FOREIGN_SYNTAX_TAG = '@foreign-syntax';

function markedForeign(node: ts.Node, text: string): boolean {
  for (let n: ts.Node | undefined = node; n && !ts.isSourceFile(n); n = n.parent) {
    const comments = ts.getLeadingCommentRanges(text, n.getFullStart()) ?? [];
    if (comments.some((c) => text.slice(c.pos, c.end).includes(FOREIGN_SYNTAX_TAG))) return true;
  }
  return false;
}

/**
 * String and template literals outside the command line that carry command
 * syntax. Comments are not read: only the literals the program can print.
 */
export function commandSyntaxIn(path: string, srcDir: string): LayerViolation[] {
  const file = relative(srcDir, path).split(sep).join('/');
  const folder = folderOf(file);
  if (folder !== undefined && COMMAND_SYNTAX_FOLDERS.includes(folder)) return [];
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: LayerViolation[] = [];
  const check = (node: ts.Node, literal: string) => {
    const match = COMMAND_SYNTAX.exec(literal);
    if (!match || markedForeign(node, text)) return;
    const line = source.getLineAndCharacterOfPosition(node.getStart()).line + 1;
    const at = literal.slice(Math.max(0, match.index - 20), match.index + 30).trim();
    found.push({
      rule: 'command-syntax',
      file,
      line,
      message: `a text outside src/cli/ names a command or option ("…${at}…"); say what is needed in the review's words and give the remedy as a \`fix\` (src/domain/fix.ts), which the command line words in src/cli/word-fix.ts`,
    });
  };
  const visit = (node: ts.Node) => {
    if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) {
      check(node, node.text);
    } else if (ts.isTemplateExpression(node)) {
      for (const part of [node.head, ...node.templateSpans.map((s) => s.literal)]) {
        check(part, part.text);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Every violation in the source folder; an empty list means the layering holds. */
export function checkLayers(srcDir: string): LayerViolation[] {
  const files = sourceFiles(srcDir);
  const refs = files.flatMap((path) => importsOf(path, srcDir));
  return [
    ...layerViolations(refs, srcDir),
    ...heavyAtStartUp(refs, srcDir),
    ...files.flatMap((path) => commandSyntaxIn(path, srcDir)),
  ];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const srcDir = resolve(process.argv[2] ?? 'src');
  const violations = checkLayers(srcDir);
  for (const v of violations) {
    console.error(`src/${v.file}:${v.line}: [${v.rule}] ${v.message}`);
  }
  if (violations.length > 0) {
    console.error(`${violations.length} layering problem${violations.length === 1 ? '' : 's'}.`);
    process.exit(1);
  }
  console.log(
    `Layers hold: ${LAYERS.map((l) => l.join('|')).join(' → ')}; no command syntax outside src/cli/.`,
  );
}
