/**
 * A programme's plan as an Excel workbook: one row per item without
 * children, its ancestors repeated in the columns to its left so that any
 * row can be filtered or sorted on its own, the headers frozen in view. An
 * import reads it back to the same tree (a repeated cell is the item above).
 */
import type { PlanTable, PlanTableColumn } from './plan-table.ts';
import { cellText, fitRowHeight, PAGE_SETUP, sheetName, styleHeader } from './report-xlsx-style.ts';

const WIDTHS: Record<PlanTableColumn['kind'], number> = {
  code: 12,
  text: 48,
  actors: 28,
  status: 16,
  calendar: 24,
  notes: 40,
};

export async function renderPlanXlsx(plan: PlanTable, sheet: string): Promise<Buffer> {
  // Loaded when a workbook is made: the package takes a third of a second to load, at every start otherwise.
  const excel = (await import('exceljs')).default;
  const workbook = new excel.Workbook();
  workbook.creator = 'Enlace';
  workbook.title = plan.title;
  const widths = plan.columns.map((c) => WIDTHS[c.kind]);
  const top = plan.lines.length + 3;
  const ws = workbook.addWorksheet(sheetName(sheet, new Set()), {
    views: [{ state: 'frozen', ySplit: top, topLeftCell: `A${top + 1}`, activeCell: `A${top + 1}` }],
    pageSetup: { ...PAGE_SETUP, printTitlesRow: `${top}:${top}` },
  });
  ws.columns = widths.map((width) => ({ width }));
  ws.addRow([cellText(plan.title)]).font = { name: 'Calibri', size: 14, bold: true };
  for (const line of plan.lines) ws.addRow([cellText(line)]);
  ws.addRow([]);
  styleHeader(ws.addRow(plan.columns.map((c) => c.header)));
  const above: string[] = [];
  for (const cells of plan.rows) {
    // A covered cell repeats the item above: each row reads whole.
    const values = cells.map((cell, c) => {
      if (cell.span > 0) above[c] = cellText(cell.text);
      return above[c] ?? '';
    });
    const row = ws.addRow(values);
    row.alignment = { vertical: 'top', wrapText: true };
    fitRowHeight(row, widths);
  }
  ws.autoFilter = { from: { row: top, column: 1 }, to: { row: ws.rowCount, column: plan.columns.length } };
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
