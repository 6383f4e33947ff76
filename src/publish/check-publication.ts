/**
 * The leak check of a publication edition: every pseudonymised field (so a leak is named by the
 * field and id it came from, at its place in the text the reviewer wrote), then everything the
 * edition writes — the rendered HTML, the text read back from the file, the file's properties
 * (a PDF's title, subject, keywords and author; a Word document's core properties) — so nothing a
 * template, figure or export adds slips through.
 */
import { findLeaks, type Leak, type NameWarning } from './find-leaks.ts';
import type { Substitution } from './pseudonymise.ts';
import type { PublicationState } from './publication-state.ts';

export interface PublicationCheck {
  leaks: Leak[];
  warnings: NameWarning[];
}

/** One thing a publication edition writes, as a reader would get it. */
export interface PublishedText {
  /** What it is, for the report: 'publication PDF', 'publication PDF properties'. */
  source: string;
  text: string;
  format?: 'text' | 'html';
}

export interface CheckOptions {
  /** Only the fields this keeps (a chronology export holds only the chronology's). */
  fields?: (field: PublicationState['fields'][number]) => boolean;
}

/** Agency names and the like: words the report uses that are not people. */
export function knownTerms(pub: PublicationState): string[] {
  const state = pub.state;
  return [
    ...Object.values(state.agencies).map((a) => a.name),
    ...Object.values(state.participants)
      .filter((p) => p.role !== 'case-group' && p.role !== 'family')
      .map((p) => p.name),
    state.review.title,
  ];
}

/** Where an offset of a pseudonymised text stands in the text it was made from. */
function offsetBefore(substitutions: readonly Substitution[]): (i: number) => number {
  return (i) => {
    let shift = 0;
    for (const s of substitutions) {
      if (s.outputStart > i) break;
      if (s.outputEnd > i) return s.start;
      shift = s.end - s.outputEnd;
    }
    return i + shift;
  };
}

export function checkPublication(
  pub: PublicationState,
  outputs: readonly PublishedText[],
  options: CheckOptions = {},
): PublicationCheck {
  const known = knownTerms(pub);
  const leaks: Leak[] = [];
  const warnings: NameWarning[] = [];
  const substitutionsOf = new Map<string, Substitution[]>();
  for (const s of pub.substitutions) {
    const list = substitutionsOf.get(s.field) ?? [];
    list.push(s);
    substitutionsOf.set(s.field, list);
  }
  for (const f of pub.fields) {
    if (options.fields && !options.fields(f)) continue;
    const found = findLeaks(f.text, pub.variants, {
      source: f.field,
      ids: f.ids,
      knownTerms: known,
      madeFrom: { text: f.original, offset: offsetBefore(substitutionsOf.get(f.field) ?? []) },
    });
    leaks.push(...found.leaks);
  }
  const seen = new Set(leaks.map((l) => l.text.toLowerCase()));
  for (const { source, text, format } of outputs) {
    const found = findLeaks(text, pub.variants, {
      source,
      ...(format ? { format } : {}),
      knownTerms: known,
    });
    for (const leak of found.leaks) {
      if (seen.has(leak.text.toLowerCase())) continue;
      seen.add(leak.text.toLowerCase());
      leaks.push(leak);
    }
    // Names the register lacks are judged on the whole document, where a word
    // also written in lower case elsewhere shows itself to be an ordinary word.
    if (warnings.length === 0) warnings.push(...found.warnings);
  }
  return { leaks, warnings };
}
