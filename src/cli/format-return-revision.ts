/**
 * The part of the import report that compares a return with its earlier
 * import: that it was imported already, or what a corrected return adds,
 * changes (field by field, old → new), moves and removes — and which of those
 * entries are linked from the analysis.
 */
import type { AlreadyImported, RevisionOutcome } from '../app/import-outcome.ts';
import type { EventDate } from '../domain/chronology-entry.ts';
import type { ChronologyLink } from '../domain/chronology-links.ts';
import { compareIds, idNumber } from '../domain/primitives.ts';
import type { EntryRevision } from '../domain/return-revision.ts';

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Ids as a short list, runs of three or more joined: CH-3…CH-16, CH-19, CH-20. */
export function idList(ids: readonly string[]): string {
  const sorted = [...new Set(ids)].sort(compareIds);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (
      j + 1 < sorted.length &&
      idNumber(sorted[j + 1] as string) === idNumber(sorted[j] as string) + 1
    ) {
      j++;
    }
    parts.push(j > i + 1 ? `${sorted[i]}…${sorted[j]}` : sorted.slice(i, j + 1).join(', '));
    i = j + 1;
  }
  return parts.join(', ');
}

/** "already imported: 14 records of gp.csv match the entries CH-3…CH-16; nothing changed". */
export function alreadyImportedLine(file: string, already: AlreadyImported): string {
  const elsewhere = already.files.filter((f) => f.toLowerCase() !== file.toLowerCase());
  const from = elsewhere.length > 0 ? ` (imported from ${elsewhere.join(', ')})` : '';
  const entries = already.ids.length === 1 ? 'the entry' : 'the entries';
  return `Already imported: ${plural(already.records, 'record')} of ${file} match ${entries} ${idList(already.ids)}${from}; nothing changed.`;
}

/** A value as the diff shows it, on one line (line breaks inside a cell shown as spaces). */
const quoted = (text: string | undefined) =>
  text === undefined ? '(none)' : `"${text.replace(/\s+/g, ' ').trim()}"`;
const dateText = (date: EventDate) => date.original || date.precision;

function fieldLines(changes: EntryRevision): string[] {
  const lines: string[] = [];
  if (changes.date) {
    lines.push(`date: ${dateText(changes.date.from)} → ${dateText(changes.date.to)}`);
  }
  if (changes.text) {
    lines.push(`text: ${quoted(changes.text.from)}`, `   → ${quoted(changes.text.to)}`);
  }
  if (changes.author) {
    lines.push(`author: ${quoted(changes.author.from)} → ${quoted(changes.author.to)}`);
  }
  if (changes.sourceRef) {
    lines.push(`source ref: ${quoted(changes.sourceRef.from)} → ${quoted(changes.sourceRef.to)}`);
  }
  if (changes.extra) {
    const { from, to } = changes.extra;
    for (const column of [...new Set([...Object.keys(from), ...Object.keys(to)])]) {
      if (from[column] !== to[column]) {
        lines.push(`"${column}": ${quoted(from[column])} → ${quoted(to[column])}`);
      }
    }
  }
  return lines;
}

function linkNote(links: readonly ChronologyLink[] | undefined): string {
  return links && links.length > 0 ? `linked: ${links.map((l) => l.description).join('; ')}` : '';
}

/** The comparison of a corrected return with its earlier import, as the report shows it. */
export function formatRevision(revision: RevisionOutcome, file: string): string[] {
  const { diff, previous, links } = revision;
  const lines: string[] = [];
  const out = (line = '') => lines.push(line);
  const earlier = Object.keys(previous).length;
  out(
    `${file} was imported before (${plural(earlier, 'entry', 'entries')}); this is a corrected return. Compared with it, entry by entry (date, text, author, source ref; then record number):`,
  );
  out(
    `  ${diff.added.length} added, ${diff.changed.length} changed, ${diff.removed.length} removed, ${diff.moved.length} moved to another record, ${diff.unchanged.length} unchanged.`,
  );
  if (diff.added.length > 0) {
    out('  Added:');
    diff.added.forEach((a, i) => {
      const id = revision.addedIds[i];
      out(
        `    record ${a.record}${id ? ` → ${id}` : ''}: ${dateText(a.entry.date)} ${quoted(a.entry.text)}`,
      );
    });
  }
  if (diff.changed.length > 0) {
    out('  Changed (the entry keeps its id):');
    for (const c of diff.changed) {
      const moved = c.changes.record ? `, was record ${c.changes.record.from}` : '';
      const note = linkNote(links[c.id]);
      out(`    ${c.id} (record ${c.record}${moved})${note ? ` — ${note}` : ''}`);
      for (const line of fieldLines(c.changes)) out(`      ${line}`);
    }
  }
  if (diff.moved.length > 0) {
    out(
      `  Moved, content unchanged: ${diff.moved.map((m) => `${m.id} record ${m.from} → ${m.to}`).join(', ')}.`,
    );
  }
  if (diff.removed.length > 0) {
    out('  Removed (no longer in the return):');
    for (const r of diff.removed) {
      const entry = previous[r.id];
      const what = entry ? `: ${dateText(entry.date)} ${quoted(entry.text)}` : '';
      const note = linkNote(links[r.id]);
      out(
        `    ${r.id}${r.record !== undefined ? ` (record ${r.record})` : ''}${what}${note ? ` — cannot be removed while ${note}` : ''}`,
      );
    }
  }
  if (diff.kept.length > 0) {
    out(
      `  Left as they are, as their records now have problems: ${diff.kept.map((k) => `${k.id} (record ${k.record})`).join(', ')}.`,
    );
  }
  if (revision.mappingChanged) {
    out('  The return was read with another column mapping; it is saved with the revision.');
  }
  const { blocked } = revision;
  if (revision.applied) {
    const added = revision.addedIds.length > 0 ? ` (${idList(revision.addedIds)})` : '';
    out(
      `Revised ${file} in one change: ${diff.added.length} added${added}, ${diff.changed.length} changed, ${diff.removed.length} removed, ${diff.moved.length} renumbered; every other entry keeps its id.`,
    );
  } else if (blocked.length > 0) {
    out(
      `Nothing changed. The revision cannot be applied while ${idList(blocked)} ${blocked.length === 1 ? 'is' : 'are'} linked; unlink ${blocked.length === 1 ? 'it' : 'them'} first, or keep ${blocked.length === 1 ? 'its record' : 'their records'} in the return.`,
    );
  } else {
    out('Nothing changed yet: the revision is shown, not applied.');
  }
  return lines;
}
