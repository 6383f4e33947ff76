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
