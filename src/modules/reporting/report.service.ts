/**
 * Reports: reading, saving drafts with a version check (a save based on an
 * old version is merged field by field, never silently applied over another
 * person's change), and the workflow.
 */

import { and, asc, desc, eq, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { OneAtATime } from '../../db/one-at-a-time.ts';
import {
  actors,
  attachments,
  cycles,
  items,
  programmeLevels,
  programmes,
  REPORT_SECTIONS,
  type ReportSectionKey,
  reportEntries,
  reportEvents,
  reportRevisions,
  reportSections,
  reports,
  users,
} from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { canReadReport, canTakeStep, scopeOf } from '../../domain/report.policy.ts';
import { changedFields, type MergeConflict, mergeReport } from '../../domain/report-merge.ts';
import { checkTransition, isLate, type ReportAction } from '../../domain/report-workflow.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { editableReport, readableReport } from './report-access.ts';
import { notifyReportEvent } from './report-notifications.ts';
import type { ReportPatch } from './reporting.schema.ts';
import { sanitizeRichText } from './rich-text.ts';

export type ReportContent = {
  entries: { id: string; carriedOut: string; planned: string; statusAssessment: ItemStatus | null }[];
  sections: Record<ReportSectionKey, string>;
};

/** A report's entries (in order) and sections, in one query: a save reads them while the report is locked. */
export async function readContent(db: Db, reportId: string): Promise<ReportContent> {
  const result = (await db.execute(sql`
    select (select coalesce(json_agg(json_build_object('id', e.id, 'carriedOut', e.carried_out, 'planned', e.planned,
                                                       'statusAssessment', e.status_assessment) order by e.position), '[]')
              from ${reportEntries} e where e.report_id = ${reportId}) as entries,
           (select coalesce(json_object_agg(s.key, s.body), '{}')
              from ${reportSections} s where s.report_id = ${reportId}) as sections`)) as unknown as {
    rows: { entries: ReportContent['entries']; sections: Partial<Record<ReportSectionKey, string>> }[];
  };
  const row = result.rows[0];
  const bodies = Object.fromEntries(REPORT_SECTIONS.map((k) => [k, row?.sections[k] ?? ''])) as Record<
    ReportSectionKey,
    string
  >;
  return { entries: row?.entries ?? [], sections: bodies };
}

export async function getReport(db: Db, id: string, principal: Principal | null) {
  const head = await readableReport(db, id, principal);
  const [entries, sections, events, evidence, programme] = await Promise.all([
    db
      .select({
        id: reportEntries.id,
        itemId: reportEntries.itemId,
        position: reportEntries.position,
        mandate: reportEntries.mandate,
        carriedOut: reportEntries.carriedOut,
        planned: reportEntries.planned,
        statusAssessment: reportEntries.statusAssessment,
        item: { code: items.code, text: items.text, levelKey: items.levelKey, status: items.status },
      })
      .from(reportEntries)
      .leftJoin(items, eq(items.id, reportEntries.itemId))
      .where(eq(reportEntries.reportId, id))
      .orderBy(asc(reportEntries.position)),
    db.select().from(reportSections).where(eq(reportSections.reportId, id)),
    db
      .select({ event: reportEvents, user: { name: users.name } })
      .from(reportEvents)
      .leftJoin(users, eq(users.id, reportEvents.userId))
      .where(eq(reportEvents.reportId, id))
      .orderBy(asc(reportEvents.at)),
    db
      .select({
        id: attachments.id,
        entryId: attachments.entryId,
        kind: attachments.kind,
        title: attachments.title,
        url: attachments.url,
        filename: attachments.filename,
        contentType: attachments.contentType,
        size: attachments.size,
        createdAt: attachments.createdAt,
      })
      .from(attachments)
      .where(eq(attachments.reportId, id))
      .orderBy(asc(attachments.createdAt)),
    db.select().from(programmes).where(eq(programmes.id, head.cycle.programmeId)),
  ]);
  const levels = await db.select().from(programmeLevels).where(eq(programmeLevels.programmeId, head.cycle.programmeId));
  return {
    ...head,
    programme: programme[0],
    levels,
    entries,
    sections: Object.fromEntries(
      REPORT_SECTIONS.map((k) => [k, sections.find((s) => s.key === k)?.body ?? '']),
    ) as Record<ReportSectionKey, string>,
    events,
    evidence,
  };
}

export type VersionConflict = {
  current: { version: number; content: ReportContent };
  yours: { version: number; content: ReportContent };
  /** The fields both changed: the only ones a person must choose for. */
  conflicts: MergeConflict[];
};

export class ReportConflictError extends AppError {
  readonly conflict: VersionConflict;
  constructor(conflict: VersionConflict) {
    super('version_conflict', 409, 'error.versionConflict');
    this.conflict = conflict;
  }
}

/** The patch with its rich text cleaned (what may be saved). */
function sanitizePatch(patch: ReportPatch): ReportPatch {
  const clean = (value: string | undefined) => (value === undefined ? undefined : sanitizeRichText(value));
  return {
    entries: patch.entries?.map((e) => ({ ...e, carriedOut: clean(e.carriedOut), planned: clean(e.planned) })),
    sections: patch.sections && Object.fromEntries(Object.entries(patch.sections).map(([k, v]) => [k, clean(v)])),
  };
}

/** `base` with a cleaned patch applied. */
function applyPatch(base: ReportContent, patch: ReportPatch): ReportContent {
  const entries = base.entries.map((e) => {
    const change = patch.entries?.find((p) => p.id === e.id);
    if (!change) return e;
    return {
      ...e,
      ...(change.carriedOut !== undefined ? { carriedOut: change.carriedOut } : {}),
      ...(change.planned !== undefined ? { planned: change.planned } : {}),
      ...(change.statusAssessment !== undefined ? { statusAssessment: change.statusAssessment } : {}),
    };
  });
  const sections = { ...base.sections };
  for (const key of REPORT_SECTIONS) {
    const value = patch.sections?.[key];
    if (value !== undefined) sections[key] = value;
  }
  return { entries, sections };
}

/** The content as it was at `version`: the latest revision saved at or before it. */
export async function contentAt(db: Db, reportId: string, version: number): Promise<ReportContent | null> {
  const [row] = await db
    .select({ content: reportRevisions.content })
    .from(reportRevisions)
    .where(and(eq(reportRevisions.reportId, reportId), lte(reportRevisions.version, version)))
    .orderBy(desc(reportRevisions.version))
    .limit(1);
  return (row?.content as ReportContent | undefined) ?? null;
}

/**
 * Saves a draft based on `baseVersion`. Saves are one at a time per report
 * (the row is locked). A save based on an older version is merged field by
 * field with what was saved since (see domain/report-merge): changes to
 * different fields are both kept; a field both changed is refused with a 409
 * naming it, and nothing is written.
 */
export async function saveReport(db: Db, id: string, baseVersion: number, patch: ReportPatch, principal: Principal) {
  // Cleaned once, before the report's turn: the saves waiting behind this one do not wait for it.
  const clean = sanitizePatch(patch);
  return savesOfOneReport.run(id, () => saveInTransaction(db, id, baseVersion, clean, principal));
}

/** A report's saves wait their turn here, without a database connection (see OneAtATime). */
const savesOfOneReport = new OneAtATime();

function saveInTransaction(db: Db, id: string, baseVersion: number, patch: ReportPatch, principal: Principal) {
  return db.transaction(async (tx) => {
    const { report: locked } = await editableReport(tx, id, principal, true);
    const current = await readContent(tx, id);
    const entryIds = new Set(current.entries.map((e) => e.id));
    const stray = (patch.entries ?? []).findIndex((p) => !entryIds.has(p.id));
    if (stray >= 0) {
      throw new AppError('invalid_input', 400, 'error.invalidInput', {
        fields: [{ field: `entries.${stray}.id`, messageKey: 'error.field.unknownEntry' }],
      });
    }
    const version = locked.version;
    let next = applyPatch(current, patch);
    if (version !== baseVersion) {
      // A version never saved (ahead of the report's) has no base: everything it changes conflicts.
      const base = baseVersion < version ? await contentAt(tx, id, baseVersion) : null;
      const { merged, yours, conflicts } = base
        ? mergeReport(base, current, applyPatch(base, patch))
        : { merged: current, yours: next, conflicts: changedFields(current, next) };
      if (!base || conflicts.length > 0) {
        throw new ReportConflictError({
          current: { version, content: current },
          yours: { version: baseVersion, content: yours },
          conflicts,
        });
      }
      next = merged;
    } else if (!(await contentAt(tx, id, version))) {
      // The first save keeps the content it starts from, as the base later saves are merged against.
      await tx.insert(reportRevisions).values({ reportId: id, version, content: current, savedBy: null });
    }
    for (const entry of next.entries) {
      const before = current.entries.find((e) => e.id === entry.id);
      if (
        before &&
        (before.carriedOut !== entry.carriedOut ||
          before.planned !== entry.planned ||
          before.statusAssessment !== entry.statusAssessment)
      ) {
        await tx
          .update(reportEntries)
          .set({ carriedOut: entry.carriedOut, planned: entry.planned, statusAssessment: entry.statusAssessment })
          .where(eq(reportEntries.id, entry.id));
      }
    }
    for (const key of REPORT_SECTIONS) {
      if (next.sections[key] !== current.sections[key]) {
        await tx
          .insert(reportSections)
          .values({ reportId: id, key, body: next.sections[key] })
          .onConflictDoUpdate({
            target: [reportSections.reportId, reportSections.key],
            set: { body: next.sections[key] },
          });
      }
    }
    // The new version and its revision in one statement: one round trip less while the report is locked.
    const saved = (await tx.execute(sql`
      with bumped as (
        update ${reports} set version = version + 1, updated_at = ${new Date().toISOString()}::timestamptz,
               updated_by = ${principal.userId}
         where id = ${id} returning version)
      insert into ${reportRevisions} (report_id, version, content, saved_by)
      select ${id}, version, ${JSON.stringify(next)}::jsonb, ${principal.userId} from bumped
      returning version`)) as unknown as { rows: { version: number }[] };
    return { version: saved.rows[0]?.version ?? version + 1, content: next };
  });
}

/** Moves a report along the workflow, recording who, when and (for a return) why. */
export async function transitionReport(
  db: Db,
  id: string,
  action: Exclude<ReportAction, 'edit'>,
  principal: Principal,
  comment?: string,
) {
  return db.transaction(async (tx) => {
    const head = await readableReport(tx, id, principal);
    if (!canTakeStep(principal, action, scopeOf(head))) throw forbidden();
    const [locked] = await tx.select().from(reports).where(eq(reports.id, id)).for('update');
    if (!locked) throw notFound('report');
    const check = checkTransition(action, locked.state, head.cycle.state);
    if (!check.ok)
      throw new AppError(
        check.reason,
        409,
        check.reason === 'cycle_locked' ? 'error.cycleLocked' : 'error.wrongReportState',
      );
    const now = new Date();
    const stamps =
      action === 'submit'
        ? { submittedAt: now, late: isLate(head.cycle.deadline, today()), returnComment: null }
        : action === 'withdraw'
          ? { submittedAt: null, late: false }
          : action === 'approve'
            ? { approvedAt: now }
            : action === 'accept'
              ? { acceptedAt: now }
              : { returnComment: comment ?? null };
    const [updated] = await tx
      .update(reports)
      .set({
        state: check.to,
        version: sql`${reports.version} + 1`,
        updatedAt: now,
        updatedBy: principal.userId,
        ...stamps,
      })
      .where(eq(reports.id, id))
      .returning();
    if (action === 'submit') {
      // What was sent is kept as a revision of its version, so that two submissions can be compared.
      const sent = await readContent(tx, id);
      await tx
        .insert(reportRevisions)
        .values({ reportId: id, version: locked.version, content: sent, savedBy: null })
        .onConflictDoNothing();
    }
    const eventId = crypto.randomUUID();
    await tx.insert(reportEvents).values({
      id: eventId,
      reportId: id,
      userId: principal.userId,
      fromState: locked.state,
      toState: check.to,
      comment: comment ?? null,
      version: locked.version,
    });
    await notifyReportEvent(tx, eventId);
    await recordAudit(tx, {
      userId: principal.userId,
      action: `report.${action}`,
      entityType: 'report',
      entityId: id,
      before: { state: locked.state },
      after: { state: check.to, comment },
    });
    return updated;
  });
}

/** An actor's reports in every cycle, newest period first, those the caller may read. */
export async function reportsOfActor(db: Db, actorId: string, principal: Principal | null) {
  const rows = await db
    .select({
      report: { id: reports.id, state: reports.state, late: reports.late },
      cycle: { id: cycles.id, period: cycles.period, state: cycles.state, deadline: cycles.deadline },
      programme: { shortTitle: programmes.shortTitle },
    })
    .from(reports)
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
    .where(eq(reports.actorId, actorId))
    .orderBy(desc(cycles.period), desc(cycles.deadline));
  return rows.filter((r) => canReadReport(principal, { actorId, cycleState: r.cycle.state, state: r.report.state }));
}

export async function listCycleReports(db: Db, cycleId: string, principal: Principal | null) {
  const rows = await db
    .select({ report: reports, cycle: cycles, actor: actors })
    .from(reports)
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .where(eq(reports.cycleId, cycleId))
    .orderBy(desc(reports.updatedAt));
  return rows.filter((r) =>
    canReadReport(principal, { actorId: r.report.actorId, cycleState: r.cycle.state, state: r.report.state }),
  );
}
