/**
 * Rich text of reports in the PDF edition: bold, italic and underlined runs,
 * links, line breaks, footnotes, bulleted and numbered lists (each numbered list counts
 * from 1, by level), quotations indented with a rule on their left, headings
 * inside the text in bold and kept with what follows.
 */
import { PDF_COLORS, type PdfWriter, type Run } from './pdf-writer.ts';
import type { Inline, RichBlock } from './rich-text-parse.ts';

const BULLETS = ['•', '◦', '▪'];
const LIST_INDENT = 18;
const QUOTE_INDENT = 24;

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
/** A note's number as its marker prints: in superscript digits, which Carlito has. */
export const superscript = (n: number) => String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)] ?? d);

/**
 * The footnotes of the PDF edition: numbered through the document as Word
 * numbers them, each marker leading to its note, the notes printed under a
 * short rule at the end of the part they were met in.
 */
export class PdfNotes {
  private count = 0;
  private pending: { n: number; text: string }[] = [];

  /** The note's number, its text kept for `write`. */
  add(text: string): number {
    this.count += 1;
    this.pending.push({ n: this.count, text });
    return this.count;
  }

  write(writer: PdfWriter): void {
    if (this.pending.length === 0) return;
    writer.space(3 * 9 * 1.22 + 10);
    const { doc } = writer;
    doc.y += 4;
    doc
      .moveTo(writer.left, doc.y)
      .lineTo(writer.left + 120, doc.y)
      .lineWidth(0.5)
      .strokeColor(PDF_COLORS.line)
      .stroke();
    doc.y += 4;
    for (const note of this.pending) {
      doc.addNamedDestination(`note-${note.n}`, 'XYZ', null, doc.page.height - doc.y + 4, null);
      writer.paragraph([{ text: `${note.n}. ` }, { text: note.text }], { size: 9, color: PDF_COLORS.muted, after: 2 });
    }
    this.pending = [];
    doc.y += 4;
  }
}

export function runsOf(inlines: Inline[], notes?: PdfNotes): Run[] {
  const out: Run[] = [];
  for (const inline of inlines) {
    if ('lineBreak' in inline) {
      const last = out.at(-1);
      if (last) last.text += '\n';
      continue;
    }
    if ('footnote' in inline) {
      if (!notes) continue;
      const n = notes.add(inline.footnote);
      out.push({ text: superscript(n), goTo: `note-${n}` });
      continue;
    }
    if (!inline.text) continue;
    out.push({
      text: inline.text,
      bold: inline.bold,
      italic: inline.italic,
      underline: inline.underline,
      link: inline.href,
    });
  }
  return out;
}

const ROMAN = ['i', 'ii', 'iii', 'iv', 'v', 'vi', 'vii', 'viii', 'ix', 'x', 'xi', 'xii'];

function ordinal(n: number, level: number): string {
  if (level % 3 === 1) return `${String.fromCharCode(97 + ((n - 1) % 26))}.`;
  if (level % 3 === 2) return `${ROMAN[(n - 1) % ROMAN.length]}.`;
  return `${n}.`;
}

/** Numbers of the items of numbered lists, by list and level; a deeper level counts again under each item. */
class ListCounters {
  private readonly counts = new Map<number, number[]>();
  next(listId: number, level: number): number {
    const levels = this.counts.get(listId) ?? [];
    levels.length = level + 1;
    levels[level] = (levels[level] ?? 0) + 1;
    this.counts.set(listId, levels);
    return levels[level];
  }
}

export function writeRichText(writer: PdfWriter, blocks: RichBlock[], notes?: PdfNotes): void {
  const counters = new ListCounters();
  for (const block of blocks) {
    const runs = runsOf(block.inlines, notes);
    const quote = QUOTE_INDENT * block.quote;
    const start = { y: writer.doc.y, page: writer.page };
    if (block.heading) {
      writer.paragraph(
        runs.map((r) => ({ ...r, bold: true })),
        { size: block.heading === 3 ? 12 : 11, before: 4, after: 3, indent: quote, keepWithNext: true },
      );
    } else if (block.list) {
      const { level, ordered, listId, continuation } = block.list;
      const indent = quote + LIST_INDENT * (level + 1);
      const marker = continuation
        ? undefined
        : ordered
          ? ordinal(counters.next(listId, level), level)
          : BULLETS[level % BULLETS.length];
      writer.paragraph(runs, { indent, after: 3, ...(marker ? { marker } : {}) });
    } else {
      writer.paragraph(runs, { indent: quote });
    }
    if (block.quote > 0) writer.ruleBeside(start.y, start.page, writer.left + quote - 10);
  }
}
