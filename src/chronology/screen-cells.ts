/**
 * Screens the cells of a return as its reader yields them: a cell longer
 * than the limit stops the read at once; NUL, control characters and
 * bidirectional overrides are refused naming each record and column (or,
 * when asked, stripped and counted). Every reader (CSV, XLSX, JSON) passes
 * its headings and records through one screen, so the rules are the same
 * whatever the format.
 */
import {
  CONTROLS_REASON,
  describeControls,
  findControls,
  stripControls,
  visibleText,
} from '../domain/control-characters.ts';
import { ValidationError } from '../domain/errors.ts';
import { limitExceeded } from '../domain/import-limits.ts';
import { type Issue, issue } from '../domain/issue.ts';
import type { SourceRow, StrippedControls } from './source-table.ts';

export interface ScreenOptions {
  /** Characters in one cell. */
  maxCellLength: number;
  /** Remove control characters and bidi overrides instead of refusing them. */
  stripControls?: boolean;
}

/** How many cells with controls are named one by one; the rest are counted. */
const LISTED = 10;

export class CellScreen {
  private readonly found: Issue[] = [];
  private unlisted = 0;
  private characters = 0;
  private cells = 0;

  constructor(
    private readonly file: string,
    private readonly options: ScreenOptions,
  ) {}

  /** Screens the header's cells (before they are made unique), returning them clean. */
  headings(raw: readonly string[], where?: string): string[] {
    return raw.map((text, i) =>
      this.cell(text, `the header${where ? ` (${where})` : ''}, column ${i + 1}`, [
        this.file,
        'header',
        i + 1,
      ]),
    );
  }

  /** Screens one record's cells in place. */
  row(row: SourceRow): void {
    const at = `record ${row.record}${row.where ? ` (${row.where})` : ''}`;
    for (const [heading, text] of row.cells) {
      const clean = this.cell(text, `${at}, column "${visibleText(heading)}"`, [
        this.file,
        row.record,
        heading,
      ]);
      if (clean !== text) row.cells.set(heading, clean);
    }
    if (row.overflow) {
      row.overflow = row.overflow.map((text, i) =>
        this.cell(text, `${at}, cell ${i + 1} past the last heading`, [
          this.file,
          row.record,
          `overflow ${i + 1}`,
        ]),
      );
    }
  }

  /** Refuses the file if any cell held controls (and they were not stripped); else what was stripped. */
  finish(): StrippedControls | undefined {
    if (this.found.length > 0) {
      const issues = [...this.found];
      if (this.unlisted > 0) {
        issues.push(
          issue(
            'control-character',
            [this.file],
            `${this.file}: ${this.unlisted.toLocaleString('en-GB')} more cell${this.unlisted === 1 ? '' : 's'} hold such characters`,
          ),
        );
      }
      throw new ValidationError(issues);
    }
    return this.characters > 0 ? { characters: this.characters, cells: this.cells } : undefined;
  }

  private cell(text: string, where: string, path: Issue['path']): string {
    const { maxCellLength } = this.options;
    if (text.length > maxCellLength) {
      throw new ValidationError([
        limitExceeded(
          'cell-too-long',
          path,
          `${this.file}: ${where} is ${text.length.toLocaleString('en-GB')} characters long, over the limit of ${maxCellLength.toLocaleString('en-GB')} for one cell`,
          'maxCellLength',
          maxCellLength,
          text.length,
        ),
      ]);
    }
    const controls = findControls(text);
    if (!controls) return text;
    if (this.options.stripControls) {
      const { text: clean, stripped } = stripControls(text);
      this.characters += stripped;
      this.cells++;
      return clean;
    }
    if (this.found.length >= LISTED) {
      this.unlisted++;
      return text;
    }
    this.found.push(
      issue(
        'control-character',
        path,
        `${this.file}: ${where} ${describeControls(controls)}; remove ${controls.count > 1 ? 'them' : 'it'} from the file (${CONTROLS_REASON})`,
        { fix: { kind: 'give', field: 'stripControls', purpose: 'import it with them removed' } },
      ),
    );
    return text;
  }
}
