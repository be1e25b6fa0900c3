/**
 * The consolidated report as an Excel workbook: one sheet per level of the
 * actor × item matrix (statuses in words and colours), the annex (progress by
 * objective, as numbers) and the chapters' texts flattened to one row per
 * entry, plain text. Headers stay in view and can be filtered.
 */
import type ExcelJS from 'exceljs';
import type { ConsolidatedReport, MatrixSheet } from '../../domain/consolidated-report.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { type AnnexRow, annexRows } from './annex-rows.ts';
import { htmlToText } from './html-text.ts';
import { stripInvalidXmlChars } from './rich-text-parse.ts';

type Status = ItemStatus | 'none';

/** As the status badges of the web pages. */
const STATUS_STYLE: Record<Status, { fill: string; font: string }> = {
  not_started: { fill: 'EEF1F4', font: '36404C' },
  in_progress: { fill: 'E3EFFC', font: '0B4479' },
  continuous: { fill: 'E6F4EA', font: '1E5B2F' },
  completed: { fill: '1E6B37', font: 'FFFFFF' },
  pending_input: { fill: 'FFF4D6', font: '6B4A00' },
  cancelled: { fill: 'F8E5E5', font: '7C1D1D' },
  none: { fill: 'FFFFFF', font: '4F5B69' },
};
const BRAND = '0B4F8A';
const FONT = { name: 'Calibri', size: 11 };
const HEADER_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
/** Printed across the page, as wide as the paper, as many pages down as it takes. */
export const PAGE_SETUP: Partial<ExcelJS.PageSetup> = {
  paperSize: 9,
  orientation: 'landscape',
  fitToPage: true,
  fitToWidth: 1,
  fitToHeight: 0,
  printTitlesRow: '1:1',
};
const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${BRAND}` } };
/** Excel keeps at most this many characters in a cell. */
const CELL_LIMIT = 32_767;

const solid = (rgb: string): ExcelJS.Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${rgb}` } });

export function cellText(text: string): string {
  const clean = stripInvalidXmlChars(text);
  return clean.length > CELL_LIMIT ? `${clean.slice(0, CELL_LIMIT - 1)}…` : clean;
}

/** Names Excel accepts: at most 31 characters, none of []:*?/\, no apostrophe at either end, unique. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const base =
    wanted
      .replace(/[[\]:*?/\\]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .slice(0, 31)
      .trim() || 'Sheet';
  let name = base;
  for (let n = 2; taken.has(name.toLowerCase()); n += 1) {
    const suffix = ` (${n})`;
    name = `${base.slice(0, 31 - suffix.length).trim()}${suffix}`;
  }
  taken.add(name.toLowerCase());
  return name;
}

/**
 * Sets the height a row of wrapped text needs, estimated from the texts and
 * their columns' widths: not every application fits rows when it opens a file.
 */
export function fitRowHeight(row: ExcelJS.Row, widths: number[]): void {
  let lines = 1;
  row.eachCell((cell, column) => {
    if (typeof cell.value !== 'string') return;
    const perLine = Math.max(1, (widths[column - 1] ?? 10) * 1.1);
    const cellLines = cell.value.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
    lines = Math.max(lines, cellLines);
  });
  if (lines > 1) row.height = Math.min(409, lines * 15 + 2);
}

export function styleHeader(row: ExcelJS.Row): void {
  row.font = HEADER_FONT;
  row.alignment = { vertical: 'middle', wrapText: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
}

function addMatrixSheet(workbook: ExcelJS.Workbook, sheet: MatrixSheet, report: ConsolidatedReport, name: string) {
  const { labels } = report;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: 2, topLeftCell: 'B3', activeCell: 'B3' }],
    // Too wide to fit a page: printed across pages, the actors repeated on each.
    pageSetup: { paperSize: 9, orientation: 'landscape', printTitlesRow: '1:2', printTitlesColumn: 'A:A' },
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
}

function addAnnexSheet(workbook: ExcelJS.Workbook, report: ConsolidatedReport, name: string) {
  const { labels } = report;
  const ws = workbook.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 2, ySplit: 1, topLeftCell: 'C2', activeCell: 'C2' }],
    pageSetup: PAGE_SETUP,
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
    views: [{ state: 'frozen', xSplit: 1, ySplit: 1, topLeftCell: 'B2', activeCell: 'B2' }],
    pageSetup: PAGE_SETUP,
  });
  const wide = { width: 60, style: { alignment: { vertical: 'top', wrapText: true } as Partial<ExcelJS.Alignment> } };
  const top = { alignment: { vertical: 'top', wrapText: true } as Partial<ExcelJS.Alignment> };
  const widths = [30, 9, 40, 18, 60, 60, 60, 60, 60, 60];
  ws.columns = widths.map((width) => (width === 60 ? wide : { width, style: top }));
  styleHeader(
    ws.addRow([
      labels.actor,
      labels.code,
      labels.text,
      labels.statusAssessment,
      labels.mandate,
      labels.carriedOut,
      labels.planned,
      labels.bestPractices,
      labels.newProposals,
      labels.calendar,
    ]),
  );
  for (const chapter of report.chapters) {
    // The chapter's own sections go on its first row.
    const sections = [chapter.sections.bestPractices, chapter.sections.newProposals, chapter.sections.calendar].map(
      (s) => cellText(htmlToText(s)),
    );
    const entries = chapter.entries.length > 0 ? chapter.entries : [null];
    entries.forEach((entry, i) => {
      const row = ws.addRow([
        chapter.actor.name,
        entry?.code ?? '',
        cellText(entry?.itemText ?? ''),
        entry?.status ? labels.statuses[entry.status] : '',
        cellText(htmlToText(entry?.mandate)),
        cellText(htmlToText(entry?.carriedOut)),
        cellText(htmlToText(entry?.planned)),
        ...(i === 0 ? sections : ['', '', '']),
      ]);
      fitRowHeight(row, widths);
    });
  }
  ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: ws.rowCount, column: 10 } };
}

export async function renderReportXlsx(report: ConsolidatedReport): Promise<Buffer> {
  // Loaded when a workbook is made: the package takes a third of a second to load, at every start otherwise.
  const excel = (await import('exceljs')).default;
  const workbook = new excel.Workbook();
  workbook.creator = 'Enlace';
  workbook.title = report.title;
  workbook.subject = report.programme.title;
  const taken = new Set<string>();
  for (const sheet of report.matrix) addMatrixSheet(workbook, sheet, report, sheetName(sheet.levelName, taken));
  addAnnexSheet(workbook, report, sheetName(report.labels.annex, taken));
  addTextsSheet(workbook, report, sheetName(report.labels.chapters, taken));
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
