/** Historical reporting cycles transcribed from published annual reports (data/cycles/*.yaml). */
import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  cycleActors,
  cycles,
  items,
  programmes,
  REPORT_SECTIONS,
  reportEntries,
  reportSections,
  reports,
} from '../../db/schema/index.ts';
import { stableId } from '../../db/stable-id.ts';
import { ADDITIONAL_ACTORS } from '../../domain/consolidated-report.ts';
import { AppError } from '../../errors.ts';
import { sanitizeRichText } from '../reporting/rich-text.ts';
import type { CycleFile } from './bundled-data.schema.ts';

const invalid = (detail: string) => new AppError('bundled_data_invalid', 500, 'error.bundledDataInvalid', { detail });

/** Writes a published cycle with one accepted report per actor, the first time it is seen. */
export async function insertCycle(tx: Db, file: CycleFile): Promise<void> {
  const [programme] = await tx.select().from(programmes).where(eq(programmes.slug, file.programme));
  if (!programme) throw invalid(`cycle ${file.period}: unknown programme ${file.programme}`);
  const id = stableId('cycle', file.programme, file.period);
  const [existing] = await tx
    .select({ id: cycles.id })
    .from(cycles)
    .where(and(eq(cycles.programmeId, programme.id), eq(cycles.period, file.period)));
  if (existing) return;
  const keys = [...new Set(file.reports.map((r) => r.actor))];
  const found = await tx.select({ id: actors.id, key: actors.key }).from(actors).where(inArray(actors.key, keys));
  const actorId = new Map(found.map((a) => [a.key, a.id]));
  const codes = await tx
    .select({ id: items.id, code: items.code })
    .from(items)
    .where(eq(items.programmeId, programme.id));
  const itemId = new Map(codes.map((i) => [i.code, i.id]));
  const groups = file.reports.flatMap((r) => (r.group && r.group !== ADDITIONAL_ACTORS ? [r.group] : []));
  const groupActors = groups.length
    ? await tx.select({ key: actors.key }).from(actors).where(inArray(actors.key, groups))
    : [];
  for (const r of file.reports) {
    if (!actorId.has(r.actor)) throw invalid(`cycle ${file.period}: unknown actor ${r.actor}`);
    if (r.group && r.group !== ADDITIONAL_ACTORS && !groupActors.some((g) => g.key === r.group))
      throw invalid(`cycle ${file.period}: unknown group ${r.group}`);
    for (const e of r.entries)
      if (e.item && !itemId.has(e.item)) throw invalid(`cycle ${file.period}: unknown item ${e.item}`);
  }
  const published = new Date(`${file.deadline}T00:00:00Z`);
  await tx.insert(cycles).values({
    id,
    programmeId: programme.id,
    period: file.period,
    opensAt: file.opensAt,
    deadline: file.deadline,
    state: 'published',
    title: file.title,
    introduction: file.introduction ?? null,
    background: file.background ?? null,
    conclusion: file.conclusion ?? null,
    source: file.source,
    openedAt: new Date(`${file.opensAt}T00:00:00Z`),
    closedAt: published,
    publishedAt: published,
  });
  const rich = (text: string | undefined) => (text ? sanitizeRichText(text) : '');
  for (const [position, r] of file.reports.entries()) {
    const reportId = stableId('report', file.programme, file.period, r.actor);
    const actor = actorId.get(r.actor) as string;
    await tx.insert(cycleActors).values({ cycleId: id, actorId: actor, position, chapterGroup: r.group ?? null });
    await tx.insert(reports).values({
      id: reportId,
      cycleId: id,
      actorId: actor,
      state: 'accepted',
      version: 1,
      heading: r.heading ?? null,
      submittedAt: published,
      approvedAt: published,
      acceptedAt: published,
    });
    if (r.entries.length > 0) {
      await tx.insert(reportEntries).values(
        r.entries.map((e, index) => ({
          id: stableId('entry', reportId, String(index)),
          reportId,
          itemId: e.item ? (itemId.get(e.item) ?? null) : null,
          position: index,
          mandate: e.mandate ? rich(e.mandate) : null,
          carriedOut: rich(e.carriedOut),
          planned: rich(e.planned),
        })),
      );
    }
    await tx
      .insert(reportSections)
      .values(REPORT_SECTIONS.map((key) => ({ reportId, key, body: rich(r.sections[key]) })));
  }
}
