/**
 * Rich text of reports: a small set of HTML kept (paragraphs, emphasis,
 * lists, links), everything else removed, so it can be shown as it is.
 */
import sanitizeHtml from 'sanitize-html';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ['p', 'br', 'strong', 'b', 'em', 'i', 'u', 'ul', 'ol', 'li', 'a', 'blockquote', 'h3', 'h4'],
  // `rel` is listed so that the one the transform sets survives the attribute filter.
  allowedAttributes: { a: ['href', 'title', 'rel'] },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
  transformTags: { a: sanitizeHtml.simpleTransform('a', { rel: 'noopener noreferrer' }) },
};

/** Control characters other than tab and line breaks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding them is what it is for.
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g;

export function sanitizeRichText(input: string): string {
  // Control characters other than tab and line breaks have no place in a report.
  const cleaned = input.replace(CONTROL, '');
  const html = sanitizeHtml(cleaned, OPTIONS).trim();
  // An editor's empty paragraph (`<p><br></p>`) is no text: the activity stays empty.
  return hasText(html) ? html : '';
}

/** Whether sanitized HTML shows any text: its tags taken out (no `<` or `>` is left unescaped in it). */
function hasText(html: string): boolean {
  const text = html.replace(/<[^>]*>/g, '');
  return text.replace(/&nbsp;|&#160;|\u00a0|\u200b/g, '').trim() !== '';
}

/** The stored text as the person typed it, for editing in a plain textarea. */
export function richTextForEditing(stored: string): string {
  return stored
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&');
}
