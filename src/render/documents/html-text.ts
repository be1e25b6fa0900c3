/**
 * Rich text of reports as plain text, for spreadsheets and CSV: no tags,
 * entities decoded, paragraphs apart by a blank line, list items on their
 * own lines with a bullet or their number, a link's address after its
 * text when the text does not show it, and footnotes marked [1], [2]… and
 * written after the text.
 */
import { type Inline, parseRichText, type RichBlock } from './rich-text-parse.ts';

export { decodeEntities } from './rich-text-parse.ts';

function inlineText(inlines: Inline[], notes: string[]): string {
  let out = '';
  for (const inline of inlines) {
    if ('lineBreak' in inline) {
      out += '\n';
      continue;
    }
    if ('footnote' in inline) {
      notes.push(inline.footnote);
      out += `[${notes.length}]`;
      continue;
    }
    out += inline.text;
    const href = inline.href;
    if (href && !inline.text.includes(href.replace(/^mailto:/i, ''))) out += ` (${href.replace(/^mailto:/i, '')})`;
  }
  return out;
}

function blockPrefix(block: RichBlock, numbers: Map<number, number>): string {
  const list = block.list;
  if (!list) return '';
  const indent = '  '.repeat(list.level);
  if (list.continuation) return `${indent}  `;
  if (!list.ordered) return `${indent}• `;
  const n = (numbers.get(list.listId) ?? 0) + 1;
  numbers.set(list.listId, n);
  return `${indent}${n}. `;
}

export function blocksToText(blocks: RichBlock[]): string {
  const numbers = new Map<number, number>();
  const notes: string[] = [];
  const parts: string[] = [];
  let previous: RichBlock | undefined;
  for (const block of blocks) {
    const prefix = blockPrefix(block, numbers);
    const text = inlineText(block.inlines, notes).replace(/\n/g, `\n${' '.repeat(prefix.length)}`);
    // Items of a list follow each other line by line; everything else is a paragraph of its own.
    if (previous) parts.push(previous.list && block.list ? '\n' : '\n\n');
    parts.push(prefix + text);
    previous = block;
  }
  // The notes after the text, numbered as their markers.
  if (notes.length > 0) parts.push('\n\n', notes.map((note, i) => `[${i + 1}] ${note}`).join('\n'));
  return parts.join('');
}

/** Plain text of a rich text (HTML or plain text with line breaks); '' when it says nothing. */
export function htmlToText(html: string | null | undefined): string {
  return blocksToText(parseRichText(html));
}
