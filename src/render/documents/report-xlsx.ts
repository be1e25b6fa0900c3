/**
 * The consolidated report as an Excel workbook: a summary first (what the
 * report is, its figures, the sheets), one sheet per level of the actor ×
 * item matrix (statuses in words and colours, with a legend), the annex (as
 * numbers) and the chapters' texts laid out to be read, one row per activity
 * and part. Headers stay in view and can be filtered.
 */
import type ExcelJS from 'exceljs';
import type { ConsolidatedReport, MatrixSheet } from '../../domain/consolidated-report.ts';
import { ANNEX_STATUSES, type AnnexRow, annexRows } from './annex-rows.ts';
import { reportTextRows } from './report-text-rows.ts';
import {
  BRAND,
  cellText,
  FONT,
  fitRowHeight,
  PAGE_SETUP,
  PAPER_SIZE,
  STATUS_STYLE,
  sheetName,
  solid,
  styleHeader,
} from './report-xlsx-style.ts';
import { addSummarySheet, type SheetLink } from './report-xlsx-summary.ts';

const pageSetup = (report: ConsolidatedReport): Partial<ExcelJS.PageSetup> => ({
  ...PAGE_SETUP,
  paperSize: PAPER_SIZE[report.document.paper],
});

/** Below the matrix: each status it shows in its colours, and what an empty cell means. */
function addLegend(ws: ExcelJS.Worksheet, sheet: MatrixSheet, report: ConsolidatedReport) {
  const { labels } = report;
  const shown = new Set(sheet.rows.flatMap((row) => Object.values(row.cells)));
  ws.addRow([]);
  ws.addRow([labels.workbook.legend]).font = { ...FONT, bold: true, color: { argb: `FF${BRAND}` } };
  for (const status of ANNEX_STATUSES.filter((s) => shown.has(s))) {
    const cell = ws.addRow([labels.statuses[status]]).getCell(1);
    const style = STATUS_STYLE[status];
    cell.fill = solid(style.fill);
    cell.font = { ...FONT, color: { argb: `FF${style.font}` }, italic: status === 'none' };
  }
  if (shown.has(null)) ws.addRow([labels.workbook.notAssigned]).font = { ...FONT, italic: true };
}

function addMatrixSheet(workbook: ExcelJS.Workbook, sheet: MatrixSheet, report: ConsolidatedReport, name: string) {
  const { labels } = report;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 2, topLeftCell: 'B3', activeCell: 'B3' }],
    // Too wide to fit a page: printed across pages, the actors repeated on each.
    pageSetup: {
      paperSize: PAPER_SIZE[report.document.paper],
      orientation: 'landscape',
      printTitlesRow: '1:2',
      printTitlesColumn: 'A:A',
    },
  });
  const longestStatus = Math.max(...Object.values(labels.statuses).map((s) => s.length));
  const actorWidth = Math.min(50, Math.max(24, ...sheet.rows.map((r) => r.actor.length + 2)));
  ws.columns = [
    { width: actorWidth },
    ...sheet.codes.map(({ code }) => ({ width: Math.min(22, Math.max(10, longestStatus + 2, code.length + 4)) })),
  ];
  // Row 1: what each code stands for; row 2: the codes, filterable.
  const texts = ws.addRow([sheet.levelName, ...sheet.codes.map((c) => cellText(c.text))]);
  texts.height = 96;
  texts.alignment = { vertical: 'top', wrapText: true };
  texts.font = { ...FONT, size: 8, color: { argb: 'FF4F5B69' } };
  texts.getCell(1).font = { ...FONT, bold: true, color: { argb: `FF${BRAND}` } };
  const header = ws.addRow([labels.actor, ...sheet.codes.map((c) => c.code)]);
  styleHeader(header);
  sheet.codes.forEach((code, i) => {
    header.getCell(i + 2).note = cellText(`${code.code} — ${code.text}`);
    header.getCell(i + 2).alignment = { horizontal: 'center', vertical: 'middle' };
  });
  for (const matrixRow of sheet.rows) {
    const row = ws.addRow([
      matrixRow.actor,
      ...sheet.codes.map(({ code }) => {
        const status = matrixRow.cells[code];
        return status ? labels.statuses[status] : null;
      }),
    ]);
    sheet.codes.forEach(({ code }, i) => {
      const status = matrixRow.cells[code];
      if (!status) return;
      const cell = row.getCell(i + 2);
      const style = STATUS_STYLE[status];
      cell.fill = solid(style.fill);
      cell.font = { ...FONT, color: { argb: `FF${style.font}` }, italic: status === 'none' };
      cell.alignment = { horizontal: 'center' };
    });
  }
  ws.autoFilter = { from: { row: 2, column: 1 }, to: { row: 2 + sheet.rows.length, column: 1 + sheet.codes.length } };
  addLegend(ws, sheet, report);
}

function addAnnexSheet(workbook: ExcelJS.Workbook, report: ConsolidatedReport, name: string) {
  const { labels } = report;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1, topLeftCell: 'C2', activeCell: 'C2' }],
    pageSetup: pageSetup(report),
  });
  const { statuses } = report.annex;
  const progress = statuses.length > 0;
  const widths = [8, 60, 12, ...statuses.map(() => 13), 14, 14, 13, ...(progress ? [11] : [])];
  ws.columns = [
    { width: 8 },
    { width: 60 },
    { width: 12 },
    ...statuses.map(() => ({ width: 13 })),
    { width: 14 },
    { width: 14 },
    { width: 13, style: { numFmt: '0%' } },
    ...(progress ? [{ width: 11, style: { numFmt: '0%' } }] : []),
  ];
  const header = ws.addRow([
    labels.code,
    labels.objective,
    labels.activities,
    ...statuses.map((s) => labels.statuses[s]),
    `${labels.coverage} (n)`,
    `${labels.coverage} (N)`,
    `${labels.coverage} %`,
    ...(progress ? [`${labels.progress} %`] : []),
  ]);
  styleHeader(header);
  header.height = 32;
  const values = (row: AnnexRow) => [
    row.code || null,
    row.text,
    row.activities,
    ...statuses.map((s) => row.counts[s]),
    row.covered,
    row.assigned,
    row.coverage,
    ...(progress ? [row.progress] : []),
  ];
  const { rows, total } = annexRows(report);
  for (const row of rows) {
    const added = ws.addRow(values(row));
    added.alignment = { vertical: 'top', wrapText: true };
    fitRowHeight(added, widths);
  }
  const totals = ws.addRow(values(total));
  totals.font = { ...FONT, bold: true };
  totals.eachCell((cell) => {
    cell.border = { top: { style: 'double', color: { argb: 'FF1B2430' } } };
  });
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1 + rows.length, column: header.cellCount } };
}

function addTextsSheet(workbook: ExcelJS.Workbook, report: ConsolidatedReport, name: string) {
  const { labels } = report;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', ySplit: 1, topLeftCell: 'A2', activeCell: 'A2' }],
    pageSetup: pageSetup(report),
  });
  const widths = [28, 9, 36, 15, 22, 90];
  ws.columns = widths.map((width) => ({ width, style: { alignment: { vertical: 'top', wrapText: true } } }));
  const { part, reportText } = labels.workbook;
  const header = ws.addRow([labels.actor, labels.code, labels.text, labels.statusAssessment, part, reportText]);
  styleHeader(header);
  fitRowHeight(header, widths);
  for (const line of reportTextRows(report)) {
    const row = ws.addRow([
      line.chapter,
      line.code,
      cellText(line.activity),
      line.status,
      line.part,
      cellText(line.text),
    ]);
    if (line.continued) row.getCell(5).font = { ...FONT, italic: true, color: { argb: 'FF4F5B69' } };
    fitRowHeight(row, widths);
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: ws.rowCount, column: widths.length } };
}

export async function renderReportXlsx(report: ConsolidatedReport): Promise<Buffer> {
  // Loaded when a workbook is made: the package takes a third of a second to load, at every start otherwise.
  const excel = (await import('exceljs')).default;
  const workbook = new excel.Workbook();
  workbook.creator = 'Enlace';
  workbook.title = report.title;
  workbook.subject = report.programme.title;
  const { labels } = report;
  const taken = new Set<string>();
  const summary = sheetName(labels.workbook.summary, taken);
  const matrices = report.matrix.map((sheet) => ({ sheet, name: sheetName(sheet.levelName, taken) }));
  const annex = sheetName(labels.annex, taken);
  const texts = sheetName(labels.chapters, taken);
  const links: SheetLink[] = [
    ...matrices.map(({ sheet, name }) => ({
      name,
      about: `${labels.matrix}: ${sheet.levelName}. ${labels.workbook.matrixAbout}.`,
    })),
    { name: annex, about: labels.annexIntro },
    { name: texts, about: labels.workbook.textsAbout },
  ];
  addSummarySheet(workbook, report, summary, links);
  for (const { sheet, name } of matrices) addMatrixSheet(workbook, sheet, report, name);
  addAnnexSheet(workbook, report, annex);
  addTextsSheet(workbook, report, texts);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
