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

/** An item of a bundled programme's YAML. */
type BundledItem = { code: string; level: string; text: string; calendar?: string; children?: BundledItem[] };

/** A bundled programme's levels and item tree, read from `data/programmes/<slug>.yaml`. */
export async function bundledPlan(
  slug: string,
): Promise<{ levels: { key: string; name: { es: string; en: string } }[]; items: BundledItem[] }> {
  const { readFile } = await import('node:fs/promises');
  const { parse } = await import('yaml');
  return parse(await readFile(new URL(`../../data/programmes/${slug}.yaml`, import.meta.url), 'utf8'));
}

/** Per level, the texts of its items in the order a reader meets them. */
export function textsByLevel(items: { level: string; text: string; children?: unknown[] }[]): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  const visit = (list: { level: string; text: string; children?: unknown[] }[]) => {
    for (const item of list) {
      result[item.level] = [...(result[item.level] ?? []), item.text];
      visit((item.children ?? []) as typeof list);
    }
  };
  visit(items);
  return result;
}

/**
 * A plan laid out as printed plans are: one row per item without children,
 * its ancestors to its left, each ancestor's cell spanning the rows of its
 * descendants; the last column the leaf's calendar. `spans` lists, per row,
 * how many rows each cell covers (0: covered by the cell above).
 */
export function planGrid(items: BundledItem[], depth: number) {
  const rows: { texts: string[]; spans: number[] }[] = [];
  const leaves = (item: BundledItem): number =>
    item.children?.length ? item.children.reduce((n, c) => n + leaves(c), 0) : 1;
  const visit = (item: BundledItem, level: number, row: number[]) => {
    if (!item.children?.length) {
      rows.push({ texts: Array(depth + 1).fill(''), spans: Array(depth + 1).fill(1) });
    }
    const start = item.children?.length ? rows.length : rows.length - 1;
    if (item.children?.length) for (const child of item.children) visit(child, level + 1, row);
    const target = rows[start] as { texts: string[]; spans: number[] };
    target.texts[level] = item.text;
    target.spans[level] = leaves(item);
    for (let r = start + 1; r < start + leaves(item); r++) (rows[r] as { spans: number[] }).spans[level] = 0;
    if (!item.children?.length) target.texts[depth] = item.calendar ?? '';
  };
  for (const item of items) visit(item, 0, []);
  return rows;
}

/** The grid as a workbook: titles above, headers, merged ancestors, a note below. */
export function planWorkbook(headers: string[], grid: ReturnType<typeof planGrid>) {
  const top = 3;
  const merges: string[] = [];
  grid.forEach((row, r) => {
    row.spans.forEach((span, c) => {
      if (span > 1) merges.push(`${columnName(c)}${top + 1 + r}:${columnName(c)}${top + r + span}`);
    });
  });
  return workbookOf({
    name: 'Plan de acción',
    rows: [
      ['PLAN DE ACCION', null],
      ['Actualizado por el GRCM', null],
      headers,
      ...grid.map((row) => row.texts.map((t, c) => ((row.spans[c] ?? 1) === 0 ? null : t || null))),
      [],
      ['(Nota: Puntos en negritas e itálicas significan: activos, continuo o pendientes de insumo)'],
    ],
    merges,
  });
}

/** The grid as a Word table: covered cells left out, the spanning cell told how many rows it covers. */
export function planWordDocument(headers: string[], grid: ReturnType<typeof planGrid>) {
  return wordDocumentOf([
    [
      headers.map((text) => ({ text })),
      ...grid.map((row) =>
        row.texts.flatMap((text, c) => ((row.spans[c] ?? 1) === 0 ? [] : [{ text, rows: row.spans[c] ?? 1 }])),
      ),
    ],
  ]);
}

const columnName = (index: number) => String.fromCharCode(65 + index);
