import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { docxParagraphs, docxParts } from '../../../test/support/documents/docx-inspect.ts';
import { expectPublishedEnglish, headingPages } from '../../../test/support/documents/pdf-pages.ts';
import { sampleReport } from '../../../test/support/documents/sample-report.ts';
import { libreOfficeAvailable, type Office, openOffice } from '../../../test/support/libreoffice.ts';
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { rasterizeSvg } from '../rasterize.ts';
import { annexRows } from './annex-rows.ts';
import { renderReportDocx } from './report-docx.ts';

const RAW_TAG = /<\/?(?:p|strong|b|em|i|u|ul|ol|li|a|br|blockquote|h3|h4)\b[^>]*>/;
const flat = (s: string) => s.replace(/\s+/g, ' ');

async function open(report: ConsolidatedReport, rasterize = true) {
  const docx = await renderReportDocx(report, rasterize ? { rasterize: rasterizeSvg } : {});
  const { files, part } = await docxParts(docx);
  const xml = part('word/document.xml');
  const headers = [...files.keys()].filter((n) => /^word\/header\d+\.xml$/.test(n)).map(part);
  return { docx, files, part, xml, paragraphs: docxParagraphs(xml), headers };
}

/** The table of contents as written: each entry's text and the page number after its PAGEREF field. */
function tocEntries(xml: string): { title: string; page: number }[] {
  const toc = xml.slice(xml.indexOf('TOC \\'), xml.indexOf('</w:sdtContent>'));
  return toc
    .replace(/^TOC[^<]*/, '')
    .split('</w:p>')
    .map((p) => p.replace(/<w:instrText[^>]*>[^<]*<\/w:instrText>/g, '').replace(/<[^>]+>/g, ''))
    .map((text) => /^(.*?)(\d+)$/.exec(text.trim()))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => ({ title: (m[1] ?? '').trim(), page: Number(m[2]) }));
}

const withStyle = (paragraphs: ReturnType<typeof docxParagraphs>, style: string) =>
  paragraphs.filter((p) => p.style === style).map((p) => p.text);

/** The text of the paragraph after a chapter's heading in the body (the table of contents has the heading too). */
function paragraphAfter(paragraphs: ReturnType<typeof docxParagraphs>, heading: string): string | undefined {
  const at = paragraphs.findIndex((p) => p.style === 'Heading2' && p.text === heading);
  return at === -1 ? undefined : paragraphs[at + 1]?.text;
}

describe('renderReportDocx', () => {
  const es = sampleReport('es');
  const en = sampleReport('en', { edition: 'published' });

  it('numbers the parts of the body with Heading 1, in the report’s language, the annex last', async () => {
    const { paragraphs } = await open(es);
    expect(withStyle(paragraphs, 'Heading1')).toEqual([
      'I. Introducción',
      'II. Antecedentes',
      'III. Objetivos y estructura del Programa',
      'IV. Informe anual de actividades',
      'V. Actores que no presentaron informe',
      'VI. Conclusión',
      'Anexo. Avance por objetivo',
    ]);
    const english = await open(en);
    expect(withStyle(english.paragraphs, 'Heading1')).toEqual([
      'I. Introduction',
      'II. Background',
      'III. Objectives and structure of the Program',
      'IV. Annual report on activities',
      'V. Actors that did not report',
      'VI. Conclusion',
      'Annex. Progress by objective',
    ]);
  });

  it('gives every chapter a Heading 2, in the order of the report, and its parts Heading 3', async () => {
    const { paragraphs } = await open(es);
    const chapterHeadings = new Set(es.chapters.map((c) => c.heading));
    expect(withStyle(paragraphs, 'Heading2').filter((t) => chapterHeadings.has(t))).toEqual(
      es.chapters.map((c) => c.heading),
    );
    const parts = new Set(withStyle(paragraphs, 'Heading3'));
    for (const label of [es.labels.mandate, es.labels.carriedOut, es.labels.planned, es.labels.bestPractices]) {
      expect(parts).toContain(label);
    }
  });

  it('puts each activity’s code and text in bold before what was reported on it, and its status after', async () => {
    const { paragraphs } = await open(es);
    const chapter = es.chapters.find((c) => c.group === 'states');
    const entry = chapter?.entries.find((e) => e.status !== null);
    if (!chapter || !entry?.status) throw new Error('the sample has a state entry with a status');
    const texts = paragraphs.map((p) => p.text);
    const start = paragraphs.findIndex((p) => p.style === 'Heading2' && p.text === chapter.heading);
    const heading = texts.indexOf(`${entry.code} — ${entry.itemText}`, start);
    expect(heading).toBeGreaterThan(start);
    expect(paragraphs[heading]?.style).toBe('EntryHeading');
    expect(texts.slice(heading).find((t) => t.startsWith(es.labels.statusAssessment))).toBe(
      `${es.labels.statusAssessment}: ${es.labels.statuses[entry.status]}`,
    );
  });

  it('has a table of contents of headings 1–2 written with their page numbers, in page order', async () => {
    const { xml, part } = await open(es);
    const field = /<w:instrText[^>]*>(TOC [^<]*)<\/w:instrText>/.exec(xml)?.[1]?.replace(/&quot;/g, '"');
    expect(field).toMatch(/\\o "1-2"/);
    expect(field).toContain('\\h');
    const entries = tocEntries(xml);
    expect(entries.map((e) => e.title)).toEqual([
      ...withStyle(docxParagraphs(xml), 'Heading1').slice(0, 3),
      ...withStyle(docxParagraphs(xml), 'Heading2').slice(0, 1),
      'IV. Informe anual de actividades',
      ...es.chapters.map((c) => c.heading),
      'V. Actores que no presentaron informe',
      'VI. Conclusión',
      'Anexo. Avance por objetivo',
    ]);
    // Title page, contents, then the body: every entry has its page, and the pages only go forward.
    expect(entries[0]?.page).toBe(3);
    for (const [i, entry] of entries.entries()) expect(entry.page).toBeGreaterThanOrEqual(entries[i - 1]?.page ?? 3);
    expect(entries.at(-1)?.page).toBeGreaterThan(10);
    // Written clean: Word shows the numbers without asking to update the fields.
    expect(part('word/settings.xml')).not.toContain('updateFields');
    expect(withStyle(docxParagraphs(xml), 'TOCHeading')).toEqual([es.labels.contents]);
  });

  it('leaves the page numbers of a very long report to Word, which fills them in on opening', async () => {
    const long = sampleReport('es', { states: 35, wordsPerEntry: 300 });
    const { xml, part } = await open(long, false);
    expect(part('word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(?:true|1)")?\/>/);
    expect(tocEntries(xml)).toEqual([]);
  }, 60_000);

  it('is on the paper the secretariat chose, Letter by default, with the document block at the top right of the title page', async () => {
    const letter = await open(es, false);
    expect(letter.xml).toMatch(/<w:pgSz w:w="12240" w:h="15840"/);
    const [first, second, third] = letter.paragraphs;
    expect([first?.text, second?.text, third?.text]).toEqual(['OEA/Ser.G', 'CP/CAJP-2708/09', '31 de marzo de 2009']);
    expect(letter.xml.split('</w:p>')[0]).toContain('<w:jc w:val="right"/>');
    const a4 = await open({ ...es, document: { symbol: [], date: null, paper: 'a4' } }, false);
    expect(a4.xml).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    expect(a4.paragraphs[0]?.text).toBe(es.labels.titlePage);
  });

  it('marks the language of the text for spelling', async () => {
    expect((await open(es)).part('word/styles.xml')).toContain('<w:lang w:val="es-ES"/>');
    expect((await open(en)).part('word/styles.xml')).toContain('<w:lang w:val="en-US"/>');
  });

  it('in an edition whose texts are not yet translated, says in which language they are and marks them so', async () => {
    const original = { language: 'es', note: 'Original: Spanish' };
    const { paragraphs, xml } = await open({ ...en, original });
    const notes = paragraphs.filter((p) => p.text.startsWith('Original: Spanish'));
    // On the title page, and under every chapter's heading.
    expect(notes.length).toBe(en.chapters.length + 1);
    for (const chapter of en.chapters)
      expect(paragraphAfter(paragraphs, chapter.heading)).toMatch(/^Original: Spanish/);
    // The texts as written are marked Spanish for spelling; the labels stay English.
    const introduction = en.introduction[0]?.replace(/<[^>]+>/g, '').slice(0, 20) ?? '';
    const run = xml.split('<w:r>').find((r) => r.includes(introduction));
    expect(run).toContain('<w:lang w:val="es-ES"/>');
    expect((await open(en)).xml).not.toContain('<w:lang w:val="es-ES"/>');
    expect((await open(en)).paragraphs.some((p) => p.text.startsWith('Original:'))).toBe(false);
  });

  it('shows the draft notice in a draft edition only', async () => {
    const draft = await open(es);
    expect(draft.paragraphs.map((p) => p.text)).toContain(es.labels.draftNotice);
    expect(draft.headers.some((h) => h.includes(es.labels.draftNotice))).toBe(true);
    const published = await open({ ...es, edition: 'published' });
    expect(published.xml).not.toContain(es.labels.draftNotice);
    expect(published.headers.some((h) => h.includes(es.labels.draftNotice))).toBe(false);
  });

  it('notes pending and late chapters under their heading', async () => {
    const { paragraphs } = await open(es);
    const pending = es.chapters.find((c) => c.pending);
    const late = es.chapters.find((c) => c.late);
    const notes = withStyle(paragraphs, 'ChapterNote');
    expect(notes).toContain(`${es.labels.pending}: ${pending?.pending}`);
    expect(notes).toContain(es.labels.late);
    expect(paragraphAfter(paragraphs, late?.heading ?? '')).toBe(es.labels.late);
    expect(paragraphAfter(paragraphs, pending?.heading ?? '')).toBe(`${es.labels.pending}: ${pending?.pending}`);
  });

  it('says “no information” for a chapter that reported nothing, and names the actors that did not report', async () => {
    const [first, ...rest] = es.chapters;
    if (!first) throw new Error('the sample has chapters');
    const silent = { ...first, entries: [], sections: { bestPractices: '', newProposals: '<p> </p>', calendar: '' } };
    const { paragraphs } = await open({ ...es, chapters: [silent, ...rest] });
    const texts = paragraphs.map((p) => p.text);
    expect(paragraphAfter(paragraphs, first.heading)).toBe(es.labels.noInformation);
    for (const actor of es.notReported) expect(texts).toContain(actor.name);

    // Where every addressee reported, the part is left out and the next takes its number: nothing claimed.
    const none = await open({ ...es, notReported: [] });
    const headings = none.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text);
    expect(headings.some((h) => h.includes(es.labels.notReported))).toBe(false);
    expect(headings).toContain(`V. ${es.labels.conclusion}`);
  });

  it('prints the programme’s own text on its objectives and structure in part III, instead of counting its levels', async () => {
    const texts = [
      { heading: 'A. Objetivos del Programa', paragraphs: ['El objetivo principal del Programa es la protección.'] },
      { heading: 'B. Estructura del Programa', paragraphs: ['Uno.', 'Dos.'] },
    ];
    const { paragraphs } = await open({ ...es, structure: { ...es.structure, texts } });
    const at = paragraphs.findIndex((p) => p.text === 'A. Objetivos del Programa' && p.style === 'Heading2');
    expect(at).toBeGreaterThan(0);
    expect(paragraphs.slice(at, at + 5).map((p) => p.text)).toEqual([
      'A. Objetivos del Programa',
      'El objetivo principal del Programa es la protección.',
      'B. Estructura del Programa',
      'Uno.',
      'Dos.',
    ]);
    const text = paragraphs.map((p) => p.text).join('\n');
    for (const level of es.structure.levels) expect(text).not.toContain(`${level.name}: `);
  });

  it('prints rich text without tags and with its entities decoded', async () => {
    const { paragraphs } = await open(es);
    const text = paragraphs.map((p) => p.text).join('\n');
    expect(text).not.toMatch(RAW_TAG);
    expect(text).not.toMatch(/&(?:amp|lt|gt|quot|#39|nbsp);/);
    expect(text).toContain('"Migración & derechos humanos"');
    expect(text).toContain('<<no devolución>>');
  });

  it('has the annex as a table with a repeating header row and the report’s numbers', async () => {
    const { xml } = await open(es);
    const table = /<w:tbl>[\s\S]*?<\/w:tbl>/.exec(xml)?.[0] ?? '';
    const rows = [...table.matchAll(/<w:tr[ >][\s\S]*?<\/w:tr>/g)].map(([row]) => ({
      header: row.includes('<w:tblHeader/>'),
      cells: [...row.matchAll(/<w:tc>[\s\S]*?<\/w:tc>/g)].map(([cell]) => docxParagraphs(cell)[0]?.text ?? ''),
    }));
    const { rows: expected, total } = annexRows(es);
    expect(rows).toHaveLength(expected.length + 2);
    expect(rows[0]?.header).toBe(true);
    expect(rows[0]?.cells).toContain(es.labels.statuses.pending_input);
    const numbers = (row: (typeof expected)[number]) => [
      String(row.activities),
      ...Object.values({ ...row.counts }).map(String),
    ];
    expected.forEach((row, i) => {
      const cells = rows[i + 1]?.cells ?? [];
      expect(cells[0]).toBe(`${row.code} ${row.text}`);
      expect(cells.slice(1, 9).sort()).toEqual(numbers(row).sort());
      expect(cells[9]).toMatch(new RegExp(`^${row.covered}/${row.assigned} \\(`));
    });
    const totals = rows.at(-1)?.cells ?? [];
    expect(totals[0]).toBe(es.labels.total);
    expect(totals[1]).toBe(String(es.chapters.length > 0 ? total.activities : 0));
    expect(totals[9]).toMatch(new RegExp(`^${es.annex.covered}/${es.annex.assigned} \\(`));
  });

  it('embeds the figures as SVG with a PNG for older Word, captioned; without a rasterizer it leaves them out', async () => {
    const { files, paragraphs } = await open(es);
    const media = [...files.keys()].filter((n) => n.startsWith('word/media/'));
    expect(media.filter((n) => n.endsWith('.svg'))).toHaveLength(2);
    expect(media.filter((n) => n.endsWith('.png'))).toHaveLength(2);
    const png = files.get(media.find((n) => n.endsWith('.png')) ?? '');
    expect(png?.subarray(1, 4).toString()).toBe('PNG');
    expect(withStyle(paragraphs, 'Caption')).toEqual([es.labels.figureChart, es.labels.figureMap]);

    const bare = await open(es, false);
    expect([...bare.files.keys()].some((n) => n.startsWith('word/media/'))).toBe(false);
    expect(withStyle(bare.paragraphs, 'Caption')).toEqual([]);
  });
});

describe.skipIf(!libreOfficeAvailable())('renderReportDocx as LibreOffice shows it', () => {
  let office: Office;
  beforeAll(async () => {
    office = await openOffice();
  });
  afterAll(() => office?.close());

  const text = async (report: ConsolidatedReport, layout = false) =>
    office.pdfText(await office.toPdf(await renderReportDocx(report, { rasterize: rasterizeSvg }), 'docx'), { layout });

  it('reads as the report: title, parts and chapters in order, in Spanish, draft notice, no tags', async () => {
    const report = sampleReport('es');
    const pdf = flat(await text(report));
    expect(pdf).toContain(flat(report.title));
    expect(pdf).toContain(report.labels.draftNotice);
    // The body starts at the second "I. Introducción": the first is the table of contents.
    const body = pdf.slice(pdf.indexOf('I. Introducción', pdf.indexOf('I. Introducción') + 1));
    let at = 0;
    for (const heading of [
      'II. Antecedentes',
      'IV. Informe anual de actividades',
      ...report.chapters.map((c) => c.heading),
      'VI. Conclusión',
      'Anexo. Avance por objetivo',
    ]) {
      const found = body.indexOf(flat(heading), at);
      expect(found, heading).toBeGreaterThan(at - 1);
      at = found;
    }
    expect(pdf).not.toMatch(RAW_TAG);
    expect(pdf).not.toMatch(/&(?:amp|lt|gt|quot|#39);/);
    expect(pdf).toContain('"Migración & derechos humanos"');
  }, 120_000);

  it('shows the page of each heading in the contents, as LibreOffice lays the pages out or one page from it', async () => {
    const report = sampleReport('es');
    const docx = await renderReportDocx(report, { rasterize: rasterizeSvg });
    const entries = tocEntries((await docxParts(docx)).part('word/document.xml'));
    const pdf = await office.pdfText(await office.toPdf(docx, 'docx'));
    const pages = headingPages(
      pdf,
      entries.map((e) => e.title),
      3,
    );
    expect(entries.length).toBeGreaterThan(10);
    // The numbers are Word's layout; LibreOffice breaks a page now and then a few lines apart from Word (a heading
    // kept with the lines after it that Word fits at the foot of a page): never more than one page off.
    for (const entry of entries)
      expect(Math.abs((pages.get(entry.title) ?? 0) - entry.page), entry.title).toBeLessThanOrEqual(1);
    const exact = entries.filter((e) => pages.get(e.title) === e.page).length;
    expect(exact / entries.length).toBeGreaterThanOrEqual(0.8);
  }, 120_000);

  it('reads in English, without a draft notice when published, with the annex totals of the report', async () => {
    const report = sampleReport('en', { edition: 'published' });
    const pdf = await text(report, true);
    expectPublishedEnglish(pdf, report);
  }, 120_000);
});
