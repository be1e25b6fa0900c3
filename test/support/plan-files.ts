/**
 * Plans as users bring them, built with the libraries Word and Excel files
 * are made with: a workbook with titles above the table and merged cells, a
 * Word document with a table whose cells span rows and columns, CSV in the
 * encodings Excel writes.
 */
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import ExcelJS from 'exceljs';

/** A sheet: rows of cell values (`null` leaves a cell empty), and merges as Excel ranges (`A2:A4`). */
export type SheetSpec = { name: string; rows: (string | null)[][]; merges?: string[] };

export async function workbookOf(...sheets: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  for (const spec of sheets) {
    const sheet = workbook.addWorksheet(spec.name);
    spec.rows.forEach((values, r) => {
      values.forEach((value, c) => {
        if (value !== null) sheet.getCell(r + 1, c + 1).value = value;
      });
    });
    for (const range of spec.merges ?? []) sheet.mergeCells(range);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A Word cell: its paragraphs (one per line of `text`), spanning `rows` rows and `columns` columns. */
export type WordCell = { text: string; rows?: number; columns?: number };

/** A document with paragraphs before and after, and each table given as rows of cells (covered cells left out). */
export async function wordDocumentOf(
  tables: WordCell[][][],
  { before = ['PLAN DE ACCIÓN'], after = ['Nota al pie'] } = {},
) {
  const table = (rows: WordCell[][]) =>
    new Table({
      rows: rows.map(
        (cells) =>
          new TableRow({
            children: cells.map(
              (cell) =>
                new TableCell({
                  rowSpan: cell.rows ?? 1,
                  columnSpan: cell.columns ?? 1,
                  children: cell.text.split('\n').map((line) => new Paragraph(line)),
                }),
            ),
          }),
      ),
    });
  const doc = new Document({
    sections: [
      {
        children: [
          ...before.map((t) => new Paragraph(t)),
          ...tables.flatMap((rows) => [table(rows), new Paragraph('')]),
          ...after.map((t) => new Paragraph(t)),
        ],
      },
    ],
  });
  return new Uint8Array(await Packer.toBuffer(doc));
}

/** Text in Windows-1252, as Excel on Windows saves "CSV". */
export function windows1252(text: string): Uint8Array {
  const table: Record<string, number> = { '€': 0x80, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '–': 0x96, '—': 0x97 };
  return Uint8Array.from([...text].map((ch) => table[ch] ?? (ch.charCodeAt(0) < 256 ? ch.charCodeAt(0) : 0x3f)));
}

export const utf8 = (text: string, bom = false) =>
  new Uint8Array([...(bom ? [0xef, 0xbb, 0xbf] : []), ...new TextEncoder().encode(text)]);
