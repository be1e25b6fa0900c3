/**
 * Footnotes of stored rich text (`^[the note]`) as a web page shows them: a
 * numbered marker where the note was, leading to the notes listed under the
 * text, each leading back. The stored text is sanitized HTML already: a
 * note's text holds no tag, only escaped characters.
 */
import { FOOTNOTE } from '../render/documents/rich-text-parse.ts';

/** A short, stable name for the text, so the markers of two texts on one page lead to their own notes. */
function textId(html: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < html.length; i += 1) hash = Math.imul(hash ^ html.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(36);
}

export function withFootnotes(html: string): string {
  const notes: string[] = [];
  const id = textId(html);
  const text = html.replace(FOOTNOTE, (marker: string, note: string) => {
    if (!note.trim()) return marker;
    notes.push(note.trim());
    const n = notes.length;
    return `<sup class="footnote-ref"><a href="#fn-${id}-${n}" id="fnref-${id}-${n}">${n}</a></sup>`;
  });
  if (notes.length === 0) return html;
  const items = notes.map((note, i) => `<li id="fn-${id}-${i + 1}">${note} <a href="#fnref-${id}-${i + 1}">↩</a></li>`);
  return `${text.replace(/ (?=<sup class="footnote-ref">)/g, '')}<ol class="footnotes">${items.join('')}</ol>`;
}
