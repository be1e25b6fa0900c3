/**
 * The library's first best practices (data/best-practices/*.yaml): those the
 * bundled sources describe, published and public, each linked to the report
 * or meeting that told it, the programme items it serves and the documents
 * about it. Each is added once: one already there (perhaps edited since) is
 * left as it is.
 */
import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  bestPracticeDocuments,
  bestPracticeItems,
  bestPractices,
  documents,
  items,
  meetings,
  reports,
} from '../../db/schema/index.ts';
import { stableId } from '../../db/stable-id.ts';
import { AppError } from '../../errors.ts';
import type { BestPracticesFile } from './bundled-data.schema.ts';

const invalid = (detail: string) => new AppError('bundled_data_invalid', 500, 'error.bundledDataInvalid', { detail });

type Practice = BestPracticesFile['bestPractices'][number];

/** The ids a record links to, every one checked to exist, or an error naming the file and the record. */
async function resolveLinks(tx: Db, name: string, p: Practice) {
  const fail = (what: string) => invalid(`${name}: ${p.key}: ${what}`);
  const [actor] = await tx.select({ id: actors.id }).from(actors).where(eq(actors.key, p.actor));
  if (!actor) throw fail(`unknown actor ${p.actor}`);
  let report: { id: string; acceptedAt: Date | null } | undefined;
  if (p.report) {
    [report] = await tx
      .select({ id: reports.id, acceptedAt: reports.acceptedAt })
      .from(reports)
      .where(eq(reports.id, stableId('report', p.report.programme, p.report.period, p.actor)));
    if (!report) throw fail(`no report by ${p.actor} in the cycle ${p.report.programme} ${p.report.period}`);
  }
  const meetingId = p.meeting ? stableId('meeting', p.meeting) : null;
  if (meetingId) {
    const [meeting] = await tx.select({ id: meetings.id }).from(meetings).where(eq(meetings.id, meetingId));
    if (!meeting) throw fail(`unknown meeting ${p.meeting}`);
  }
  const itemIds = [...new Set(p.items.map((ref) => stableId('item', ref.programme, ref.item)))];
  const foundItems = itemIds.length
    ? await tx.select({ id: items.id }).from(items).where(inArray(items.id, itemIds))
    : [];
  for (const ref of p.items)
    if (!foundItems.some((i) => i.id === stableId('item', ref.programme, ref.item)))
      throw fail(`unknown item ${ref.programme} ${ref.item}`);
  const documentIds = [...new Set(p.documents.map((key) => stableId('document', key)))];
  const foundDocuments = documentIds.length
    ? await tx.select({ id: documents.id }).from(documents).where(inArray(documents.id, documentIds))
    : [];
  for (const key of p.documents)
    if (!foundDocuments.some((d) => d.id === stableId('document', key))) throw fail(`unknown document ${key}`);
  return { actorId: actor.id, report, meetingId, itemIds, documentIds };
}

export async function insertBestPractices(tx: Db, name: string, file: BestPracticesFile): Promise<void> {
  // Every record is checked before any is written: a wrong one leaves the file unloaded.
  const resolved = [];
  for (const p of file.bestPractices) resolved.push({ p, links: await resolveLinks(tx, name, p) });
  for (const { p, links } of resolved) {
    const id = stableId('best-practice', p.key);
    const inserted = await tx
      .insert(bestPractices)
      .values({
        id,
        actorId: links.actorId,
        language: p.language,
        title: p.title,
        summary: p.summary ?? {},
        done: p.done,
        results: p.results ?? {},
        periodStart: p.periodStart ?? null,
        periodEnd: p.periodEnd ?? null,
        source: p.source,
        reportId: links.report?.id ?? null,
        meetingId: links.meetingId,
        state: 'published',
        visibility: p.visibility,
        // Published when the report that told it was: the cycle's publication.
        publishedAt: links.report?.acceptedAt ?? new Date(),
      })
      .onConflictDoNothing()
      .returning({ id: bestPractices.id });
    if (inserted.length === 0) continue;
    if (links.itemIds.length > 0)
      await tx.insert(bestPracticeItems).values(links.itemIds.map((itemId) => ({ bestPracticeId: id, itemId })));
    if (links.documentIds.length > 0)
      await tx
        .insert(bestPracticeDocuments)
        .values(links.documentIds.map((documentId) => ({ bestPracticeId: id, documentId })));
  }
}
