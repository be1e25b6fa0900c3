/** Search results as the API and the page show them: titles in the reader's language, snippets as safe HTML. */
import { shorten } from '../../domain/shorten.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import { MARK_END, MARK_START, type SearchHit, type SearchResult } from './search.service.ts';

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

/** Where a hit is read: its own page, or the place in its meeting or report. */
export function resultUrl(hit: Pick<SearchHit, 'kind' | 'id' | 'parent'>, q: string): string {
  switch (hit.kind) {
    case 'document':
      // The document with the words marked, at the list of the pages that hold them.
      return `/library/documents/${hit.id}?q=${encodeURIComponent(q)}#found`;
    case 'item':
      return `/items/${hit.id}`;
    case 'best_practice':
      return `/library/best-practices/${hit.id}`;
    case 'legislation':
      return `/library/legislation/${hit.id}`;
    case 'meeting':
      return `/meetings/${hit.id}`;
    case 'agreement':
      return `/meetings/${hit.parent}#agreement-${hit.id}`;
    case 'report_entry':
      return `/reports/${hit.parent}#entry-${hit.id}`;
  }
}

export function presentSearch(i18n: Translator, result: SearchResult, page: number, q: string) {
  return {
    total: result.total,
    page,
    results: result.hits.map((h) => ({
      type: h.kind,
      id: h.id,
      // An item is named by its code and the start of its text; the snippet shows the words found.
      title: shorten(i18n.pick(h.title), 140),
      documentType: h.docType,
      snippet: snippetHtml(h.snippet),
      url: resultUrl(h, q),
    })),
    facets: result.facets,
  };
}
