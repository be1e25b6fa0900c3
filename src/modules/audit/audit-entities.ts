/**
 * What the audit trail's entries are about, by name instead of id: a cycle
 * as its programme and period, a report as its actor and cycle, an item by
 * its code, a meeting by its title, a person by name; with a link where the
 * thing has a page. One query per kind of thing on a page of entries.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  agreements,
  apiTokens,
  bestPractices,
  cycles,
  documents,
  items,
  legislation,
  meetings,
  programmes,
  reports,
  users,
} from '../../db/schema/index.ts';
import { shorten } from '../../domain/shorten.ts';
import type { Translator } from '../../web/i18n/i18n.ts';

export type EntityName = { label: string; href?: string | undefined };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Names keyed `type:id` for the entries given; an entry whose thing is gone (or unknown) has none. */
export async function entityNames(
  db: Db,
  entries: readonly { entityType: string; entityId: string }[],
  i18n: Translator,
): Promise<Map<string, EntityName>> {
  const idsOf = (type: string) => [
    ...new Set(entries.filter((e) => e.entityType === type && UUID.test(e.entityId)).map((e) => e.entityId)),
  ];
  const names = new Map<string, EntityName>();
  const put = (type: string, id: string, name: EntityName) => names.set(`${type}:${id}`, name);
  const some = <T>(ids: string[], load: (ids: string[]) => Promise<T[]>) =>
    ids.length > 0 ? load(ids) : Promise.resolve([]);
  const [
    cycleRows,
    reportRows,
    itemRows,
    meetingRows,
    agreementRows,
    programmeRows,
    userRows,
    tokenRows,
    documentRows,
    practiceRows,
    actRows,
  ] = await Promise.all([
    some(idsOf('cycle'), (ids) =>
      db
        .select({ id: cycles.id, period: cycles.period, programme: programmes.shortTitle })
        .from(cycles)
        .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
        .where(inArray(cycles.id, ids)),
    ),
    some(idsOf('report'), (ids) =>
      db
        .select({ id: reports.id, actor: actors.name, period: cycles.period })
        .from(reports)
        .innerJoin(actors, eq(actors.id, reports.actorId))
        .innerJoin(cycles, eq(cycles.id, reports.cycleId))
        .where(inArray(reports.id, ids)),
    ),
    some(idsOf('item'), (ids) =>
      db
        .select({ id: items.id, code: items.code, programme: programmes.shortTitle })
        .from(items)
        .innerJoin(programmes, eq(programmes.id, items.programmeId))
        .where(inArray(items.id, ids)),
    ),
    some(idsOf('meeting'), (ids) =>
      db.select({ id: meetings.id, title: meetings.title }).from(meetings).where(inArray(meetings.id, ids)),
    ),
    some(idsOf('agreement'), (ids) =>
      db
        .select({ id: agreements.id, text: agreements.text, meetingId: agreements.meetingId })
        .from(agreements)
        .where(inArray(agreements.id, ids)),
    ),
    some(idsOf('programme'), (ids) =>
      db
        .select({ id: programmes.id, slug: programmes.slug, title: programmes.shortTitle })
        .from(programmes)
        .where(inArray(programmes.id, ids)),
    ),
    some(idsOf('user'), (ids) =>
      db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, ids)),
    ),
    some(idsOf('api_token'), (ids) =>
      db.select({ id: apiTokens.id, name: apiTokens.name }).from(apiTokens).where(inArray(apiTokens.id, ids)),
    ),
    some(idsOf('document'), (ids) =>
      db.select({ id: documents.id, title: documents.title }).from(documents).where(inArray(documents.id, ids)),
    ),
    some(idsOf('best_practice'), (ids) =>
      db
        .select({ id: bestPractices.id, title: bestPractices.title })
        .from(bestPractices)
        .where(inArray(bestPractices.id, ids)),
    ),
    some(idsOf('legislation'), (ids) =>
      db
        .select({ id: legislation.id, title: legislation.title, number: legislation.number })
        .from(legislation)
        .where(inArray(legislation.id, ids)),
    ),
  ]);
  for (const c of cycleRows)
    put('cycle', c.id, { label: `${i18n.pick(c.programme)} ${c.period}`, href: `/cycles/${c.id}` });
  for (const r of reportRows)
    put('report', r.id, { label: `${i18n.pick(r.actor)} — ${r.period}`, href: `/reports/${r.id}` });
  for (const it of itemRows)
    put('item', it.id, { label: `${it.code} (${i18n.pick(it.programme)})`, href: `/items/${it.id}` });
  for (const m of meetingRows) put('meeting', m.id, { label: m.title, href: `/meetings/${m.id}` });
  for (const a of agreementRows)
    put('agreement', a.id, { label: `«${shorten(a.text, 80)}»`, href: `/meetings/${a.meetingId}` });
  for (const p of programmeRows)
    put('programme', p.id, { label: i18n.pick(p.title, p.slug), href: `/programmes/${p.slug}` });
  for (const u of userRows) put('user', u.id, { label: u.name, href: `/admin/users/${u.id}` });
  for (const t of tokenRows) put('api_token', t.id, { label: `«${t.name}»` });
  for (const d of documentRows)
    put('document', d.id, { label: `«${shorten(i18n.pick(d.title), 80)}»`, href: `/library/documents/${d.id}` });
  for (const p of practiceRows)
    put('best_practice', p.id, {
      label: `«${shorten(i18n.pick(p.title), 80)}»`,
      href: `/library/best-practices/${p.id}`,
    });
  for (const a of actRows)
    put('legislation', a.id, {
      label: `«${shorten([a.number, i18n.pick(a.title)].filter(Boolean).join(' — '), 80)}»`,
      href: `/library/legislation/${a.id}`,
    });
  return names;
}
