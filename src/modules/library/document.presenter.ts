/** Library documents as the API answers them, in the caller's language. */
import type { documents } from '../../db/schema/index.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { DocumentDetail } from './document.service.ts';

type DocumentRow = typeof documents.$inferSelect;

/** Where a document's file is downloaded from. */
export const documentFileHref = (id: string) => `/api/v1/documents/${id}/file`;

export function presentDocumentSummary(i18n: Translator, d: DocumentRow) {
  return {
    id: d.id,
    title: i18n.pick(d.title),
    type: d.type,
    languages: d.languages,
    issuedOn: d.issuedOn,
    visibility: d.visibility,
    textStatus: d.textStatus,
    url: d.url,
  };
}

export function presentDocument(i18n: Translator, detail: DocumentDetail) {
  const d = detail.document;
  const named = (a: { id: string; key: string; name: Record<string, string> }) => ({
    id: a.id,
    key: a.key,
    name: i18n.pick(a.name),
  });
  return {
    ...presentDocumentSummary(i18n, d),
    titles: d.title,
    summary: Object.keys(d.summary).length > 0 ? i18n.pick(d.summary) : null,
    file:
      d.fileKey && d.filename && d.contentType
        ? { name: d.filename, contentType: d.contentType, size: d.size ?? 0, href: documentFileHref(d.id) }
        : null,
    pageCount: d.pages.length,
    countries: detail.countries.map(named),
    actors: detail.actors.map(named),
    items: detail.items.map((i) => ({ id: i.id, code: i.code, text: i.text, programme: i18n.pick(i.programme) })),
    meetings: detail.meetings.map((m) => ({ id: m.id, title: m.title, startsOn: m.startsOn })),
    report: detail.report
      ? {
          id: detail.report.id,
          period: detail.report.period,
          actor: i18n.pick(detail.report.actor),
          href: `/reports/${detail.report.id}`,
        }
      : null,
    addedAt: d.createdAt.toISOString(),
  };
}
