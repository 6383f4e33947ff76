/**
 * Chronology entries named as reviewers name them, resolved to the stable ids
 * events store. Accepted, wherever an entry is cited:
 *
 * - `CH-12` (any case, leading zeros tolerated: `ch-012`);
 * - `gp-practice.csv#12`: the return's file and its 1-based data record, as
 *   the import report numbers them;
 * - `AG-2#12` or `Brackenmoor Surgery#12`: the agency (by id or exact name)
 *   and the record.
 *
 * Records are numbered in the file the agency sent, so a citation keeps
 * naming the same entry when other rows were skipped on import. When the file
 * name or agency has several returns holding that record, the citation is
 * refused as ambiguous, naming the candidates.
 */
import { recordList } from '../../chronology/record-list.ts';
import { chronologyCitation, splitCitation } from '../../domain/chronology-citation.ts';
import type { ChronologyEntry } from '../../domain/chronology-entry.ts';
import { byId } from '../../domain/display-order.ts';
import { ValidationError } from '../../domain/errors.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import { ID_PREFIXES, idKind, normaliseStableId } from '../../domain/primitives.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { missing } from '../check-event/references.ts';
import { matchNamed, sameName } from './find-named.ts';

const FIX = { kind: 'list', record: 'chronology' } as const;

/** The accepted forms, with examples from the review's own returns when it has any. */
export function chronologyForms(state: ReviewState): string {
  const sample = byId(state.chronology).find((e) => chronologyCitation(e.provenance));
  const file = sample ? (chronologyCitation(sample.provenance) as string) : 'gp-practice.csv#12';
  const agency = sample ? `${sample.agencyId}#${sample.provenance.record}` : 'AG-2#12';
  return `give a chronology entry by its id (${sample?.id ?? 'CH-12'}), by file and record (${file}) or by agency and record (${agency})`;
}

/** An entry as candidates are listed: `CH-3 (gp.csv#12, AG-1 "Brackenmoor Surgery")`. */
export function shownEntry(state: ReviewState, entry: ChronologyEntry): string {
  const agency = state.agencies[entry.agencyId];
  const who = agency ? `${agency.id} "${agency.name}"` : entry.agencyId;
  const cited = chronologyCitation(entry.provenance);
  return `${entry.id} (${cited ? `${cited}, ` : ''}${who})`;
}

/** The id of the chronology entry `text` names, or a refusal at `path`. */
export function resolveChronologyRef(
  state: ReviewState,
  text: string,
  path: Issue['path'],
): string {
  const id = normaliseStableId(text);
  if (id !== undefined) {
    if (idKind(id) !== 'chronology') throw refuse(notAnEntry(state, text, path));
    if (!state.chronology[id]) throw refuse(missing(state, id, path));
    return id;
  }
  const cited = splitCitation(text);
  if (!cited) throw refuse(unreadable(state, text, path));
  return byCitation(state, text, cited, path);
}

/** The ids of the entries named, in the order given, without repeats; every bad one refused together. */
export function resolveChronologyRefs(
  state: ReviewState,
  texts: readonly string[],
  path: Issue['path'],
): string[] {
  return eachOf(texts, path, (text, at) => resolveChronologyRef(state, text, at));
}

/**
 * Evidence for a factor's link: an excerpt (`EX-4`, any case) or a
 * chronology entry in any of the forms above.
 */
export function resolveEvidenceRefs(
  state: ReviewState,
  texts: readonly string[],
  path: Issue['path'],
): string[] {
  return eachOf(texts, path, (text, at) => {
    const id = normaliseStableId(text);
    const kind = id === undefined ? undefined : idKind(id);
    if (id === undefined || kind === 'chronology') return resolveChronologyRef(state, text, at);
    if (kind !== 'excerpt') {
      throw refuse(
        issue(
          'reference-unreadable',
          at,
          `evidence "${text.trim()}" is neither an excerpt (${ID_PREFIXES.excerpt}-n) nor a chronology entry (${ID_PREFIXES.chronology}-n); give evidence as an excerpt (${ID_PREFIXES.excerpt}-4) or ${chronologyForms(state).replace(/^give /, '')}`,
          { fix: FIX },
        ),
      );
    }
    if (!state.excerpts[id]) throw refuse(missing(state, id, at));
    return id;
  });
}

function eachOf(
  texts: readonly string[],
  path: Issue['path'],
  resolve: (text: string, at: Issue['path']) => string,
): string[] {
  const ids: string[] = [];
  const issues: Issue[] = [];
  texts.forEach((text, i) => {
    try {
      const id = resolve(text, [...path, i]);
      if (!ids.includes(id)) ids.push(id);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      issues.push(...error.issues);
    }
  });
  if (issues.length > 0) throw new ValidationError(issues);
  return ids;
}

function byCitation(
  state: ReviewState,
  text: string,
  cited: { source: string; record: number },
  path: Issue['path'],
): string {
  const agencies = new Set(matchNamed(state, 'agency', cited.source).map((a) => a.id));
  const fromSource = byId(state.chronology).filter(
    (e) =>
      e.provenance.record !== undefined &&
      ((e.provenance.file !== undefined && sameName(e.provenance.file, cited.source)) ||
        agencies.has(e.agencyId)),
  );
  const found = fromSource.filter((e) => e.provenance.record === cited.record);
  if (found.length === 1) return (found[0] as ChronologyEntry).id;
  if (found.length > 1) {
    throw refuse(
      issue(
        'reference-ambiguous',
        path,
        `"${text}" could be any of ${found.length} entries in review ${state.review.id}, from returns that each hold a record ${cited.record}: ${found.map((e) => shownEntry(state, e)).join(', ')}; cite the one meant by its id, or by its file or agency where that tells them apart`,
        { ids: found.map((e) => e.id), fix: FIX },
      ),
    );
  }
  if (fromSource.length > 0) {
    throw refuse(
      issue(
        'reference-unknown',
        path,
        `"${cited.source}" has no imported record ${cited.record} in review ${state.review.id}; its records are ${recordsHeld(fromSource)}`,
        { fix: FIX },
      ),
    );
  }
  throw refuse(unknownSource(state, cited.source, path));
}

/** Records by return: `gp-practice.csv 1–4, 6; police.csv 1–9`. */
function recordsHeld(entries: readonly ChronologyEntry[]): string {
  const byFile = new Map<string, number[]>();
  for (const e of entries) {
    const file = e.provenance.file ?? '(no file)';
    byFile.set(file, [...(byFile.get(file) ?? []), e.provenance.record as number]);
  }
  return [...byFile].map(([file, records]) => `${file} ${recordList(records)}`).join('; ');
}

function unknownSource(state: ReviewState, source: string, path: Issue['path']): Issue {
  const returns = new Map<string, string>();
  for (const e of byId(state.chronology)) {
    const file = e.provenance.file;
    if (file && e.provenance.record !== undefined && !returns.has(file)) {
      returns.set(file, e.agencyId);
    }
  }
  const known =
    returns.size > 0
      ? `its returns are ${[...returns].map(([file, agency]) => `${file} (${agency})`).join(', ')}`
      : 'no return has been imported into it yet';
  return issue(
    'reference-unknown',
    path,
    `review ${state.review.id} has no return named "${source}" and no agency of that name; ${known}; ${chronologyForms(state)}`,
    { fix: FIX },
  );
}

function notAnEntry(state: ReviewState, text: string, path: Issue['path']): Issue {
  return issue(
    'reference-unreadable',
    path,
    `"${text.trim()}" is not a chronology entry (those are ${ID_PREFIXES.chronology}-n); ${chronologyForms(state)}`,
    { fix: FIX },
  );
}

function unreadable(state: ReviewState, text: string, path: Issue['path']): Issue {
  return issue(
    'reference-unreadable',
    path,
    `"${text.trim()}" does not name a chronology entry; ${chronologyForms(state)}`,
    { fix: FIX },
  );
}

function refuse(i: Issue): ValidationError {
  return new ValidationError([i]);
}
