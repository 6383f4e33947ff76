/** Checks for chronology entries, saved column mappings, duplicate decisions and revised returns. */
import type { Provenance } from '../../domain/chronology-entry.ts';
import { chronologyLinks } from '../../domain/chronology-links.ts';
import type { EventPayload } from '../../domain/events.ts';
import { type Issue, issue } from '../../domain/issue.ts';
import type { ReviewState } from '../../domain/review-state.ts';
import { requireAll, requireFresh, requireOne } from './references.ts';
import { checkRemoval } from './removal.ts';
import type { Validators } from './validator.ts';

export const chronologyValidators: Validators<
  | 'chronology.entry-added'
  | 'chronology.entry-edited'
  | 'chronology.entry-removed'
  | 'chronology.mapping-saved'
  | 'chronology.duplicates-decided'
  | 'chronology.return-revised'
> = {
  'chronology.entry-added': (p, { state }) => [
    ...requireFresh(state, p.id, ['id']),
    ...requireOne(state, p.agencyId, ['agencyId']),
  ],
  'chronology.entry-edited': (p, { state }) => [
    ...requireOne(state, p.id, ['id']),
    ...requireOne(state, p.changes.agencyId, ['agencyId']),
  ],
  'chronology.entry-removed': (p, { state }) => checkRemoval(state, p.id, p.detached),
  'chronology.mapping-saved': (p, { state }) => requireOne(state, p.agencyId, ['agencyId']),
  'chronology.duplicates-decided': (p, { state }) => {
    const repeated = p.entryIds.filter((id, i) => p.entryIds.indexOf(id) !== i);
    return [
      ...requireAll(state, p.entryIds, ['entryIds']),
      ...(repeated.length > 0
        ? [issue('duplicate-entry-ids', ['entryIds'], `${repeated.join(', ')} listed twice`)]
        : []),
    ];
  },
  'chronology.return-revised': (p, { state }) => checkRevision(state, p),
};

const sameName = (a: string | undefined, b: string | undefined) =>
  a?.toLowerCase() === b?.toLowerCase();

/**
 * Whether an entry came from the return `file` (and, for a workbook, `sheet`).
 * Names are compared as a person would: "GP.csv" is the same return as "gp.csv".
 */
export function isFromReturn(
  provenance: Provenance,
  file: string,
  sheet: string | undefined,
): boolean {
  return (
    provenance.method === 'import' &&
    provenance.file !== undefined &&
    sameName(provenance.file, file) &&
    sameName(provenance.sheet, sheet)
  );
}

/**
 * A revision adds fresh entries to the agency's return, and corrects or removes
 * only entries that came from that return; an entry still linked from a KPE, a
 * factor link or a duplicate decision is not removed.
 */
function checkRevision(state: ReviewState, p: EventPayload<'chronology.return-revised'>): Issue[] {
  const agency = requireOne(state, p.agencyId, ['agencyId']);
  if (agency.length > 0) return agency;
  const issues: Issue[] = [];
  if (p.added.length + p.changed.length + p.removed.length === 0) {
    issues.push(
      issue(
        'revision-empty',
        [p.file],
        `the revision of ${p.file} adds, changes and removes nothing`,
      ),
    );
  }
  const ids = [...p.added, ...p.changed, ...p.removed].map((e) => e.id);
  const repeated = [...new Set(ids.filter((id, i) => ids.indexOf(id) !== i))];
  if (repeated.length > 0) {
    issues.push(
      issue(
        'duplicate-entry-ids',
        [p.file],
        `${repeated.join(', ')} appear${repeated.length === 1 ? 's' : ''} more than once in the revision of ${p.file}`,
        { ids: repeated },
      ),
    );
  }
  const agencyName = state.agencies[p.agencyId]?.name ?? p.agencyId;
  const notOfReturn = (id: string, path: Issue['path']) =>
    issue(
      'entry-not-in-return',
      path,
      `${id} is not an entry of ${agencyName}'s return ${p.file}, so this revision cannot change it`,
      { ids: [id] },
    );
  p.added.forEach((entry, i) => {
    issues.push(...requireFresh(state, entry.id, ['added', i, 'id']));
    if (entry.agencyId !== p.agencyId || !isFromReturn(entry.provenance, p.file, p.sheet)) {
      issues.push(notOfReturn(entry.id, ['added', i]));
    }
  });
  const fromReturn = (id: string, path: Issue['path']): boolean => {
    const found = requireOne(state, id, path);
    if (found.length > 0) {
      issues.push(...found);
      return false;
    }
    const entry = state.chronology[id];
    if (
      !entry ||
      entry.agencyId !== p.agencyId ||
      !isFromReturn(entry.provenance, p.file, p.sheet)
    ) {
      issues.push(notOfReturn(id, path));
      return false;
    }
    return true;
  };
  p.changed.forEach((c, i) => {
    fromReturn(c.id, ['changed', i, 'id']);
  });
  p.removed.forEach((r, i) => {
    if (!fromReturn(r.id, ['removed', i, 'id'])) return;
    const links = chronologyLinks(state, r.id);
    if (links.length > 0)
      issues.push(stillLinked(r.id, r.record, p.file, links, ['removed', i, 'id']));
  });
  return issues;
}

/** The refusal for removing an entry that something still refers to, naming every link. */
export function stillLinked(
  id: string,
  record: number | undefined,
  file: string,
  links: ReturnType<typeof chronologyLinks>,
  path: Issue['path'],
): Issue {
  const where = record === undefined ? id : `${id} (record ${record} in the earlier ${file})`;
  return issue(
    'reference-in-use',
    path,
    `${where} is not in the corrected return, but it cannot be removed while it is linked: ${links.map((l) => l.description).join('; ')}; unlink it there first, or keep the record in the return`,
    { ids: [...new Set([id, ...links.flatMap((l) => l.ids)])] },
  );
}
