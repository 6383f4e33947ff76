/** Helpers for commander options that repeat or carry key=value pairs. */
import { InvalidArgumentError } from 'commander';

/** For repeatable options: `--agency AG-1 --agency AG-2`, and comma lists `--agency AG-1,AG-2`. */
export function collect(value: string, previous: string[] = []): string[] {
  return [
    ...previous,
    ...value
      .split(',')
      .map((v) => v.trim())
      .filter((v) => v.length > 0),
  ];
}

/** For repeatable `key=value` options: `--section introduction="…"`. */
export function collectPairs(
  value: string,
  previous: Record<string, string> = {},
): Record<string, string> {
  const eq = value.indexOf('=');
  if (eq <= 0) {
    throw new InvalidArgumentError(
      `expected key=value (e.g. notification=2025-12-19), found "${value}"`,
    );
  }
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1) };
}

/** For whole-number options such as `--minutes 90`. */
export function integer(value: string): number {
  if (!/^-?\d+$/.test(value.trim())) {
    throw new InvalidArgumentError(`expected a whole number, found "${value}"`);
  }
  return Number(value);
}

/** Drops undefined fields, so absent options do not overwrite anything in an edit. */
export function defined<T extends Record<string, unknown>>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/**
 * For `--clear <option>`, repeatable: the options whose field may be cleared,
 * each with the field it clears (a dotted path for a nested one, `period.to`).
 */
export function clearable(fields: Record<string, string>) {
  return (value: string, previous: string[] = []): string[] => {
    const name = value.trim().replace(/^--/, '');
    if (!(name in fields)) {
      throw new InvalidArgumentError(
        `"${value}" cannot be cleared here; clear one of ${Object.keys(fields).join(', ')}`,
      );
    }
    return [...previous, name];
  };
}

/** The fields the `--clear` options name, set to `null` (nested for dotted paths), for an edit. */
export function cleared(names: unknown, fields: Record<string, string>): Record<string, unknown> {
  const changes: Record<string, unknown> = {};
  for (const name of Array.isArray(names) ? (names as string[]) : []) {
    const path = (fields[name] ?? name).split('.');
    let at = changes;
    for (const part of path.slice(0, -1)) {
      const inner = at[part];
      const next = typeof inner === 'object' && inner !== null ? inner : {};
      at[part] = next;
      at = next as Record<string, unknown>;
    }
    at[path.at(-1) as string] = null;
  }
  return changes;
}

/** Section ids to clear (`--clear-section why-it-matters`), as sections set to `null`. */
export function clearedSections(ids: unknown): Record<string, null> {
  return Object.fromEntries((Array.isArray(ids) ? (ids as string[]) : []).map((id) => [id, null]));
}

/** The fields an edit sets, with the cleared ones (from `cleared`) merged in, one level deep. */
export function withCleared(
  fields: Record<string, unknown>,
  clear: Record<string, unknown>,
): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...fields };
  for (const [field, value] of Object.entries(clear)) {
    const given = merged[field];
    merged[field] =
      value !== null && typeof given === 'object' && given !== null
        ? { ...given, ...(value as object) }
        : value;
  }
  return merged;
}
