/**
 * A table already in words (the comparative legal matrix): as an Excel
 * workbook (a title, the lines that date it, headers frozen and filterable,
 * wrapped cells, a second sheet listing each row's details) or as CSV.
 */
import { csvCell } from './report-csv.ts';
import { cellText, fitRowHeight, PAGE_SETUP, sheetName, styleHeader } from './report-xlsx-style.ts';

export type WordTable = {
  /** The sheet's name. */
  name: string;
  headers: string[];
  widths: number[];
  rows: string[][];
};
export type TableFile = { title: string; lines: string[]; sheets: WordTable[] };

export async function renderTableXlsx(file: TableFile): Promise<Buffer> {
  // Loaded when a workbook is made: the package takes a third of a second to load.
  const excel = (await import('exceljs')).default;
  const workbook = new excel.Workbook();
  workbook.creator = 'Enlace';
  workbook.title = file.title;
  const taken = new Set<string>();
  const top = file.lines.length + 3;
  for (const table of file.sheets) {
    const ws = workbook.addWorksheet(sheetName(table.name, taken), {
      views: [{ state: 'frozen', xSplit: 1, ySplit: top, topLeftCell: `B${top + 1}`, activeCell: `B${top + 1}` }],
      pageSetup: { ...PAGE_SETUP, orientation: 'landscape', printTitlesRow: `${top}:${top}` },
    });
    ws.columns = table.widths.map((width) => ({ width }));
    ws.addRow([cellText(file.title)]).font = { name: 'Calibri', size: 14, bold: true };
    for (const line of file.lines) ws.addRow([cellText(line)]);
    ws.addRow([]);
    styleHeader(ws.addRow(table.headers.map(cellText)));
    for (const cells of table.rows) {
      const row = ws.addRow(cells.map(cellText));
      row.alignment = { vertical: 'top', wrapText: true };
      row.getCell(1).font = { name: 'Calibri', size: 11, bold: true };
      fitRowHeight(row, table.widths);
    }
    if (table.rows.length > 0)
      ws.autoFilter = { from: { row: top, column: 1 }, to: { row: ws.rowCount, column: table.headers.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** The first table as CSV (RFC 4180), with a byte order mark and CRLF so Excel opens it as UTF-8. */
export function renderTableCsv(table: WordTable): string {
  const lines = [table.headers, ...table.rows].map((cells) => cells.map(csvCell).join(','));
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
