// Word returns built in the test with the docx package (as Word would save them): tables with a
// header row marked to repeat, cells of several paragraphs, cells merged across columns and down
// rows, nested tables, and paragraphs between tables.
import { writeFileSync } from 'node:fs';
import { Document, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from 'docx';

/** A cell: its text (lines become paragraphs), or paragraphs, merges and a nested table. */
export type WordCell =
  | string
  | {
      paragraphs?: string[];
      /** A line break inside one paragraph (Shift+Enter), between these parts. */
      lines?: string[];
      colSpan?: number;
      rowSpan?: number;
      table?: WordRowSpec[];
    };

export type WordRowSpec = WordCell[] | { header: true; cells: WordCell[] };

/** The document's body: paragraphs of text and tables, in order. */
export type WordBlock = string | { table: WordRowSpec[] };

function cell(spec: WordCell): TableCell {
  const given = typeof spec === 'string' ? { paragraphs: spec.split('\n') } : spec;
  const children: (Paragraph | Table)[] = [];
  for (const text of given.paragraphs ?? []) children.push(new Paragraph(text));
  if (given.lines) {
    children.push(
      new Paragraph({
        children: given.lines.map((text, i) => new TextRun({ text, break: i > 0 ? 1 : 0 })),
      }),
    );
  }
  if (given.table) children.push(table(given.table), new Paragraph(''));
  if (children.length === 0) children.push(new Paragraph(''));
  return new TableCell({
    children,
    ...(given.colSpan ? { columnSpan: given.colSpan } : {}),
    ...(given.rowSpan ? { rowSpan: given.rowSpan } : {}),
  });
}

function table(rows: readonly WordRowSpec[]): Table {
  return new Table({
    rows: rows.map((row) =>
      Array.isArray(row)
        ? new TableRow({ children: row.map(cell) })
        : new TableRow({ tableHeader: true, children: row.cells.map(cell) }),
    ),
  });
}

/** The bytes of a Word document holding `blocks`. */
export async function wordDocument(blocks: readonly WordBlock[]): Promise<Buffer> {
  const children = blocks.map((b) => (typeof b === 'string' ? new Paragraph(b) : table(b.table)));
  return Packer.toBuffer(new Document({ sections: [{ children }] }));
}

/** Writes a Word document holding `blocks` at `path`, and returns the path. */
export async function writeWordReturn(path: string, blocks: readonly WordBlock[]): Promise<string> {
  writeFileSync(path, await wordDocument(blocks));
  return path;
}
