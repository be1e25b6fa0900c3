/** Search results as the API and the page show them: titles in the reader's language, snippets as safe HTML. */
import { shorten } from '../../domain/shorten.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import { MARK_END, MARK_START, type SearchResult } from './search.service.ts';

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The snippet escaped, then the words found marked: nothing of the record's text can become markup. */
export function snippetHtml(snippet: string): string {
  return escapeHtml(snippet.replace(/\s+/g, ' ').trim())
    .split(MARK_START)
    .join('<mark>')
    .split(MARK_END)
    .join('</mark>');
}

export const resultUrl = (kind: 'document' | 'item', id: string) =>
  kind === 'document' ? `/library/documents/${id}` : `/items/${id}`;

export function presentSearch(i18n: Translator, result: SearchResult, page: number) {
  return {
    total: result.total,
    page,
    results: result.hits.map((h) => ({
      type: h.kind,
      id: h.id,
      // An item is named by its code and the start of its text; the snippet shows the words found.
      title: h.kind === 'item' ? shorten(i18n.pick(h.title), 140) : i18n.pick(h.title),
      documentType: h.docType,
      snippet: snippetHtml(h.snippet),
      url: resultUrl(h.kind, h.id),
    })),
    facets: result.facets,
  };
}
