/**
 * The options every command that reads a file in shares: the limits on what
 * the file may hold, raised for one file (`--max-file-size 120`), and
 * `--strip-controls` for tables whose cells may carry control characters.
 */
import type { Command } from 'commander';
import { DEFAULT_IMPORT_LIMITS } from '../domain/import-limits.ts';
import { defined, integer } from './options.ts';

const n = (value: number) => value.toLocaleString('en-GB');

/**
 * Adds `--max-file-size`; with `table`, also the record, cell and workbook
 * packing limits and `--strip-controls`. `fileMegabytes` is the file size default shown.
 */
export function withImportLimitOptions(
  command: Command,
  { table = true, fileMegabytes = DEFAULT_IMPORT_LIMITS.maxFileMegabytes } = {},
): Command {
  command.option(
    '--max-file-size <MB>',
    `refuse a file over this many megabytes${table ? ', on disk or (a workbook, a Word document) unpacked' : ''} (default: ${fileMegabytes})`,
    integer,
  );
  if (!table) return command;
  return command
    .option(
      '--max-records <n>',
      `refuse a file of more records than this (default: ${n(DEFAULT_IMPORT_LIMITS.maxRecords)})`,
      integer,
    )
    .option(
      '--max-cell-length <chars>',
      `refuse a cell longer than this (default: ${n(DEFAULT_IMPORT_LIMITS.maxCellLength)} characters)`,
      integer,
    )
    .option(
      '--max-compression-ratio <n>',
      `XLSX and Word: refuse a part packed more tightly than this to 1 (default: ${DEFAULT_IMPORT_LIMITS.maxCompressionRatio})`,
      integer,
    )
    .option(
      '--strip-controls',
      'remove NUL, control characters and bidi overrides from the cells (and say how many) instead of refusing the file',
    );
}

/** The limits given on the command line, for the use-case to check and apply over its defaults. */
export function importLimitsOf(o: Record<string, unknown>): Record<string, unknown> {
  return defined({
    maxFileMegabytes: o.maxFileSize,
    maxRecords: o.maxRecords,
    maxCellLength: o.maxCellLength,
    maxCompressionRatio: o.maxCompressionRatio,
  });
}
