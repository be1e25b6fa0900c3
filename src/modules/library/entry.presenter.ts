/** Best practices, legislation and the legal matrix as the API and the downloads give them, in the reader's language. */
import type { bestPractices, legislation } from '../../db/schema/index.ts';
import type { TableFile } from '../../render/documents/table-files.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { BestPracticeDetail } from './best-practice.service.ts';
import type { LegalMatrix, LegislationDetail, MatrixAct, Topic } from './legislation.service.ts';

type Named = { id: string; key: string; name: Record<string, string> };
const named = (i18n: Translator, a: Named) => ({ id: a.id, key: a.key, name: i18n.pick(a.name) });
const text = (i18n: Translator, value: Record<string, string>) =>
  Object.keys(value).length > 0 ? i18n.pick(value) : null;

export const bestPracticeHref = (id: string) => `/library/best-practices/${id}`;
export const legislationHref = (id: string) => `/library/legislation/${id}`;

export function presentBestPracticeSummary(i18n: Translator, p: typeof bestPractices.$inferSelect, actor: Named) {
  return {
    id: p.id,
    title: i18n.pick(p.title),
    titles: p.title,
    language: p.language,
    state: p.state,
    visibility: p.visibility,
    href: bestPracticeHref(p.id),
    actor: named(i18n, actor),
    summary: text(i18n, p.summary),
    periodStart: p.periodStart,
    periodEnd: p.periodEnd,
    source: p.source,
  };
}

export function presentBestPractice(i18n: Translator, detail: BestPracticeDetail) {
  const p = detail.practice;
  return {
    ...presentBestPracticeSummary(i18n, p, detail.actor),
    done: text(i18n, p.done),
    results: text(i18n, p.results),
    report: detail.report ? { id: detail.report.id, period: detail.report.period } : null,
    meeting: detail.meeting ? { id: detail.meeting.id, title: detail.meeting.title } : null,
    items: detail.items.map((item) => ({ id: item.id, code: item.code, text: item.text })),
    documents: detail.documents.map((d) => ({ id: d.id, title: i18n.pick(d.title) })),
  };
}

export function presentLegislation(
  i18n: Translator,
  act: typeof legislation.$inferSelect,
  country: Named,
  topics: Topic[],
  document: { id: string; title: Record<string, string> } | null = null,
) {
  return {
    id: act.id,
    title: i18n.pick(act.title),
    titles: act.title,
    language: act.language,
    state: act.state,
    visibility: act.visibility,
    href: legislationHref(act.id),
    country: named(i18n, country),
    kind: act.kind,
    number: act.number,
    adoptedOn: act.adoptedOn,
    status: act.status,
    amendedBy: act.amendedBy,
    topics: topics.filter((t) => act.topics.includes(t.key)).map((t) => ({ key: t.key, name: i18n.pick(t.name) })),
    url: act.url,
    document: document ? { id: document.id, title: i18n.pick(document.title) } : null,
  };
}

export const presentLegislationDetail = (i18n: Translator, d: LegislationDetail) =>
  presentLegislation(i18n, d.act, d.country, d.topics, d.document);

/** An act as a cell of the matrix names it: "Decreto 9-2009 — Ley contra la Trata… (2009)", and whether it still holds. */
export function actLabel(i18n: Translator, act: MatrixAct): string {
  const year = act.adoptedOn ? ` (${act.adoptedOn.slice(0, 4)})` : '';
  const status =
    act.status === 'in_force'
      ? ''
      : ` [${i18n.t(`legislation.status.${act.status as 'amended'}`)}${act.amendedBy ? `: ${act.amendedBy}` : ''}]`;
  // The number is cited with its kind ("Decreto 9-2009", "Ley 8764"); the kind is in the acts' sheet.
  return `${act.number ? `${act.number} — ` : ''}${i18n.pick(act.title)}${year}${status}`;
}

/** The matrix as a file: the countries × topics sheet, and a sheet with each act's details. */
export function matrixFile(i18n: Translator, matrix: LegalMatrix, generatedOn: Date): TableFile {
  const { t } = i18n;
  const topicNames = matrix.topics.map((topic) => i18n.pick(topic.name));
  const acts = new Map<string, { country: string; act: MatrixAct; topics: string[] }>();
  for (const line of matrix.countries)
    for (const [key, list] of Object.entries(line.cells))
      for (const act of list) {
        const entry = acts.get(act.id) ?? { country: i18n.pick(line.country.name), act, topics: [] };
        entry.topics.push(i18n.pick(matrix.topics.find((topic) => topic.key === key)?.name ?? {}));
        acts.set(act.id, entry);
      }
  return {
    title: t('legislation.matrix.title'),
    lines: [
      matrix.updatedAt
        ? t('legislation.matrix.updated', { date: i18n.date(matrix.updatedAt) })
        : t('legislation.matrix.noActs'),
      t('legislation.matrix.generated', { date: i18n.date(generatedOn) }),
    ],
    sheets: [
      {
        name: t('legislation.matrix.sheet'),
        headers: [t('legislation.field.country'), ...topicNames],
        widths: [22, ...topicNames.map(() => 34)],
        rows: matrix.countries.map((line) => [
          i18n.pick(line.country.name),
          ...matrix.topics.map((topic) => (line.cells[topic.key] ?? []).map((act) => actLabel(i18n, act)).join('\n')),
        ]),
      },
      {
        name: t('legislation.matrix.actsSheet'),
        headers: [
          t('legislation.field.country'),
          t('legislation.field.title'),
          t('legislation.field.kind'),
          t('legislation.field.number'),
          t('legislation.field.adoptedOn'),
          t('legislation.field.status'),
          t('legislation.field.amendedBy'),
          t('legislation.field.topics'),
          t('legislation.field.url'),
        ],
        widths: [22, 48, 16, 18, 14, 14, 30, 36, 40],
        rows: [...acts.values()].map(({ country, act, topics }) => [
          country,
          i18n.pick(act.title),
          t(`legislation.kind.${act.kind as 'law'}`),
          act.number ?? '',
          act.adoptedOn ?? '',
          t(`legislation.status.${act.status as 'amended'}`),
          act.amendedBy ?? '',
          topics.join('; '),
          act.url ?? '',
        ]),
      },
    ],
  };
}
