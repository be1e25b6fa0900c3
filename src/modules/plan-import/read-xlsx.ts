/**
 * A plan in an Excel workbook: every sheet, as printed — each cell's text as
 * Excel shows it, and the cells a merge covers marked as such. Macros are
 * never run (exceljs does not read them).
 */
import type { SourceCell, SourceRow, SourceTable } from '../../domain/plan-import/source-table.ts';
import { fileProblem } from './file-problem.ts';

export async function readXlsx(bytes: Uint8Array): Promise<SourceTable[]> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as never);
  } catch {
    throw fileProblem('error.field.fileUnreadable');
  }
  return workbook.worksheets
    .filter((sheet) => sheet.state === 'visible' || sheet.state === undefined)
    .map((sheet) => {
      const width = sheet.columnCount;
      const rows: SourceRow[] = [];
      sheet.eachRow({ includeEmpty: false }, (row, number) => {
        const cells: SourceCell[] = [];
        for (let col = 1; col <= width; col++) {
          const cell = row.getCell(col);
          const master = cell.isMerged ? cell.master : cell;
          if (master.address !== cell.address) {
            cells.push({ text: '', merged: Number(master.row) < number ? 'up' : 'left' });
          } else {
            cells.push({ text: cellText(cell) });
          }
        }
        rows.push({ number, cells });
      });
      return { kind: 'sheet' as const, name: sheet.name, rows };
    })
    .filter((table) => table.rows.length > 0);
}

/** The text Excel shows, with the line breaks of a wrapped cell kept. */
function cellText(cell: { text: string; value: unknown }): string {
  try {
    return cell.text ?? '';
  } catch {
    return String(cell.value ?? '');
  }
}
