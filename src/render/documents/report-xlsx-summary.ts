/**
 * The first sheet of the report's workbook: what the report is (title,
 * period, document, edition), its key figures, and the other sheets, linked,
 * with what each holds.
 */
import type ExcelJS from 'exceljs';
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { annexRows } from './annex-rows.ts';
import { BRAND, cellText, FONT, fitRowHeight, PAPER_SIZE } from './report-xlsx-style.ts';

export type SheetLink = { name: string; about: string };

type Line = [label: string, value: string | number | null, format?: string];

/** The key figures, as the Word report's parts and annex give them. */
export function summaryFigures(report: ConsolidatedReport): Line[] {
  const { labels } = report;
  const { total } = annexRows(report);
  return [
    [labels.workbook.chapterCount, report.chapters.length],
    [labels.workbook.reportedActivities, report.chapters.reduce((n, c) => n + c.entries.length, 0)],
    [labels.notReported, report.notReported.length],
    [labels.activities, total.activities],
    [`${labels.coverage} (n)`, total.covered],
    [`${labels.coverage} (N)`, total.assigned],
    [`${labels.coverage} %`, total.coverage, '0%'],
    ...(report.annex.statuses.length > 0 ? [[`${labels.progress} %`, total.progress, '0%'] as Line] : []),
  ];
}

export function addSummarySheet(
  workbook: ExcelJS.Workbook,
  report: ConsolidatedReport,
  name: string,
  sheets: SheetLink[],
) {
  const { labels } = report;
  const ws = workbook.addWorksheet(name, {
    pageSetup: {
      paperSize: PAPER_SIZE[report.document.paper],
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
    },
  });
  const [labelWidth, valueWidth] = [40, 90];
  const widths = [labelWidth, valueWidth];
  ws.columns = widths.map((width) => ({
    width,
    style: { alignment: { vertical: 'top', wrapText: true, horizontal: 'left' } },
  }));
  /** A line across both columns; its height set here, as a merged cell is not fitted. */
  const across = (text: string, font: Partial<ExcelJS.Font>) => {
    const row = ws.addRow([text]);
    ws.mergeCells(row.number, 1, row.number, 2);
    row.font = { ...FONT, ...font };
    const size = font.size ?? FONT.size;
    const perLine = ((labelWidth + valueWidth) * FONT.size) / size;
    row.height = Math.ceil(text.length / perLine) * size * 1.4 + 4;
    return row;
  };
  const heading = (text: string, size = 13) => across(text, { size, bold: true, color: { argb: `FF${BRAND}` } });
  const lines = (entries: Line[]) => {
    for (const [label, value, format] of entries) {
      if (value === null || value === '') continue;
      const row = ws.addRow([label, typeof value === 'string' ? cellText(value) : value]);
      row.getCell(1).font = { ...FONT, bold: true };
      if (format) row.getCell(2).numFmt = format;
      fitRowHeight(row, widths);
    }
  };
  heading(report.title, 16);
  across(report.subtitle, { italic: true, color: { argb: 'FF4F5B69' } });
  if (report.edition === 'draft') {
    const notice = across(labels.draftNotice, { bold: true, color: { argb: 'FF6B4A00' } });
    notice.getCell(1).fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFF4D6' } };
  }
  ws.addRow([]);
  const { symbol, date } = report.document;
  lines([
    [labels.period, report.period],
    [labels.adoption, report.programme.adoptionReference],
    [labels.workbook.document, [...symbol, date ?? ''].filter(Boolean).join('\n')],
    [labels.generatedOn, report.generatedOn],
  ]);
  ws.addRow([]);
  heading(labels.workbook.keyFigures);
  lines(summaryFigures(report));
  ws.addRow([]);
  heading(labels.workbook.sheets);
  for (const sheet of sheets) {
    const row = ws.addRow([{ text: sheet.name, hyperlink: `#'${sheet.name.replace(/'/g, "''")}'!A1` }, sheet.about]);
    row.getCell(1).font = { ...FONT, underline: true, color: { argb: `FF${BRAND}` } };
    fitRowHeight(row, widths);
  }
}
