/**
 * A thin layer over PDFKit for the report's PDF edition: paragraphs of
 * formatted runs that flow from page to page, headings kept with what
 * follows them, pages in portrait or landscape, and the running header and
 * footer written once every page is laid out. Carlito (Calibri's widths) is
 * embedded, as a subset.
 */
import { readFile } from 'node:fs/promises';
import PDFDocument from 'pdfkit';

export const PDF_COLORS = {
  brand: '#0B4F8A',
  ink: '#1B2430',
  muted: '#4F5B69',
  line: '#C5CCD5',
  soft: '#F3F6F9',
  link: '#0A4F8F',
  draft: '#B42318',
  draftSoft: '#FDECEA',
  noteSoft: '#FFF4D6',
  noteInk: '#6B4A00',
};

export type Run = {
  text: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  link?: string | null;
  /** A place in the document (a named destination) the run leads to. */
  goTo?: string;
  color?: string;
};

export type ParagraphStyle = {
  size?: number;
  color?: string;
  /** From the left margin, in points. */
  indent?: number;
  /** A bullet or number hung in the indent. */
  marker?: string;
  before?: number;
  after?: number;
  align?: 'left' | 'center' | 'right' | 'justify';
  /** Kept on the page of the next lines (headings). */
  keepWithNext?: boolean;
};

type FontName = 'regular' | 'bold' | 'italic' | 'boldItalic';
const FONT_FILES: Record<FontName, string> = {
  regular: 'Carlito-Regular.ttf',
  bold: 'Carlito-Bold.ttf',
  italic: 'Carlito-Italic.ttf',
  boldItalic: 'Carlito-BoldItalic.ttf',
};
let fontFiles: Promise<Record<FontName, Buffer>> | null = null;

/** The font files, read once for the life of the process. */
function fonts(): Promise<Record<FontName, Buffer>> {
  fontFiles ??= Promise.all(
    Object.entries(FONT_FILES).map(
      async ([name, file]) => [name, await readFile(new URL(`../fonts/${file}`, import.meta.url))] as const,
    ),
  ).then((entries) => Object.fromEntries(entries) as Record<FontName, Buffer>);
  return fontFiles;
}

/**
 * The text with the characters Carlito has no glyph for replaced by the
 * nearest it has: the no-break space (which `Intl` puts in "89 %") by the
 * narrow one, the non-breaking hyphen by a hyphen.
 */
export const printable = (text: string) => text.replace(/\u00a0/g, '\u202f').replace(/\u2011/g, '-');

const fontOf = (run: { bold?: boolean; italic?: boolean }): FontName =>
  run.bold ? (run.italic ? 'boldItalic' : 'bold') : run.italic ? 'italic' : 'regular';

/** 2.5 cm, as the Word edition. */
export const MARGIN = 70.87;
/** A line's height in ems (Carlito's own) and the gap added between lines, in points. */
const LINE = 1.22;
const LINE_GAP = 1;

export type PageLayout = 'portrait' | 'landscape';

export class PdfWriter {
  readonly doc: PDFKit.PDFDocument;
  private layout: PageLayout = 'portrait';
  private readonly size: string;

  private constructor(doc: PDFKit.PDFDocument, size: string) {
    this.doc = doc;
    this.size = size;
  }

  static async create(meta: {
    language: string;
    title: string;
    subject: string;
    paper: 'letter' | 'a4';
  }): Promise<PdfWriter> {
    const size = meta.paper === 'a4' ? 'A4' : 'LETTER';
    const doc = new PDFDocument({
      size,
      margin: MARGIN,
      bufferPages: true,
      lang: meta.language,
      displayTitle: true,
      info: { Title: meta.title, Subject: meta.subject, Creator: 'Enlace', Producer: 'Enlace' },
    });
    for (const [name, data] of Object.entries(await fonts())) doc.registerFont(name, data);
    doc.font('regular').fontSize(11).fillColor(PDF_COLORS.ink);
    return new PdfWriter(doc, size);
  }

  get left(): number {
    return this.doc.page.margins.left;
  }
  get width(): number {
    return this.doc.page.width - this.doc.page.margins.left - this.doc.page.margins.right;
  }
  get bottom(): number {
    return this.doc.page.height - this.doc.page.margins.bottom;
  }
  /** The page being written, counted from 1. */
  get page(): number {
    const range = this.doc.bufferedPageRange();
    return range.start + range.count;
  }

  newPage(layout: PageLayout = this.layout): void {
    this.layout = layout;
    this.doc.addPage({ size: this.size, layout, margin: MARGIN });
  }

  /** A new page unless `height` more points fit on this one. */
  space(height: number): void {
    if (this.doc.y + height > this.bottom && this.doc.y > this.doc.page.margins.top + 1) this.newPage();
  }

  /** The height the runs take at `width`, measured in the widest of their fonts. */
  height(runs: Run[], width: number, size: number): number {
    const text = printable(runs.map((r) => r.text).join(''));
    const font = runs.some((r) => r.bold) ? 'bold' : 'regular';
    return this.doc.font(font).fontSize(size).heightOfString(text, { width, lineGap: LINE_GAP });
  }

  /** Runs at a place, wrapped at `width`; the cursor ends below them. */
  runsAt(runs: Run[], x: number, y: number, width: number, style: { size: number; color: string; align?: string }) {
    const visible = runs.filter((r) => r.text !== '');
    if (visible.length === 0) return;
    visible.forEach((run, i) => {
      this.doc
        .font(fontOf(run))
        .fontSize(style.size)
        .fillColor(run.link || run.goTo ? PDF_COLORS.link : (run.color ?? style.color));
      const options: PDFKit.Mixins.TextOptions = {
        width,
        continued: i < visible.length - 1,
        underline: Boolean(run.underline || run.link),
        lineGap: LINE_GAP,
        align: (style.align ?? 'left') as PDFKit.Mixins.TextOptions['align'],
        ...(run.link ? { link: run.link } : { link: null }),
        ...(run.goTo ? { goTo: run.goTo } : {}),
      };
      if (i === 0) this.doc.text(printable(run.text), x, y, options);
      else this.doc.text(printable(run.text), options);
    });
  }

  /** A paragraph in the flow of the page: on a new page when not even its first lines fit. */
  paragraph(runs: Run[], style: ParagraphStyle = {}): void {
    if (runs.every((r) => r.text.trim() === '')) return;
    const size = style.size ?? 11;
    const indent = style.indent ?? 0;
    const width = this.width - indent;
    const lines = size * LINE;
    if (style.before && this.doc.y > this.doc.page.margins.top + 1) this.doc.y += style.before;
    this.space(style.keepWithNext ? this.height(runs, width, size) + 3 * 11 * LINE : 2 * lines);
    const y = this.doc.y;
    const color = style.color ?? PDF_COLORS.ink;
    if (style.marker) {
      this.doc.font('regular').fontSize(size).fillColor(color);
      this.doc.text(style.marker, this.left + indent - 16, y, { width: 16, lineBreak: false });
    }
    this.runsAt(runs, this.left + indent, y, width, { size, color, ...(style.align ? { align: style.align } : {}) });
    this.doc.x = this.left;
    this.doc.y += style.after ?? 6;
  }

  /** A rule beside what was written since `fromY`, when it is all on this page (quotations). */
  ruleBeside(fromY: number, page: number, x: number): void {
    if (page !== this.page) return;
    this.doc
      .moveTo(x, fromY)
      .lineTo(x, this.doc.y - 6)
      .lineWidth(2)
      .strokeColor(PDF_COLORS.line)
      .stroke();
  }

  /** Header and footer on every page but the first, written once all pages are known. */
  finishPages(header: (page: number) => { left: string; right: string; notice: string | null }): void {
    const range = this.doc.bufferedPageRange();
    for (let i = range.start + 1; i < range.start + range.count; i++) {
      this.doc.switchToPage(i);
      const page = this.doc.page;
      const bottomMargin = page.margins.bottom;
      // Writing in the margins must not start a new page.
      page.margins.bottom = 0;
      const width = page.width - 2 * MARGIN;
      const { left, right, notice } = header(i + 1);
      let y = 30;
      if (notice) {
        this.doc.font('bold').fontSize(8).fillColor(PDF_COLORS.draft);
        this.doc.text(notice, MARGIN, y, { width, align: 'center', lineBreak: false });
        y += 11;
      }
      this.doc.font('regular').fontSize(8).fillColor(PDF_COLORS.muted);
      this.doc.text(left, MARGIN, y, { width: width / 2, lineBreak: false });
      this.doc.text(right, MARGIN + width / 2, y, { width: width / 2, align: 'right', lineBreak: false });
      this.doc
        .moveTo(MARGIN, y + 12)
        .lineTo(MARGIN + width, y + 12)
        .lineWidth(0.5)
        .strokeColor(PDF_COLORS.line)
        .stroke();
      this.doc.fontSize(9).text(String(i + 1), MARGIN, page.height - 45, { width, align: 'center', lineBreak: false });
      page.margins.bottom = bottomMargin;
    }
  }

  /** The finished document. */
  end(): Promise<Buffer> {
    const chunks: Buffer[] = [];
    return new Promise((resolve, reject) => {
      this.doc.on('data', (chunk: Buffer) => chunks.push(chunk));
      this.doc.on('end', () => resolve(Buffer.concat(chunks)));
      this.doc.on('error', reject);
      this.doc.end();
    });
  }
}
