/** `trace F-n`: how we know — every path from a finding back to its evidence, as a tree. */
import type { Command } from 'commander';
import { CONTRIBUTION_LABELS } from '../../domain/contribution-evidence.ts';
import { compareIds } from '../../domain/primitives.ts';
import type { FindingTrace, TraceEvidence } from '../../graph/index.ts';
import { runRead, withReviewOption } from '../command-kit.ts';
import type { CliEnvironment } from '../context.ts';
import { printJson } from '../output.ts';

function clip(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const WHY: Record<TraceEvidence['relation'], string> = {
  'link-evidence': 'cited for the link',
  'drawn-on': 'drawn on by the KPE',
  'case-group': 'accepted from the case group',
};

function evidenceLine(e: TraceEvidence): string {
  const why = WHY[e.relation];
  if (e.kind === 'contribution') {
    const kind = e.contributionKind ? CONTRIBUTION_LABELS[e.contributionKind].toLowerCase() : '';
    const who = [e.participantId, e.agencyId].filter(Boolean).join(', ');
    return `${e.id} ${kind} at ${e.meetingId}${who ? ` (${who})` : ''} (${why}): "${clip(e.label, 70)}"`;
  }
  if (e.kind === 'chronology') {
    // The record as reviewers cite it (gp-practice.csv#12); the agency's name is in the list at the end.
    const source = e.citation ?? e.file;
    return `${e.id} ${e.date ?? e.dateText} · ${e.agencyId}${source ? ` · ${source}` : ''} (${why}): ${clip(e.label, 70)}`;
  }
  const who = [e.participantId, e.agencyId].filter(Boolean).join(', ');
  return `${e.id} from ${e.conversationId}${who ? ` (${who})` : ''} (${why}): "${clip(e.label, 70)}"`;
}

/**
 * The trace as an indented tree, one line per node. A KPE's own chronology
 * sources are listed the first time it appears; agencies are named once, at the end.
 */
export function traceLines(trace: FindingTrace): string[] {
  const lines = [
    `${trace.finding.id}  ${clip(trace.finding.label)}`,
    `    category: ${trace.finding.categoryName}`,
  ];
  for (const bi of trace.boardIssues)
    lines.push(`    asks the Board (${bi.id}): ${clip(bi.label)}`);
  for (const e of trace.caseGroup) lines.push(`    heard from the case group: ${evidenceLine(e)}`);
  if (trace.factors.length === 0) lines.push('└─ (no factors support this finding)');
  const shown = new Set<string>();
  const agencies = new Map<string, string>();
  trace.factors.forEach((f, i) => {
    const lastF = i === trace.factors.length - 1;
    lines.push(`${lastF ? '└─' : '├─'} ${f.id} [${f.headName}] ${clip(f.label, 80)}`);
    const fPad = lastF ? '   ' : '│  ';
    if (f.kpes.length === 0) lines.push(`${fPad}└─ (explains no KPE)`);
    f.kpes.forEach((k, j) => {
      const lastK = j === f.kpes.length - 1;
      for (const a of k.agencies) agencies.set(a.id, a.name);
      const period = k.periodTo ? `${k.periodFrom} to ${k.periodTo}` : k.periodFrom;
      const who = k.agencies.map((a) => a.id).join(', ') || 'no agency recorded';
      lines.push(
        `${fPad}${lastK ? '└─' : '├─'} ${k.id} ${clip(k.label, 60)} (${k.rating ?? 'not appraised'}; ${period}; ${who})`,
      );
      const kPad = `${fPad}${lastK ? '   ' : '│  '}`;
      const first = !shown.has(k.id);
      shown.add(k.id);
      // What the KPE draws on and what the case group said of it belong to the KPE, not the link.
      const listed = k.evidence.filter((e) => first || e.relation === 'link-evidence');
      const elsewhere = (relation: TraceEvidence['relation']) =>
        !first && k.evidence.some((e) => e.relation === relation);
      const above = [
        elsewhere('drawn-on') ? `the chronology ${k.id} draws on` : '',
        elsewhere('case-group') ? `the case group's words on ${k.id}` : '',
      ].filter(Boolean);
      const rows = listed.map(evidenceLine);
      if (!k.evidence.some((e) => e.relation === 'link-evidence')) {
        rows.unshift('(no evidence cited for this link)');
      }
      if (above.length > 0) {
        rows.push(`(${above.join(' and ')} ${above.length === 1 ? 'is' : 'are'} listed above)`);
      }
      rows.forEach((row, n) => {
        lines.push(`${kPad}${n === rows.length - 1 ? '└─' : '├─'} ${row}`);
      });
    });
  });
  if (agencies.size > 0) {
    lines.push('');
    lines.push('Agencies:');
    for (const [id, name] of [...agencies].sort((a, b) => compareIds(a[0], b[0]))) {
      lines.push(`  ${id}  ${name}`);
    }
  }
  return lines;
}

export function registerTraceCommand(program: Command, env: CliEnvironment): void {
  withReviewOption(
    program
      .command('trace')
      .description(
        'how we know: every path from a finding through its factors and KPEs to the excerpts and chronology entries behind it, and what the case group said of them',
      )
      .argument('<finding>', 'the finding, e.g. F-2')
      .addHelpText('after', '\nExample:\n  tunnelview trace F-2 --review R-7K2M9Q'),
  ).action(async (findingId: string, _opts, command: Command) => {
    const { traceOf } = await import('../../app/analysis.ts');
    await runRead(env, command, async (ws, reviewId, o) => {
      const trace = await traceOf(ws, reviewId, findingId);
      if (o.json) return printJson(env.output, trace);
      for (const line of traceLines(trace)) env.output.out(line);
    });
  });
}
