/** Reporting cycles: created and opened by the secretariat, closed after the deadline, published. */

import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  cycleActors,
  cycles,
  programmes,
  REPORT_SECTIONS,
  reportEntries,
  reportSections,
  reports,
} from '../../db/schema/index.ts';
import { canReadPrivate, type Principal } from '../../domain/authz.ts';
import { ADDITIONAL_ACTORS } from '../../domain/consolidated-report.ts';
import { canSeeCycle } from '../../domain/cycle.policy.ts';
import { checkCycleTransition } from '../../domain/cycle-workflow.ts';
import { daysToDeadline } from '../../domain/report-workflow.ts';
import { EXPANDABLE_ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { followCycleInLibrary } from '../library/document-sources.service.ts';
import { actorTypeRank, addresseesOf } from './addressees.ts';
import { notifyCycleOpened } from './report-notifications.ts';
import type { CreateCycleInput, UpdateCycleInput } from './reporting.schema.ts';

export type CycleRow = typeof cycles.$inferSelect;

const fieldError = (field: string, messageKey: string) =>
  new AppError('invalid_input', 400, 'error.invalidInput', { fields: [{ field, messageKey }] });

/** Anonymous visitors see published cycles; anyone with a grant sees them all. */
export async function listCycles(db: Db, principal: Principal | null) {
  const query = db
    .select({
      cycle: cycles,
      programme: { slug: programmes.slug, title: programmes.title, shortTitle: programmes.shortTitle },
    })
    .from(cycles)
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
    .orderBy(desc(cycles.period), asc(programmes.slug));
  const rows = canReadPrivate(principal) ? await query : await query.where(eq(cycles.state, 'published'));
  return rows;
}

/** A cycle the caller may see; others are "not found" so their existence does not leak. */
export async function getCycle(db: Db, id: string, principal: Principal | null) {
  const [row] = await db
    .select({ cycle: cycles, programme: programmes })
    .from(cycles)
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
    .where(eq(cycles.id, id));
  if (!row || !canSeeCycle(principal, row.cycle.state)) throw notFound('cycle');
  return row;
}

export async function createCycle(db: Db, input: CreateCycleInput, by: Principal) {
  return db.transaction(async (tx) => {
    const [programme] = await tx.select().from(programmes).where(eq(programmes.slug, input.programme));
    if (!programme) throw fieldError('programme', 'error.field.unknownProgramme');
    const [existing] = await tx
      .select({ id: cycles.id })
      .from(cycles)
      .where(and(eq(cycles.programmeId, programme.id), eq(cycles.period, input.period)));
    if (existing) {
      throw new AppError('cycle_exists', 409, 'error.cycleExists', {
        fields: [{ field: 'period', messageKey: 'error.field.cycleExists' }],
      });
    }
    let actorIds: string[];
    if (input.actorIds) {
      const found = await tx
        .select({ id: actors.id, type: actors.type })
        .from(actors)
        .where(inArray(actors.id, input.actorIds));
      const index = input.actorIds.findIndex(
        (id) => !found.some((f) => f.id === id && !EXPANDABLE_ACTOR_TYPES.includes(f.type)),
      );
      if (index >= 0) throw fieldError(`actorIds.${index}`, 'error.field.unknownActor');
      actorIds = [...new Set(input.actorIds)];
    } else {
      actorIds = (await addresseesOf(tx, programme.id, input.opensAt)).map((a) => a.actorId);
    }
    const id = crypto.randomUUID();
    await tx.insert(cycles).values({
      id,
      programmeId: programme.id,
      period: input.period,
      opensAt: input.opensAt,
      deadline: input.deadline,
      state: 'draft',
      createdBy: by.userId,
    });
    if (actorIds.length > 0)
      await tx.insert(cycleActors).values(actorIds.map((actorId, position) => ({ cycleId: id, actorId, position })));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'cycle.create',
      entityType: 'cycle',
      entityId: id,
      after: { ...input, actorIds },
    });
    return { id };
  });
}

async function lockCycle(tx: Db, id: string) {
  const [cycle] = await tx.select().from(cycles).where(eq(cycles.id, id)).for('update');
  if (!cycle) throw notFound('cycle');
  return cycle;
}

const wrongCycleState = () => new AppError('cycle_state', 409, 'error.cycleState');

/** Opens a cycle: one report per addressed actor, pre-filled with the items assigned to it. */
export async function openCycle(db: Db, id: string, by: Principal) {
  return db.transaction(async (tx) => {
    const cycle = await lockCycle(tx, id);
    if (!checkCycleTransition('open', cycle.state).ok) throw wrongCycleState();
    const addressed = await tx
      .select()
      .from(cycleActors)
      .where(eq(cycleActors.cycleId, id))
      .orderBy(asc(cycleActors.position));
    const assigned = new Map(
      (await addresseesOf(tx, cycle.programmeId, cycle.opensAt)).map((a) => [a.actorId, a.itemIds]),
    );
    for (const { actorId } of addressed) {
      const reportId = crypto.randomUUID();
      await tx.insert(reports).values({ id: reportId, cycleId: id, actorId, state: 'draft', version: 1 });
      const itemIds = assigned.get(actorId) ?? [];
      if (itemIds.length > 0) {
        await tx
          .insert(reportEntries)
          .values(itemIds.map((itemId, position) => ({ id: crypto.randomUUID(), reportId, itemId, position })));
      }
      await tx.insert(reportSections).values(REPORT_SECTIONS.map((key) => ({ reportId, key, body: '' })));
    }
    await tx.update(cycles).set({ state: 'open', openedAt: new Date() }).where(eq(cycles.id, id));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'cycle.open',
      entityType: 'cycle',
      entityId: id,
      before: { state: 'draft' },
      after: { state: 'open', reports: addressed.length },
    });
    await notifyCycleOpened(tx, id);
    return { reports: addressed.length };
  });
}

/** What a step of the cycle would touch, for the page that asks before taking it: addressees and reports by state. */
export async function cycleStepPreview(db: Db, id: string) {
  const [[addressed], states] = await Promise.all([
    db.select({ n: sql<number>`count(*)::int` }).from(cycleActors).where(eq(cycleActors.cycleId, id)),
    db
      .select({ state: reports.state, n: sql<number>`count(*)::int` })
      .from(reports)
      .where(eq(reports.cycleId, id))
      .groupBy(reports.state),
  ]);
  const count = (...wanted: string[]) =>
    states.filter((s) => wanted.includes(s.state)).reduce((sum, s) => sum + s.n, 0);
  return {
    addressed: addressed?.n ?? 0,
    total: count('draft', 'returned', 'submitted', 'approved', 'accepted'),
    unsent: count('draft', 'returned'),
    pending: count('submitted', 'approved'),
    accepted: count('accepted'),
  };
}

export async function changeCycleState(db: Db, id: string, to: 'closed' | 'published', by: Principal) {
  return db.transaction(async (tx) => {
    const cycle = await lockCycle(tx, id);
    if (!checkCycleTransition(to === 'closed' ? 'close' : 'publish', cycle.state).ok) throw wrongCycleState();
    const stamp = to === 'closed' ? { closedAt: new Date() } : { publishedAt: new Date() };
    await tx
      .update(cycles)
      .set({ state: to, ...stamp })
      .where(eq(cycles.id, id));
    // Its reports' evidence in the library becomes public with the cycle.
    await followCycleInLibrary(tx, id);
    await recordAudit(tx, {
      userId: by.userId,
      action: `cycle.${to === 'closed' ? 'close' : 'publish'}`,
      entityType: 'cycle',
      entityId: id,
      before: { state: cycle.state },
      after: { state: to },
    });
  });
}

/**
 * Takes a cycle one step back, with the reason in the audit log: a closed
 * cycle is open again (its reports editable until it closes again), a
 * published one is closed again (out of the public pages until published).
 */
export async function undoCycleStep(db: Db, id: string, action: 'reopen' | 'unpublish', reason: string, by: Principal) {
  return db.transaction(async (tx) => {
    const cycle = await lockCycle(tx, id);
    const check = checkCycleTransition(action, cycle.state);
    if (!check.ok) throw wrongCycleState();
    await tx
      .update(cycles)
      .set({ state: check.to, ...(action === 'reopen' ? { closedAt: null } : { publishedAt: null }) })
      .where(eq(cycles.id, id));
    // Unpublished, its reports' evidence is the secretariat's again in the library.
    await followCycleInLibrary(tx, id);
    await recordAudit(tx, {
      userId: by.userId,
      action: `cycle.${action}`,
      entityType: 'cycle',
      entityId: id,
      before: { state: cycle.state },
      after: { state: check.to, reason },
    });
  });
}

/** The secretariat's board: every addressed actor, its report's state, days to or past the deadline, last activity. */
export async function cycleBoard(db: Db, cycleId: string, onDate: string = today()) {
  const [cycle] = await db.select().from(cycles).where(eq(cycles.id, cycleId));
  if (!cycle) throw notFound('cycle');
  const rows = await db
    .select({
      report: {
        id: reports.id,
        state: reports.state,
        late: reports.late,
        updatedAt: reports.updatedAt,
        submittedAt: reports.submittedAt,
        version: reports.version,
      },
      actor: { id: actors.id, key: actors.key, type: actors.type, name: actors.name, acronym: actors.acronym },
      entries: sql<number>`(select count(*)::int from report_entries e where e.report_id = ${reports.id})`,
      filled: sql<number>`(select count(*)::int from report_entries e where e.report_id = ${reports.id} and (e.carried_out <> '' or e.planned <> ''))`,
    })
    .from(reports)
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .where(eq(reports.cycleId, cycleId));
  rows.sort(
    (a, b) =>
      actorTypeRank(a.actor.type) - actorTypeRank(b.actor.type) ||
      (a.actor.name.es ?? '').localeCompare(b.actor.name.es ?? '', 'es'),
  );
  return { cycle, daysLeft: daysToDeadline(cycle.deadline, onDate), rows };
}

/** The actors a cycle addresses, in the order of their chapters, with the group each is printed under. */
export async function addressedActors(db: Db, cycleId: string) {
  return db
    .select({
      id: actors.id,
      key: actors.key,
      type: actors.type,
      name: actors.name,
      acronym: actors.acronym,
      iso: actors.iso,
      position: cycleActors.position,
      chapterGroup: cycleActors.chapterGroup,
    })
    .from(cycleActors)
    .innerJoin(actors, eq(actors.id, cycleActors.actorId))
    .where(eq(cycleActors.cycleId, cycleId))
    .orderBy(asc(cycleActors.position));
}

/** The texts the consolidated report prints before and after the chapters, its document block and its paper. */
export async function updateCycleTexts(db: Db, id: string, input: UpdateCycleInput, by: Principal) {
  return db.transaction(async (tx) => {
    const cycle = await lockCycle(tx, id);
    const title = input.title ? Object.fromEntries(Object.entries(input.title).filter(([, v]) => v)) : undefined;
    const next = {
      ...(title !== undefined ? { title: Object.keys(title).length > 0 ? title : null } : {}),
      ...(input.introduction !== undefined ? { introduction: input.introduction.trim() || null } : {}),
      ...(input.background !== undefined ? { background: input.background.trim() || null } : {}),
      ...(input.conclusion !== undefined ? { conclusion: input.conclusion.trim() || null } : {}),
      ...(input.documentSymbol !== undefined ? { documentSymbol: input.documentSymbol.trim() || null } : {}),
      ...(input.documentDate !== undefined ? { documentDate: input.documentDate || null } : {}),
      ...(input.paper !== undefined ? { paper: input.paper } : {}),
    };
    if (Object.keys(next).length === 0) return;
    await tx.update(cycles).set(next).where(eq(cycles.id, id));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'cycle.texts',
      entityType: 'cycle',
      entityId: id,
      before: {
        title: cycle.title,
        introduction: cycle.introduction,
        background: cycle.background,
        conclusion: cycle.conclusion,
        documentSymbol: cycle.documentSymbol,
        documentDate: cycle.documentDate,
        paper: cycle.paper,
      },
      after: next,
    });
  });
}

/**
 * What a chapter can be printed under: the actors others belong to (the
 * OAS secretariats, SEDI, SAJ, SSM…); the additional actors are a choice of their own.
 */
export async function chapterGroupChoices(db: Db) {
  const parents = await db
    .selectDistinct({ key: actors.key, name: actors.name, acronym: actors.acronym, type: actors.type })
    .from(actors)
    .where(inArray(actors.id, db.select({ id: actors.parentId }).from(actors)));
  return parents;
}

/**
 * The order of the chapters, a permutation of the cycle's addressed actors,
 * and the groups the secretariat prints some of them under (by actor id:
 * an actor's key, `additional`, or null for none; actors left out keep theirs).
 */
export async function orderChapters(
  db: Db,
  id: string,
  actorIds: string[],
  by: Principal,
  groups: Record<string, string | null> = {},
) {
  return db.transaction(async (tx) => {
    await lockCycle(tx, id);
    const current = await tx
      .select()
      .from(cycleActors)
      .where(eq(cycleActors.cycleId, id))
      .orderBy(asc(cycleActors.position));
    const known = new Set(current.map((c) => c.actorId));
    const index = actorIds.findIndex((a) => !known.has(a));
    if (index >= 0) throw fieldError(`actorIds.${index}`, 'error.field.unknownActor');
    if (new Set(actorIds).size !== actorIds.length || actorIds.length !== current.length) {
      throw fieldError('actorIds', 'error.field.orderIncomplete');
    }
    const named = [...new Set(Object.values(groups).filter((g): g is string => g !== null && g !== ADDITIONAL_ACTORS))];
    const existing = named.length
      ? new Set((await tx.select({ key: actors.key }).from(actors).where(inArray(actors.key, named))).map((a) => a.key))
      : new Set<string>();
    for (const [actorId, group] of Object.entries(groups)) {
      if (!known.has(actorId)) throw fieldError(`groups.${actorId}`, 'error.field.unknownActor');
      if (group !== null && group !== ADDITIONAL_ACTORS && !existing.has(group))
        throw fieldError(`groups.${actorId}`, 'error.field.unknownGroup');
    }
    for (const [position, actorId] of actorIds.entries()) {
      const group = groups[actorId];
      await tx
        .update(cycleActors)
        .set({ position, ...(group !== undefined ? { chapterGroup: group } : {}) })
        .where(and(eq(cycleActors.cycleId, id), eq(cycleActors.actorId, actorId)));
    }
    await recordAudit(tx, {
      userId: by.userId,
      action: 'cycle.order',
      entityType: 'cycle',
      entityId: id,
      before: current.map((c) => ({ actorId: c.actorId, group: c.chapterGroup })),
      after: actorIds.map((actorId) => ({
        actorId,
        group:
          groups[actorId] !== undefined
            ? groups[actorId]
            : (current.find((c) => c.actorId === actorId)?.chapterGroup ?? null),
      })),
    });
  });
}
