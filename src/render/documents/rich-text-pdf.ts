/**
 * Rich text of reports in the PDF edition: bold, italic and underlined runs,
 * links, line breaks, bulleted and numbered lists (each numbered list counts
 * from 1, by level), quotations indented with a rule on their left, headings
 * inside the text in bold and kept with what follows.
 */
import type { PdfWriter, Run } from './pdf-writer.ts';
import type { Inline, RichBlock } from './rich-text-parse.ts';

const BULLETS = ['•', '◦', '▪'];
const LIST_INDENT = 18;
const QUOTE_INDENT = 24;

export function runsOf(inlines: Inline[]): Run[] {
  const out: Run[] = [];
  for (const inline of inlines) {
    if ('lineBreak' in inline) {
      const last = out.at(-1);
      if (last) last.text += '\n';
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

export function writeRichText(writer: PdfWriter, blocks: RichBlock[]): void {
  const counters = new ListCounters();
  for (const block of blocks) {
    const runs = runsOf(block.inlines);
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
