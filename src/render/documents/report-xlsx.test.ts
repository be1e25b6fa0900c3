import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleReport } from '../../../test/support/documents/sample-report.ts';
import { libreOfficeAvailable, type Office, openOffice } from '../../../test/support/libreoffice.ts';
import { annexRows } from './annex-rows.ts';
import { reportTextRows, splitText } from './report-text-rows.ts';
import { renderReportXlsx } from './report-xlsx.ts';
import { STATUS_STYLE, sheetName } from './report-xlsx-style.ts';

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

  it('has a summary first, a sheet per matrix level, the annex and the texts, with names Excel accepts', async () => {
    const workbook = await read(await renderReportXlsx(report));
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([
      report.labels.workbook.summary,
      ...report.matrix.map((m) => m.levelName),
      report.labels.annex,
      report.labels.chapters,
    ]);
    for (const name of names) expect(name).toMatch(/^[^[\]:*?/\\]{1,31}$/);
  });

  it('sums the report up on its first sheet: what it is, its figures, and links to the other sheets', async () => {
    const workbook = await read(await renderReportXlsx(report));
    const sheet = workbook.worksheets[0];
    if (!sheet) throw new Error('no summary');
    expect(sheet.getCell('A1').value).toBe(report.title);
    expect(sheet.getCell('A3').value).toBe(report.labels.draftNotice);
    const pairs = new Map<string, unknown>();
    sheet.eachRow((row) => {
      const [label, value] = rowValues(row.worksheet, row.number);
      if (typeof label === 'string') pairs.set(label, value);
    });
    const { total } = annexRows(report);
    expect(pairs.get(report.labels.period)).toBe(report.period);
    expect(pairs.get(report.labels.workbook.chapterCount)).toBe(report.chapters.length);
    expect(pairs.get(report.labels.notReported)).toBe(report.notReported.length);
    expect(pairs.get(report.labels.activities)).toBe(total.activities);
    expect(pairs.get(`${report.labels.coverage} (n)`)).toBe(total.covered);
    expect(pairs.get(`${report.labels.coverage} (N)`)).toBe(total.assigned);
    expect(pairs.get(`${report.labels.progress} %`)).toBe(total.progress);
    const links: string[] = [];
    sheet.eachRow((row) => {
      const value = row.getCell(1).value;
      if (value && typeof value === 'object' && 'hyperlink' in value) links.push(value.hyperlink);
    });
    expect(links).toEqual(workbook.worksheets.slice(1).map((s) => `#'${s.name}'!A1`));
  });

  it('prints on the paper the secretariat chose', async () => {
    const letter = await read(await renderReportXlsx(report));
    const a4 = await read(await renderReportXlsx({ ...report, document: { ...report.document, paper: 'a4' } }));
    expect(letter.worksheets.map((s) => s.pageSetup.paperSize)).toEqual(letter.worksheets.map(() => undefined));
    expect(a4.worksheets.map((s) => s.pageSetup.paperSize)).toEqual(a4.worksheets.map(() => 9));
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
    // Below the matrix, a legend: each status shown, in its colours, and what an empty cell means.
    const legend = matrix.rows.length + 4;
    expect(rowValues(sheet, legend)).toEqual([report.labels.workbook.legend]);
    const shown = new Set(matrix.rows.flatMap((row) => Object.values(row.cells)));
    const keys = (
      ['not_started', 'in_progress', 'continuous', 'completed', 'pending_input', 'cancelled', 'none'] as const
    ).filter((s) => shown.has(s));
    keys.forEach((status, i) => {
      const key = sheet.getRow(legend + 1 + i).getCell(1);
      expect(key.value).toBe(report.labels.statuses[status]);
      expect(key.fill).toMatchObject({ fgColor: { argb: `FF${STATUS_STYLE[status].fill}` } });
    });
    expect(sheet.getRow(legend + 1 + keys.indexOf('completed')).getCell(1).fill).toEqual(cell.fill);
    expect(rowValues(sheet, legend + 1 + keys.length)).toEqual(
      shown.has(null) ? [report.labels.workbook.notAssigned] : [],
    );
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

  it('lays the chapters out to be read: plain text, one row per activity and part, none taller than a row can show', async () => {
    const long = sampleReport('es', { wordsPerEntry: 900 });
    const workbook = await read(await renderReportXlsx(long));
    const sheet = workbook.getWorksheet(long.labels.chapters);
    if (!sheet) throw new Error('no texts sheet');
    expect(rowValues(sheet, 1)).toEqual([
      long.labels.actor,
      long.labels.code,
      long.labels.text,
      long.labels.statusAssessment,
      long.labels.workbook.part,
      long.labels.workbook.reportText,
    ]);
    const rows = reportTextRows(long);
    expect(sheet.rowCount).toBe(rows.length + 1);
    expect(rows.some((r) => r.continued)).toBe(true);
    sheet.eachRow((row) => {
      expect(String(row.getCell(6).value ?? '').length).toBeLessThanOrEqual(2000);
      expect(row.height ?? 15).toBeLessThanOrEqual(409);
    });
    // Each entry's parts in turn, every text of the chapters there, in full.
    const first = long.chapters[0]?.entries[0];
    const firstRows = rows.filter((r) => r.chapter === long.chapters[0]?.heading && r.code === first?.code);
    expect(firstRows[0]).toMatchObject({ activity: first?.itemText, part: long.labels.mandate, continued: false });
    expect(firstRows.slice(1).every((r) => r.activity === '')).toBe(true);
    expect(firstRows.map((r) => r.part)).toContain(long.labels.carriedOut);
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

  it('gives a chapter that says nothing its row', () => {
    const empty = sampleReport('en', { states: 0 });
    const chapter = {
      ...empty.chapters[0],
      entries: [],
      sections: { bestPractices: '', newProposals: '', calendar: '' },
    };
    const rows = reportTextRows({ ...empty, chapters: [chapter as (typeof empty.chapters)[0]] });
    expect(rows).toEqual([
      {
        chapter: chapter.heading,
        code: '',
        activity: '',
        status: '',
        part: '',
        text: empty.labels.noInformation,
        continued: false,
      },
    ]);
  });
});

describe('splitText', () => {
  it('keeps a text that fits whole, trimmed', () => {
    expect(splitText('  Uno. Dos.  ', 20)).toEqual(['Uno. Dos.']);
    expect(splitText('', 20)).toEqual([]);
  });

  it('cuts between paragraphs first, then after a sentence, then at a space', () => {
    expect(splitText('Primer párrafo.\n\nSegundo párrafo largo.', 30)).toEqual([
      'Primer párrafo.',
      'Segundo párrafo largo.',
    ]);
    expect(splitText('Una frase corta. Otra frase que sigue', 30)).toEqual([
      'Una frase corta.',
      'Otra frase que sigue',
    ]);
    expect(splitText('palabra palabra palabra palabra', 20)).toEqual(['palabra palabra', 'palabra palabra']);
    expect(splitText('x'.repeat(25), 10)).toEqual(['x'.repeat(10), 'x'.repeat(10), 'x'.repeat(5)]);
  });

  it('never gives a piece longer than asked, nor loses a word', () => {
    const text = Array.from({ length: 400 }, (_, i) => (i % 9 === 8 ? `palabra${i}.` : `palabra${i}`)).join(' ');
    const pieces = splitText(text, 200);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(200);
    expect(pieces.join(' ')).toBe(text);
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
