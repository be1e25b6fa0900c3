import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  contentsEntries,
  expectPublishedEnglish,
  headingPages,
  pdfFacts,
} from '../../../test/support/documents/pdf-pages.ts';
import { sampleReport } from '../../../test/support/documents/sample-report.ts';
import { libreOfficeAvailable, type Office, openOffice } from '../../../test/support/libreoffice.ts';
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { rasterizeSvg } from '../rasterize.ts';
import { renderReportPdf } from './report-pdf.ts';

const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('renderReportPdf', () => {
  const es = sampleReport('es');
  const en = sampleReport('en', { edition: 'published' });
  let pdfEs: Buffer;
  let pdfEn: Buffer;
  beforeAll(async () => {
    [pdfEs, pdfEn] = await Promise.all([
      renderReportPdf(es, { rasterize: rasterizeSvg }),
      renderReportPdf(en, { rasterize: rasterizeSvg }),
    ]);
  }, 60_000);

  it('is a PDF that says its title and language, with every font embedded', () => {
    expect(pdfEs.subarray(0, 5).toString()).toBe('%PDF-');
    const facts = pdfFacts(pdfEs);
    expect(facts.title).toBe(es.title);
    expect(facts.language).toBe('es-ES');
    expect(pdfFacts(pdfEn).language).toBe('en-US');
    expect(facts.fonts.length).toBeGreaterThan(1);
    for (const font of facts.fonts) expect(font.embedded, font.name).toBe(true);
  });

  it('is on Letter paper by default and on A4 when the secretariat chose it', async () => {
    const mediaBoxes = (pdf: Buffer) => [...pdf.toString('latin1').matchAll(/\/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]/g)];
    const letter = mediaBoxes(pdfEs);
    expect(letter[0]?.slice(1, 3)).toEqual(['612', '792']);
    // The annex's pages turned: landscape.
    expect(letter.at(-1)?.slice(1, 3)).toEqual(['792', '612']);
    const a4 = mediaBoxes(await renderReportPdf({ ...es, document: { symbol: [], date: null, paper: 'a4' } }));
    expect(a4[0]?.slice(1, 3)).toEqual(['595.28', '841.89']);
  });

  it('has a bookmark for every part and chapter, the chapters under part IV', () => {
    const { bookmarks } = pdfFacts(pdfEs);
    const titles = bookmarks.map((b) => b.title);
    for (const part of ['I. Introducción', 'IV. Informe anual de actividades', 'VI. Conclusión', es.labels.annex])
      expect(titles).toContain(part);
    for (const chapter of es.chapters)
      expect(bookmarks.find((b) => b.title === chapter.heading)?.parent, chapter.heading).toBe(
        'IV. Informe anual de actividades',
      );
  });
});

describe.skipIf(!libreOfficeAvailable())('renderReportPdf as a reader sees it', () => {
  let office: Office;
  beforeAll(async () => {
    office = await openOffice();
  });
  afterAll(() => office?.close());

  const text = async (report: ConsolidatedReport, layout = false) =>
    office.pdfText(await renderReportPdf(report, { rasterize: rasterizeSvg }), { layout });

  it('gives in its contents the page each part and chapter starts on', async () => {
    const report = sampleReport('es');
    const pdf = await text(report, true);
    const contentsPage = pdf.split('\f')[1] ?? '';
    const entries = contentsEntries(contentsPage.slice(contentsPage.indexOf(report.labels.contents)));
    expect(entries.map((e) => e.title)).toEqual(
      expect.arrayContaining(['I. Introducción', ...report.chapters.map((c) => c.heading), report.labels.annex]),
    );
    const pages = headingPages(
      pdf,
      entries.map((e) => e.title),
      3,
    );
    for (const entry of entries) expect(pages.get(entry.title), entry.title).toBe(entry.page);
    expect(entries.at(-1)?.page).toBeGreaterThan(10);
  }, 60_000);

  it('reads as the report, in Spanish, with its draft notice on every page but the first, and no tags', async () => {
    const report = sampleReport('es');
    const pdf = await text(report);
    const pages = pdf.split('\f').filter((p) => p.trim() !== '');
    expect(flat(pages[0] ?? '')).toContain(flat(report.title));
    expect(pages[0]?.trimStart().split('\n').slice(0, 3)).toEqual([
      'OEA/Ser.G',
      'CP/CAJP-2708/09',
      '31 de marzo de 2009',
    ]);
    for (const page of pages.slice(1)) expect(flat(page)).toContain(flat(report.labels.draftNotice).slice(0, 40));
    const body = flat(pdf.slice(pdf.indexOf('I. Introducción', pdf.indexOf('I. Introducción') + 1)));
    let at = 0;
    for (const heading of ['II. Antecedentes', ...report.chapters.map((c) => c.heading), 'VI. Conclusión']) {
      const found = body.indexOf(flat(heading), at);
      expect(found, heading).toBeGreaterThan(at - 1);
      at = found;
    }
    expect(pdf).not.toMatch(/<\/?(?:p|strong|em|li|ul)>/);
    expect(pdf).toContain('"Migración & derechos humanos"');
  }, 60_000);

  it('numbers lists by level and starts each list again, bullets the others, and keeps quotations', async () => {
    const report = {
      ...sampleReport('es'),
      conclusion: [
        '<ol><li>Primero<ol><li>Uno dentro</li><li>Dos dentro</li></ol></li><li>Segundo</li></ol>',
        '<ul><li>Viñeta</li></ul><ol><li>Otra lista</li></ol><blockquote><p>Cita del informe</p></blockquote>',
      ],
    };
    const pdf = await text(report);
    const conclusion = pdf.slice(pdf.lastIndexOf('VI. Conclusión'));
    const lines = conclusion.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    const i = lines.indexOf('1. Primero');
    expect(i).toBeGreaterThan(0);
    expect(lines.slice(i, i + 6)).toEqual([
      '1. Primero',
      'a. Uno dentro',
      'b. Dos dentro',
      '2. Segundo',
      '• Viñeta',
      '1. Otra lista',
    ]);
    expect(lines).toContain('Cita del informe');
  }, 60_000);

  it('marks footnotes where they were, numbered through the report, each note at the end of its part', async () => {
    const report = {
      ...sampleReport('es'),
      introduction: ['La salud^[Constitución de la OMS, 1946.] es un derecho.'],
      conclusion: ['Fin del informe^[Id. Véase MDRI, 2003.].'],
    };
    const pdf = await text(report);
    const lines = pdf.split('\n').map((l) => l.trim().replace(/\s+/g, ' '));
    const introduction = lines.indexOf('I. Introducción', lines.lastIndexOf('Índice') + 20);
    expect(lines.slice(introduction + 1, introduction + 3)).toEqual([
      'La salud¹ es un derecho.',
      '1. Constitución de la OMS, 1946.',
    ]);
    const conclusion = lines.lastIndexOf('VI. Conclusión');
    expect(lines.slice(conclusion + 1, conclusion + 3)).toEqual(['Fin del informe².', '2. Id. Véase MDRI, 2003.']);
    expect(pdf).not.toContain('^[');
  }, 60_000);

  it('in English and published: English headings, no draft notice, the annex totals of the report', async () => {
    const report = sampleReport('en', { edition: 'published' });
    const pdf = await text(report, true);
    expectPublishedEnglish(pdf, report);
  }, 60_000);
});
