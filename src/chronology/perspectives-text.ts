/**
 * The merged and side-by-side chronology as plain text for a terminal:
 * full entry texts (never cut short), wrapped, each with its source.
 */
import {
  eventHeading,
  eventNote,
  type MergedView,
  type SideBySideView,
  sourceOf,
  whenInPeriod,
} from './perspectives.ts';

/** Wraps `text` to lines of at most `width` characters, keeping the writer's line breaks. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r?\n/)) {
    let line = '';
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      let w = word;
      while (w.length > width) {
        if (line) {
          lines.push(line);
          line = '';
        }
        lines.push(w.slice(0, width));
        w = w.slice(width);
      }
      if (!line) line = w;
      else if (line.length + 1 + w.length <= width) line += ` ${w}`;
      else {
        lines.push(line);
        line = w;
      }
    }
    lines.push(line);
  }
  return lines;
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

function heading(view: { title: string; scope: string }, what: string, count: string): string[] {
  return [`${what}: ${view.title}${view.scope ? ` (${view.scope})` : ''} — ${count}`, ''];
}

/** How many entries and confirmed events the merged view holds, in words. */
export function mergedCount(view: MergedView): string {
  const events = view.rows.filter((r) => r.accounts.length > 0);
  const entries = view.rows.reduce((n, r) => n + Math.max(1, r.accounts.length), 0);
  return events.length === 0
    ? plural(entries, 'entry', 'entries')
    : `${plural(entries, 'entry', 'entries')}, ${plural(events.length, 'event', 'events')} of them confirmed as one`;
}

/**
 * The merged chronology: one block per entry, date and agency first, the text
 * indented below; a confirmed event is one block with each agency's account.
 */
export function mergedText(view: MergedView, width = 100): string[] {
  const lines = heading(view, 'Merged chronology', mergedCount(view));
  if (view.rows.length === 0) return [...lines, '(no entries in this period)'];
  for (const row of view.rows) {
    if (row.accounts.length === 0) {
      lines.push(`${row.when}  ${row.agency}  [${row.id}, ${sourceOf(row)}]`);
      for (const l of wrap(row.text, width - 4)) lines.push(`    ${l}`);
      continue;
    }
    lines.push(`${row.when}  ${eventHeading(row)}`);
    for (const account of row.accounts) {
      lines.push(`    ${account.agency}, ${account.when}  [${account.id}, ${sourceOf(account)}]`);
      for (const l of wrap(account.text, width - 8)) lines.push(`        ${l}`);
    }
  }
  return lines;
}

/**
 * The side-by-side view as text: a block per period, and within it each
 * agency's entries under its name, so the accounts of one day read together.
 */
export function sideBySideText(view: SideBySideView, width = 100): string[] {
  const lines = heading(
    view,
    'Side by side',
    `${plural(view.agencies.length, 'agency', 'agencies')}, ${plural(view.rows.length, 'period', 'periods')}`,
  );
  if (view.rows.length === 0) return [...lines, '(no entries in this period)'];
  for (const row of view.rows) {
    lines.push(
      `── ${row.period.label} ${'─'.repeat(Math.max(3, width - row.period.label.length - 4))}`,
    );
    for (const agency of view.agencies) {
      const cell = row.cells[agency.id];
      if (!cell) continue;
      lines.push(`  ${agency.name}`);
      for (const entry of cell) {
        const when = whenInPeriod(entry, row.period);
        const note = eventNote(entry);
        const body = wrap(
          `${entry.text} [${entry.id}, ${sourceOf(entry)}${note ? `; ${note}` : ''}]`,
          width - 8 - when.length,
        );
        body.forEach((l, i) => {
          lines.push(`    ${i === 0 ? when : ' '.repeat(when.length)}  ${l}`);
        });
      }
    }
  }
  return lines;
}
