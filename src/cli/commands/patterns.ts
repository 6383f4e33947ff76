/**
 * `patterns`: with `--review`, the factors and heads that recur in one
 * review, candidate findings and double-edged factors; without it, what
 * recurs across every review in the workspace.
 */
import type { Command } from 'commander';
import { ValidationError } from '../../domain/errors.ts';
import { issue } from '../../domain/issue.ts';
import type {
  RankedHead,
  RecurringCategory,
  ReviewPatterns,
  WorkspacePatterns,
} from '../../graph/index.ts';
import { inCommandTerms, optionsOf } from '../command-kit.ts';
import { type CliEnvironment, withWorkspace } from '../context.ts';
import { defined } from '../options.ts';
import { type Output, printJson, printTable } from '../output.ts';

type PatternOptions = { review?: string; by?: string; category?: string; json?: boolean };

function period(p: { from: string; to: string } | undefined): string {
  return p ? (p.from === p.to ? p.from : `${p.from} to ${p.to}`) : '–';
}

function printHeads(o: Output, heads: RankedHead[], title: string): void {
  o.out(title);
  printTable(o, heads, [
    { header: 'HEAD', value: (h) => h.headName, max: 40 },
    { header: 'KPES', value: (h) => String(h.kpeIds.length) },
    { header: 'AGENCIES', value: (h) => String(h.agencyIds.length) },
    { header: 'FACTORS', value: (h) => h.factorIds.join(' '), max: 40 },
  ]);
}

function printReviewPatterns(o: Output, p: ReviewPatterns, seed: number): void {
  o.out(`Patterns in review ${p.reviewId}`);
  o.out('');
  o.out('Factors by reach (most KPEs, then most agencies):');
  printTable(o, p.factors, [
    { header: 'ID', value: (f) => f.id },
    { header: 'KPES', value: (f) => String(f.kpeIds.length) },
    { header: 'AGENCIES', value: (f) => String(f.agencyIds.length) },
    { header: 'HEAD', value: (f) => f.headName, max: 28 },
    { header: 'FINDINGS', value: (f) => f.findingIds.join(' ') || '–' },
    { header: 'FACTOR', value: (f) => f.label, max: 56 },
  ]);
  o.out('');
  const unconfirmed = p.by.confirmed ? '' : ' — a mapping by tunnelview, not a published one';
  printHeads(
    o,
    p.heads,
    p.by.id === 'heads' ? 'Framework heads by reach:' : `Regrouped by ${p.by.name}${unconfirmed}:`,
  );
  o.out('');
  o.out(`Candidate findings (clusters of KPEs sharing factors; Louvain, seed ${seed}):`);
  if (p.candidates.length === 0) o.out('(none: no two KPEs share a factor)');
  for (const c of p.candidates) {
    o.out(
      `  ${c.number}. ${c.kpeIds.join(', ')} — shared ${c.factors.map((f) => f.id).join(', ')}`,
    );
    o.out(`     ${c.explanation}`);
  }
  o.out('');
  o.out('Factors in both good-practice and problematic KPEs:');
  if (p.doubleEdged.length === 0) o.out('(none)');
  for (const d of p.doubleEdged) o.out(`  - ${d.explanation}`);
}

function printWorkspacePatterns(
  o: Output,
  p: WorkspacePatterns,
  category?: string,
  found: readonly RecurringCategory[] = [],
): void {
  if (category) {
    if (found.length === 0) {
      o.out(`No finding in the ${p.reviewCount} review(s) has the category "${category}".`);
      return;
    }
    for (const c of found) {
      o.out(
        `${c.name} (${c.typology}/${c.category}): ${c.reviewIds.length} review(s), ${period(c.period)}`,
      );
      printTable(o, c.findings, [
        { header: 'REVIEW', value: (f) => f.reviewId },
        { header: 'FINDING', value: (f) => f.findingId },
        { header: 'STATEMENT', value: (f) => f.statement, max: 80 },
      ]);
    }
    return;
  }
  o.out(`Patterns across ${p.reviewCount} review(s), practice from ${period(p.period)}`);
  o.out('');
  o.out('Typology categories of findings (recurring = in two or more reviews):');
  printTable(o, p.categories, [
    { header: 'CATEGORY', value: (c) => `${c.category}${c.recurring ? ' *' : ''}`, max: 40 },
    { header: 'NAME', value: (c) => c.name, max: 44 },
    { header: 'REVIEWS', value: (c) => String(c.reviewIds.length) },
    { header: 'FINDINGS', value: (c) => String(c.findings.length) },
    { header: 'SECTORS', value: (c) => c.sectors.map((s) => s.sector).join(', '), max: 50 },
    { header: 'PERIOD', value: (c) => period(c.period) },
  ]);
  o.out('');
  o.out(
    p.by === 'heads'
      ? 'Framework heads:'
      : `Heads regrouped by ${p.by}${p.unmappedReviewIds.length > 0 ? ` (no cross-walk in ${p.unmappedReviewIds.join(', ')})` : ''}:`,
  );
  printTable(o, p.heads, [
    { header: 'HEAD', value: (h) => `${h.head}${h.recurring ? ' *' : ''}`, max: 40 },
    { header: 'NAME', value: (h) => h.name, max: 40 },
    { header: 'MODEL', value: (h) => h.vocabulary },
    { header: 'REVIEWS', value: (h) => String(h.reviewIds.length) },
    { header: 'KPES', value: (h) => String(h.kpeCount) },
    { header: 'FACTORS', value: (h) => String(h.factorCount) },
    { header: 'SECTORS', value: (h) => h.sectors.map((s) => s.sector).join(', '), max: 50 },
    { header: 'PERIOD', value: (h) => period(h.period) },
  ]);
  o.out('');
  o.out('* recurs in two or more reviews. See which: tunnelview patterns --category <id>');
}

export function registerPatternsCommand(program: Command, env: CliEnvironment): void {
  program
    .command('patterns')
    .description(
      'what recurs: with --review, factors and heads by reach, candidate findings and double-edged factors; without it, categories and heads across every review in the workspace',
    )
    .option('--review <id>', 'one review; leave out to look across the whole workspace')
    .option(
      '--by <vocabulary>',
      'regroup heads through a cross-walk, e.g. seips or london-protocol (default: the model heads)',
    )
    .option(
      '--category <id>',
      'across the workspace: the reviews where this category of finding appears',
    )
    .addHelpText(
      'after',
      '\nExample:\n  tunnelview patterns --review R-7K2M9Q --by seips\n  tunnelview patterns --category multi-agency-longer-term --json',
    )
    .action(async (_opts, command: Command) => {
      const o = optionsOf(command) as ReturnType<typeof optionsOf> & PatternOptions;
      const analysis = await import('../../app/analysis.ts');
      await withWorkspace(env, o, { create: false }, async (ws) => {
        if (o.review) {
          if (o.category) {
            throw new ValidationError([
              issue(
                'conflicting-options',
                ['--category'],
                '--category looks across the workspace; leave out --review to use it',
              ),
            ]);
          }
          const patterns = await inCommandTerms(command, () =>
            analysis.reviewPatterns(ws, String(o.review), o.by ? { by: o.by } : {}),
          );
          if (o.json) return printJson(env.output, patterns);
          printReviewPatterns(env.output, patterns, analysis.CLUSTER_SEED);
          return;
        }
        const { patterns, matches } = await inCommandTerms(command, () =>
          analysis.workspacePatterns(ws, defined({ by: o.by, category: o.category })),
        );
        if (o.json) {
          return printJson(env.output, o.category ? { category: o.category, matches } : patterns);
        }
        printWorkspacePatterns(env.output, patterns, o.category, matches);
      });
    });
}
