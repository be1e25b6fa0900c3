/**
 * The consolidated annual report as a PDF, the edition the public portal
 * offers first: the Word edition's pages (title page, contents with page
 * numbers, parts I–VI, the chapters, the annex on landscape pages), with
 * bookmarks from the parts and chapters, the contents linked to them, Carlito
 * embedded and the document's language and title set. Written with PDFKit,
 * in JavaScript: no LibreOffice or browser on the server.
 */
import type { ConsolidatedReport } from '../../domain/consolidated-report.ts';
import { type AnnexRow, annexRows, formatPercent } from './annex-rows.ts';
import { PDF_COLORS as C, MARGIN, PdfWriter, type Run } from './pdf-writer.ts';
import type { Rasterize } from './report-docx-annex.ts';
import { languageTag } from './report-docx-styles.ts';
import { type OutlineBlock, reportOutline } from './report-outline.ts';
import { PdfNotes, writeRichText } from './rich-text-pdf.ts';
import { fitInto, svgSize } from './svg-size.ts';

export type ReportPdfOptions = { rasterize?: Rasterize };

const HEADING_SIZE = { 1: 16, 2: 13, 3: 11.5 } as const;

function titlePage(writer: PdfWriter, report: ConsolidatedReport): void {
  const { labels, programme } = report;
  const { doc } = writer;
  // The document block, at the top right as the OAS prints it: the symbol a line each, then the date.
  const block = [...report.document.symbol, ...(report.document.date ? [report.document.date] : [])];
  for (const line of block) writer.paragraph([{ text: line }], { size: 10, align: 'right', after: 0 });
  doc.y = Math.max(doc.y + 24, 170);
  writer.paragraph([{ text: labels.titlePage.toUpperCase(), bold: true, color: C.brand }], { size: 11, after: 10 });
  writer.paragraph([{ text: report.title, bold: true }], { size: 24, color: C.brand, after: 8 });
  writer.paragraph([{ text: report.subtitle }], { size: 15, color: C.muted, after: 16 });
  doc
    .moveTo(writer.left, doc.y)
    .lineTo(writer.left + writer.width, doc.y)
    .lineWidth(1)
    .strokeColor(C.brand)
    .stroke();
  doc.y += 10;
  writer.paragraph([{ text: programme.title, italic: true }], { size: 12, after: 14 });
  const detail = (label: string, value: string) =>
    writer.paragraph([{ text: `${label}: `, bold: true }, { text: value }], { after: 4 });
  const adoption = [programme.adoptionReference, programme.adoptionDate].filter(Boolean).join(', ');
  if (adoption) detail(labels.adoption, adoption);
  detail(labels.period, report.period);
  detail(labels.generatedOn, report.generatedOn);
  if (report.original) writer.paragraph([{ text: report.original.note }], { after: 4 });
  if (report.edition === 'draft') {
    doc.y += 30;
    const runs: Run[] = [{ text: labels.draftNotice, bold: true }];
    const height = writer.height(runs, writer.width - 24, 13) + 16;
    doc.rect(writer.left, doc.y, writer.width, height).lineWidth(1).fillAndStroke(C.draftSoft, C.draft);
    writer.runsAt(runs, writer.left + 12, doc.y + 8, writer.width - 24, { size: 13, color: C.draft, align: 'center' });
  }
}

type ContentsLine = { title: string; level: 1 | 2; id: string; page: number; y: number };

/** The contents' lines, without their numbers yet: they are written once the body is laid out. */
function contents(writer: PdfWriter, report: ConsolidatedReport, blocks: OutlineBlock[]): ContentsLine[] {
  writer.newPage();
  writer.paragraph([{ text: report.labels.contents, bold: true }], { size: 16, color: C.brand, after: 12 });
  const headings = blocks.flatMap((b) =>
    b.kind === 'heading' && b.level < 3 ? [{ title: b.text, level: b.level }] : [],
  );
  headings.push({ title: report.labels.annex, level: 1 });
  return headings.map((heading, i) => {
    const id = `h${i + 1}`;
    const indent = heading.level === 2 ? 14 : 0;
    const runs: Run[] = [{ text: heading.title, goTo: id, color: C.ink }];
    writer.space(writer.height(runs, writer.width - indent - 40, 11) + 4);
    const line = { title: heading.title, level: heading.level as 1 | 2, id, page: writer.page, y: writer.doc.y };
    writer.doc.font('regular').fontSize(11).fillColor(C.ink);
    writer.doc.text(heading.title, writer.left + indent, writer.doc.y, { width: writer.width - indent - 40, goTo: id });
    writer.doc.x = writer.left;
    writer.doc.y += 4;
    return line;
  });
}

/** Parts and chapters: a named place the contents lead to, and a bookmark (chapters under their part). */
class Bookmarks {
  private part: PDFKit.PDFOutline | null = null;
  private next = 0;
  readonly pages = new Map<string, number>();

  constructor(private readonly writer: PdfWriter) {}

  mark(title: string, level: 1 | 2): void {
    this.next += 1;
    const id = `h${this.next}`;
    const { doc } = this.writer;
    doc.addNamedDestination(id, 'XYZ', null, doc.page.height - doc.y + 4, null);
    this.pages.set(id, this.writer.page);
    const parent = level === 2 && this.part ? this.part : doc.outline;
    const item = parent.addItem(title, { expanded: level === 1 });
    if (level === 1) this.part = item;
  }
}

function heading(writer: PdfWriter, bookmarks: Bookmarks, text: string, level: 1 | 2 | 3): void {
  const runs: Run[] = [{ text, bold: true }];
  const size = HEADING_SIZE[level];
  writer.space(writer.height(runs, writer.width, size) + (level === 1 ? 14 : 8) + 3 * 13.5);
  if (writer.doc.y > writer.doc.page.margins.top + 1) writer.doc.y += level === 1 ? 12 : 8;
  if (level < 3) bookmarks.mark(text, level as 1 | 2);
  writer.paragraph(runs, { size, color: C.brand, after: level === 1 ? 8 : 5, keepWithNext: true });
}

function body(writer: PdfWriter, bookmarks: Bookmarks, blocks: OutlineBlock[]): void {
  // Footnotes print at the end of the part they were met in: before the next heading.
  const notes = new PdfNotes();
  for (const block of blocks) {
    if (block.kind === 'heading' || block.kind === 'group') notes.write(writer);
    switch (block.kind) {
      case 'heading':
        if (block.pageBreak) writer.newPage();
        heading(writer, bookmarks, block.text, block.level);
        break;
      case 'group':
        writer.paragraph([{ text: block.text.toUpperCase(), bold: true }], {
          color: C.brand,
          before: 10,
          after: 6,
          keepWithNext: true,
        });
        break;
      case 'chapterNote':
        writer.paragraph([{ text: block.text, italic: true }], { size: 10, color: C.noteInk, keepWithNext: true });
        break;
      case 'entry':
        writer.paragraph([{ text: block.text, bold: true }], { before: 3, after: 3, keepWithNext: true });
        break;
      case 'rich':
        writeRichText(writer, block.blocks, notes);
        break;
      case 'paragraph':
        writer.paragraph([{ text: block.text }]);
        break;
      case 'bullet':
        writer.paragraph([...(block.label ? [{ text: `${block.label}: `, bold: true }] : []), { text: block.text }], {
          indent: 18,
          marker: '•',
          after: 3,
        });
        break;
      case 'objective':
        writer.paragraph([{ text: `${block.code}  `, bold: true, color: C.brand }, { text: block.text }], { after: 4 });
        break;
      case 'noInformation':
        writer.paragraph([{ text: block.text, italic: true }], { color: C.muted });
        break;
      case 'status':
        writer.paragraph([{ text: `${block.label}: ` }, { text: block.value, bold: true }], {
          size: 10,
          color: C.muted,
          after: 8,
        });
        break;
    }
  }
  notes.write(writer);
}

type Cell = { runs: Run[]; align: 'left' | 'right' | 'center' };

/** The annex table: a header row repeated on every page, rows shaded by turns, the totals under a double rule. */
function annexTable(writer: PdfWriter, report: ConsolidatedReport): void {
  const { labels, locale } = report;
  const { doc } = writer;
  const { statuses } = report.annex;
  const progress = statuses.length > 0;
  const widths = [0, 48, ...statuses.map(() => 48), 72, ...(progress ? [46] : [])];
  widths[0] = writer.width - widths.reduce((a, b) => a + b, 0);
  const pad = 4;
  const headerCells: Cell[] = [
    labels.objective,
    labels.activities,
    ...statuses.map((s) => labels.statuses[s]),
    labels.coverage,
    ...(progress ? [labels.progress] : []),
  ].map((text, i) => ({ runs: [{ text, bold: true, color: '#FFFFFF' }], align: i === 0 ? 'left' : 'center' }));
  const heightOf = (cells: Cell[], size: number) =>
    Math.max(...cells.map((c, i) => writer.height(c.runs, (widths[i] ?? 0) - 2 * pad, size))) + 2 * pad;

  const row = (cells: Cell[], options: { size: number; fill?: string; rule?: 'double' }) => {
    const height = heightOf(cells, options.size);
    const top = doc.y;
    let x = writer.left;
    if (options.fill) doc.rect(x, top, writer.width, height).fill(options.fill);
    cells.forEach((cell, i) => {
      const width = widths[i] ?? 0;
      writer.runsAt(cell.runs, x + pad, top + pad, width - 2 * pad, {
        size: options.size,
        color: C.ink,
        align: cell.align,
      });
      doc.rect(x, top, width, height).lineWidth(0.5).strokeColor(C.line).stroke();
      x += width;
    });
    if (options.rule) {
      doc.moveTo(writer.left, top + 1.5).lineTo(writer.left + writer.width, top + 1.5);
      doc.moveTo(writer.left, top - 1).lineTo(writer.left + writer.width, top - 1);
      doc.lineWidth(0.75).strokeColor(C.ink).stroke();
    }
    doc.x = writer.left;
    doc.y = top + height;
  };
  const header = () => row(headerCells, { size: 7.5, fill: C.brand });

  const numbers = (r: AnnexRow, bold: boolean): Cell[] => [
    { runs: [{ text: String(r.activities), bold }], align: 'right' },
    ...statuses.map((s): Cell => ({ runs: [{ text: String(r.counts[s]), bold }], align: 'right' })),
    {
      runs: [{ text: `${r.covered}/${r.assigned} (${formatPercent(r.coverage, locale)})`, bold }],
      align: 'right',
    },
    ...(progress ? [{ runs: [{ text: formatPercent(r.progress, locale), bold }], align: 'right' } as Cell] : []),
  ];
  const { rows, total } = annexRows(report);
  header();
  rows.forEach((r, i) => {
    const cells: Cell[] = [
      { runs: [...(r.code ? [{ text: `${r.code} `, bold: true }] : []), { text: r.text }], align: 'left' },
      ...numbers(r, false),
    ];
    if (doc.y + heightOf(cells, 8.5) > writer.bottom) {
      writer.newPage();
      header();
    }
    row(cells, { size: 8.5, ...(i % 2 === 1 ? { fill: C.soft } : {}) });
  });
  const totals: Cell[] = [{ runs: [{ text: total.text, bold: true }], align: 'left' }, ...numbers(total, true)];
  if (doc.y + heightOf(totals, 8.5) > writer.bottom) {
    writer.newPage();
    header();
  }
  row(totals, { size: 8.5, rule: 'double' });
  doc.y += 10;
}

async function figure(writer: PdfWriter, svg: string, caption: string, rasterize: Rasterize): Promise<void> {
  const size = fitInto(svgSize(svg), writer.width, 300);
  const png = await rasterize(svg, Math.min(2400, Math.round(size.width * 3)));
  writer.space(size.height + 30);
  const x = writer.left + (writer.width - size.width) / 2;
  writer.doc.image(png, x, writer.doc.y + 10, { width: size.width, height: size.height });
  writer.doc.y += size.height + 14;
  writer.paragraph([{ text: caption, italic: true }], { size: 9, color: C.muted, align: 'center', after: 12 });
}

async function annex(writer: PdfWriter, bookmarks: Bookmarks, report: ConsolidatedReport, rasterize?: Rasterize) {
  const { labels } = report;
  writer.newPage('landscape');
  heading(writer, bookmarks, labels.annex, 1);
  writer.paragraph([{ text: labels.annexIntro }], { after: 8 });
  annexTable(writer, report);
  if (!rasterize) return;
  for (const f of [
    { svg: report.figures.statusChart, caption: labels.figureChart },
    { svg: report.figures.map, caption: labels.figureMap },
  ]) {
    if (f.svg.trim() !== '') await figure(writer, f.svg, f.caption, rasterize);
  }
}

export async function renderReportPdf(report: ConsolidatedReport, options: ReportPdfOptions = {}): Promise<Buffer> {
  const writer = await PdfWriter.create({
    language: languageTag(report.locale),
    title: report.title,
    subject: report.programme.title,
    paper: report.document.paper,
  });
  const blocks = reportOutline(report);
  titlePage(writer, report);
  const lines = contents(writer, report, blocks);
  const bookmarks = new Bookmarks(writer);
  body(writer, bookmarks, blocks);
  await annex(writer, bookmarks, report, options.rasterize);

  // The contents' page numbers, now that every heading has its page.
  const { doc } = writer;
  for (const line of lines) {
    doc.switchToPage(line.page - 1);
    doc.font('regular').fontSize(11).fillColor(C.muted);
    doc.text(String(bookmarks.pages.get(line.id) ?? ''), MARGIN + writer.width - 40, line.y, {
      width: 40,
      align: 'right',
      lineBreak: false,
      goTo: line.id,
    });
  }
  writer.finishPages(() => ({
    left: report.programme.shortTitle,
    right: `${report.labels.titlePage} ${report.period}`,
    notice: report.edition === 'draft' ? report.labels.draftNotice : null,
  }));
  return writer.end();
}
