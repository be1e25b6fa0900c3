import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/documents/sample-report.ts';
import { libreOfficeAvailable, type Office, openOffice } from '../../../test/support/libreoffice.ts';
import { annexRows } from './annex-rows.ts';
import { renderReportXlsx, sheetName } from './report-xlsx.ts';

async function read(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  return workbook;
}

const columnLetter = (n: number): string =>
  n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + columnLetter(((n - 1) % 26) + 1);

const rowValues = (sheet: ExcelJS.Worksheet, n: number) => (sheet.getRow(n).values as unknown[]).slice(1);

describe('renderReportXlsx', () => {
  const report = sampleReport('es');

  it('has a sheet per matrix level, the annex and the texts, with names Excel accepts', async () => {
    const workbook = await read(await renderReportXlsx(report));
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([...report.matrix.map((m) => m.levelName), report.labels.annex, report.labels.chapters]);
    for (const name of names) expect(name).toMatch(/^[^[\]:*?/\\]{1,31}$/);
  });

  it('lays out the matrix with codes as a filterable header, frozen with the actors, statuses in words', async () => {
    const workbook = await read(await renderReportXlsx(report));
    const matrix = report.matrix[1];
    const sheet = workbook.getWorksheet(matrix?.levelName ?? '');
    if (!matrix || !sheet) throw new Error('the sample has an activity matrix');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', xSplit: 1, ySplit: 2 });
    expect(sheet.autoFilter).toBe(`A2:${columnLetter(matrix.codes.length + 1)}${matrix.rows.length + 2}`);
    expect(rowValues(sheet, 1).slice(1)).toEqual(matrix.codes.map((c) => c.text));
    expect(rowValues(sheet, 2)).toEqual([report.labels.actor, ...matrix.codes.map((c) => c.code)]);
    matrix.rows.forEach((row, r) => {
      const values = rowValues(sheet, r + 3);
      expect(values[0]).toBe(row.actor);
      matrix.codes.forEach(({ code }, c) => {
        const status = row.cells[code];
        expect(values[c + 1] ?? null).toBe(status ? report.labels.statuses[status] : null);
      });
    });
    const completed = matrix.rows.findIndex((row) => Object.values(row.cells).includes('completed'));
    const column = matrix.codes.findIndex(({ code }) => matrix.rows[completed]?.cells[code] === 'completed');
    const cell = sheet.getRow(completed + 3).getCell(column + 2);
    expect(cell.value).toBe(report.labels.statuses.completed);
    expect(cell.fill).toMatchObject({ type: 'pattern', fgColor: { argb: 'FF1E6B37' } });
  });

  it('gives the annex as numbers, the same as the Word annex, percentages formatted as such', async () => {
    const workbook = await read(await renderReportXlsx(report));
    const sheet = workbook.getWorksheet(report.labels.annex);
    if (!sheet) throw new Error('no annex sheet');
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(sheet.autoFilter).toBe(`A1:N${report.annex.objectives.length + 1}`);
    const { rows, total } = annexRows(report);
    [...rows, total].forEach((row, i) => {
      expect(rowValues(sheet, i + 2)).toEqual([
        row.code || undefined,
        row.text,
        row.activities,
        row.counts.not_started,
        row.counts.in_progress,
        row.counts.continuous,
        row.counts.completed,
        row.counts.pending_input,
        row.counts.cancelled,
        row.counts.none,
        row.covered,
        row.assigned,
        row.coverage,
        row.progress,
      ]);
    });
    expect(sheet.getRow(2).getCell(13).numFmt).toBe('0%');
    expect(sheet.getRow(2).getCell(14).numFmt).toBe('0%');
    expect(rowValues(sheet, rows.length + 2)[1]).toBe(report.labels.total);
  });

  it('flattens the chapters to plain text, one row per entry', async () => {
    const workbook = await read(await renderReportXlsx(report));
    const sheet = workbook.getWorksheet(report.labels.chapters);
    if (!sheet) throw new Error('no texts sheet');
    const entries = report.chapters.reduce((n, c) => n + Math.max(1, c.entries.length), 0);
    expect(sheet.rowCount).toBe(entries + 1);
    expect(rowValues(sheet, 1).slice(0, 7)).toEqual([
      report.labels.actor,
      report.labels.code,
      report.labels.text,
      report.labels.statusAssessment,
      report.labels.mandate,
      report.labels.carriedOut,
      report.labels.planned,
    ]);
    const all = sheet
      .getSheetValues()
      .flatMap((row) => (Array.isArray(row) ? row : []))
      .filter((v): v is string => typeof v === 'string')
      .join('\n');
    expect(all).not.toMatch(/<\/?(?:p|strong|em|ul|ol|li|a|br)\b[^>]*>/);
    expect(all).not.toMatch(/&(?:amp|lt|gt|quot|#39);/);
    expect(all).toContain('"Migración & derechos humanos"');
    expect(all).toContain('el sitio de la Relatoría (https://www.oas.org/es/cidh/migrantes/)');
  });
});

describe('sheetName', () => {
  it('shortens, cleans and tells apart the names', () => {
    const taken = new Set<string>();
    expect(sheetName('Matriz: actores / actividades [2008]', taken)).toBe('Matriz actores actividades 2008');
    expect(sheetName('Matriz: actores / actividades [2008]', taken)).toBe('Matriz actores actividades (2)');
    expect(sheetName("'Anexo'", taken)).toBe('Anexo');
    expect(sheetName('???', taken)).toBe('Sheet');
    expect(sheetName('x'.repeat(40), taken)).toHaveLength(31);
  });
});

describe.skipIf(!libreOfficeAvailable())('renderReportXlsx as LibreOffice shows it', () => {
  let office: Office;
  beforeAll(async () => {
    office = await openOffice();
  });
  afterAll(() => office?.close());

  it('opens and prints the actors and the annex', async () => {
    const report = sampleReport('en', { states: 3 });
    const text = await office.pdfText(await office.toPdf(await renderReportXlsx(report), 'xlsx'));
    for (const chapter of report.chapters) expect(text).toContain(chapter.actor.name);
    expect(text).toContain(report.labels.statuses.in_progress);
    expect(text).toContain(report.annex.objectives[0]?.text.slice(0, 30));
  }, 120_000);
});
