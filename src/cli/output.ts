/** Printing results: `--json` for scripts, plain aligned text for people. */

export interface Output {
  out: (line: string) => void;
  err: (line: string) => void;
}

export const consoleOutput: Output = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

export function printJson(o: Output, value: unknown): void {
  o.out(JSON.stringify(value, null, 2));
}

/** A plain text table; `columns` picks and orders the fields. */
export function printTable<T>(
  o: Output,
  rows: readonly T[],
  columns: { header: string; value: (row: T) => string; max?: number }[],
  empty = '(none)',
): void {
  if (rows.length === 0) {
    o.out(empty);
    return;
  }
  const cell = (text: string, max = 60) =>
    text.replace(/\s+/g, ' ').length > max
      ? `${text.replace(/\s+/g, ' ').slice(0, max - 1)}…`
      : text.replace(/\s+/g, ' ');
  const cells = rows.map((r) => columns.map((c) => cell(c.value(r), c.max)));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((r) => (r[i] ?? '').length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  o.out(line(columns.map((c) => c.header)));
  for (const r of cells) o.out(line(r));
}
