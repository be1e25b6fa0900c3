/**
 * The look shared by the workbooks Enlace writes (the consolidated report, the
 * plan): fonts, the header row, status colours, page set-up, and the rules
 * Excel sets on names and cells.
 */
import type ExcelJS from 'exceljs';
import type { ItemStatus } from '../../domain/status.ts';
import { stripInvalidXmlChars } from './rich-text-parse.ts';

export type Status = ItemStatus | 'none';

/** As the status badges of the web pages. */
export const STATUS_STYLE: Record<Status, { fill: string; font: string }> = {
  not_started: { fill: 'EEF1F4', font: '36404C' },
  in_progress: { fill: 'E3EFFC', font: '0B4479' },
  continuous: { fill: 'E6F4EA', font: '1E5B2F' },
  completed: { fill: '1E6B37', font: 'FFFFFF' },
  pending_input: { fill: 'FFF4D6', font: '6B4A00' },
  cancelled: { fill: 'F8E5E5', font: '7C1D1D' },
  none: { fill: 'FFFFFF', font: '4F5B69' },
};
export const BRAND = '0B4F8A';
export const FONT = { name: 'Calibri', size: 11 };
const HEADER_FONT: Partial<ExcelJS.Font> = { ...FONT, bold: true, color: { argb: 'FFFFFFFF' } };
/** The report's paper, as the secretariat chose it: Letter is a workbook's default, A4 is OOXML's size 9. */
export const PAPER_SIZE: Record<'letter' | 'a4', ExcelJS.PaperSize | undefined> = {
  letter: undefined,
  a4: 9 as ExcelJS.PaperSize.A4,
};

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

export const solid = (rgb: string): ExcelJS.Fill => ({
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: `FF${rgb}` },
});

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
    const perLine = Math.max(1, (widths[column - 1] ?? 10) * 1.15);
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
