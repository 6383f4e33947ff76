/**
 * Word tables as rows of cells: mammoth's model of a document (its lib/documents.js) walked in
 * document order, each table numbered as it is reached (nested ones too), each row laid out on
 * the table's grid as the table shows it. A cell's paragraphs are joined with line breaks, a
 * nested table's rows likewise (its cells joined with " | "); a cell merged across columns
 * holds its text in the first of them, the others blank; a cell merged down rows holds its
 * text in each of them (a date merged over two visits dates both).
 */

/** The part of mammoth's document model read here. */
export interface WordElement {
  type: string;
  children?: WordElement[];
  /** text */
  value?: string;
  /** break: "line", "page" or "column" */
  breakType?: string;
  /** checkbox */
  checked?: boolean;
  /** tableRow: marked "repeat as header row at the top of each page". */
  isHeader?: boolean;
  /** tableCell */
  colSpan?: number;
  rowSpan?: number;
}

export interface WordRow {
  /** Cell text by grid column, merged cells laid out as the table shows them. */
  cells: string[];
  isHeader: boolean;
}

export interface WordTable {
  /** 1-based, in document order, nested tables included. */
  number: number;
  /** The table this one is nested in, if any. */
  inside?: number;
  rows: WordRow[];
}

/** How many rows from the top the header is looked for in, as for a workbook. */
const HEADER_SEARCH_ROWS = 10;

/** The text of a run of inline content: text, tabs, line breaks, ticked and empty boxes. */
function inlineText(element: WordElement): string {
  switch (element.type) {
    case 'text':
      return element.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return element.breakType === 'line' ? '\n' : '';
    case 'checkbox':
      return element.checked ? '☒' : '☐';
    default:
      return (element.children ?? []).map(inlineText).join('');
  }
}

/** Reads every table of the document, in document order, numbering each as it is reached. */
export class TableReader {
  readonly tables: WordTable[] = [];

  /** Walks block content (the body, a cell), reading tables and returning the text it holds. */
  blocks(elements: readonly WordElement[], inside?: number): string[] {
    const lines: string[] = [];
    for (const element of elements) {
      if (element.type === 'table') {
        const table = this.table(element, inside);
        for (const row of table.rows) {
          const filled = row.cells.filter((c) => c.trim() !== '');
          if (filled.length > 0) lines.push(filled.join(' | '));
        }
      } else if (element.type === 'paragraph') {
        lines.push(inlineText(element));
      } else if (element.children) {
        lines.push(...this.blocks(element.children, inside));
      }
    }
    return lines;
  }

  private table(element: WordElement, inside: number | undefined): WordTable {
    const table: WordTable = {
      number: this.tables.length + 1,
      ...(inside !== undefined ? { inside } : {}),
      rows: [],
    };
    // Numbered before its nested tables, so numbers follow the document's order.
    this.tables.push(table);
    // What a cell merged down rows still holds for the rows below it, by grid column.
    const below: ({ text: string; rows: number } | undefined)[] = [];
    const carry = (cells: string[], column: number) => {
      const held = below[column];
      if (!held || held.rows === 0) return false;
      cells[column] = held.text;
      held.rows--;
      return true;
    };
    for (const rowElement of element.children ?? []) {
      if (rowElement.type !== 'tableRow') continue;
      const cells: string[] = [];
      let column = 0;
      for (const cell of rowElement.children ?? []) {
        if (cell.type !== 'tableCell') continue;
        while (carry(cells, column)) column++;
        const text = cellText(this.blocks(cell.children ?? [], table.number));
        const span = Math.max(1, cell.colSpan ?? 1);
        for (let k = 0; k < span; k++) {
          cells[column + k] = k === 0 ? text : '';
          if ((cell.rowSpan ?? 1) > 1) {
            below[column + k] = { text: k === 0 ? text : '', rows: (cell.rowSpan ?? 1) - 1 };
          }
        }
        column += span;
      }
      for (let c = column; c < below.length; c++) carry(cells, c);
      table.rows.push({
        cells: Array.from({ length: cells.length }, (_, i) => cells[i] ?? ''),
        isHeader: Boolean(rowElement.isHeader),
      });
    }
    return table;
  }
}

/** A cell's paragraphs joined with line breaks, without the blank lines Word leaves at either end. */
function cellText(lines: readonly string[]): string {
  return lines.join('\n').trim();
}

export const normal = (text: string) => text.replace(/\s+/g, ' ').trim().toLowerCase();

/** Where a table's header row is (index), and its headings, trailing blank ones dropped. */
export function headerOf(table: WordTable): { index: number; raw: string[] } | undefined {
  const filled = (row: WordRow) => row.cells.filter((c) => c.trim() !== '').length;
  const rows = table.rows.slice(0, HEADER_SEARCH_ROWS);
  let index = rows.findIndex((r) => filled(r) >= 2);
  if (index < 0) index = rows.findIndex((r) => filled(r) > 0);
  if (index < 0) return undefined;
  const raw = [...(table.rows[index] as WordRow).cells];
  while (raw.length > 0 && (raw.at(-1) as string).trim() === '') raw.pop();
  return { index, raw };
}
