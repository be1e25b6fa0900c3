/** Gathers a cycle's data for the progress views, the matrix and the consolidated report. */
import { and, asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  cycles,
  itemLinks,
  items,
  programmeLevels,
  programmes,
  reportEntries,
  reports,
} from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { canSeeCycle } from '../../domain/cycle.policy.ts';
import {
  activityStatuses,
  type ProgressInput,
  progressByActor,
  progressByObjective,
  statusesKnown,
  sumBy,
  totalsOf,
} from '../../domain/progress.ts';
import { summarizeStatuses } from '../../domain/status.ts';
import { notFound } from '../../errors.ts';
import { addresseesOf } from '../reporting/addressees.ts';
import { addressedActors, getCycle } from '../reporting/cycle.service.ts';

/** Levels progress is rolled up by: objectives and themes; for a plan without them, its top level. */
export const isObjectiveLevel = (key: string) => /objective|theme/.test(key);
export function rollUpLevels(levelKeys: string[]): string[] {
  const objectives = levelKeys.filter(isObjectiveLevel);
  return objectives.length > 0 ? objectives : levelKeys.slice(0, 1);
}

export type ProgressScope = 'accepted' | 'all';

/**
 * The cycle's progress. A published edition counts accepted reports only;
 * the secretariat's working view counts every entry.
 */
export async function cycleProgress(db: Db, cycleId: string, principal: Principal | null, scope: ProgressScope) {
  const { cycle, programme } = await getCycle(db, cycleId, principal);
  const [itemRows, levels, linkRows, addressed, reportRows] = await Promise.all([
    db
      .select({
        id: items.id,
        code: items.code,
        text: items.text,
        levelKey: items.levelKey,
        parentId: items.parentId,
        ordinal: items.ordinal,
        status: items.status,
      })
      .from(items)
      .where(eq(items.programmeId, programme.id)),
    db
      .select()
      .from(programmeLevels)
      .where(eq(programmeLevels.programmeId, programme.id))
      .orderBy(asc(programmeLevels.position)),
    db
      .select({ from: itemLinks.fromItemId, to: itemLinks.toItemId })
      .from(itemLinks)
      .innerJoin(items, eq(items.id, itemLinks.fromItemId))
      .where(and(eq(items.programmeId, programme.id), eq(itemLinks.kind, 'serves'))),
    addressedActors(db, cycleId),
    db.select().from(reports).where(eq(reports.cycleId, cycleId)),
  ]);
  const counted = reportRows.filter((r) => scope === 'all' || r.state === 'accepted');
  const entryRows = counted.length
    ? await db
        .select({
          reportId: reportEntries.reportId,
          itemId: reportEntries.itemId,
          status: reportEntries.statusAssessment,
          carriedOut: reportEntries.carriedOut,
          planned: reportEntries.planned,
        })
        .from(reportEntries)
        .where(
          inArray(
            reportEntries.reportId,
            counted.map((r) => r.id),
          ),
        )
    : [];
  const actorOfReport = new Map(reportRows.map((r) => [r.id, r.actorId]));
  const addresseeItems = await addresseesOf(db, programme.id, cycle.opensAt);
  const addressedIds = new Set(addressed.map((a) => a.id));
  const input: ProgressInput = {
    items: itemRows,
    links: linkRows,
    objectiveLevels: rollUpLevels(levels.map((l) => l.key)),
    rollUp: levels.some((l) => isObjectiveLevel(l.key)) ? 'objectives' : 'sections',
    assigned: addresseeItems
      .filter((a) => addressedIds.has(a.actorId))
      .flatMap((a) => a.itemIds.map((itemId) => ({ itemId, actorId: a.actorId }))),
    entries: entryRows.flatMap((e) =>
      e.itemId
        ? [
            {
              actorId: actorOfReport.get(e.reportId) ?? '',
              itemId: e.itemId,
              status: e.status,
              hasText: e.carriedOut !== '' || e.planned !== '',
            },
          ]
        : [],
    ),
  };
  const statuses = activityStatuses(input);
  const objectives = progressByObjective(input);
  const byActor = progressByActor(input);
  const typeOf = new Map(addressed.map((a) => [a.id, a.type]));
  const totals = totalsOf(input, statuses);
  return {
    cycle,
    programme,
    levels,
    items: itemRows,
    input,
    statuses,
    objectives,
    totals,
    assessed: statusesKnown(totals.counts),
    actors: addressed.map((a) => ({
      ...a,
      report: reportRows.find((r) => r.actorId === a.id) ?? null,
      progress: byActor.get(a.id) ?? null,
    })),
    byType: sumBy([...byActor.values()], (id) => typeOf.get(id) ?? 'other'),
  };
}

/** The cycles of a programme the caller may see, oldest first, for trends. */
export async function programmeCycles(db: Db, programmeId: string, principal: Principal | null) {
  const rows = await db.select().from(cycles).where(eq(cycles.programmeId, programmeId)).orderBy(asc(cycles.period));
  return rows.filter((c) => canSeeCycle(principal, c.state));
}

export async function programmeOf(db: Db, cycleId: string) {
  const [row] = await db
    .select({ programme: programmes })
    .from(cycles)
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
    .where(eq(cycles.id, cycleId));
  return row?.programme;
}

/** Coverage and progress of every cycle of a programme the caller may see, oldest first. */
export async function programmeTrends(db: Db, slug: string, principal: Principal | null, scope: ProgressScope) {
  const [programme] = await db.select().from(programmes).where(eq(programmes.slug, slug));
  if (!programme) throw notFound('programme');
  const rows = [];
  for (const cycle of await programmeCycles(db, programme.id, principal)) {
    const p = await cycleProgress(db, cycle.id, principal, scope);
    const reports = p.actors.filter((a) => a.report);
    const live = [...p.statuses.values()];
    const summary = summarizeStatuses(live);
    rows.push({
      cycle: { id: cycle.id, period: cycle.period, state: cycle.state },
      reports: reports.length,
      accepted: reports.filter((a) => a.report?.state === 'accepted').length,
      covered: p.totals.covered,
      assigned: p.totals.assigned,
      counts: p.totals.counts,
      progress: summary.progress,
    });
  }
  return { programme, rows };
}
