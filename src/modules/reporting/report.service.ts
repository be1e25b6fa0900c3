/**
 * Reports: reading, saving drafts with a version check (a save based on an
 * old version is refused, never silently applied), and the workflow.
 */

import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
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
import { canReadReport, canTakeStep, type Principal } from '../../domain/authz.ts';
import { checkTransition, isLate, type ReportAction } from '../../domain/report-workflow.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { AppError, notFound } from '../../errors.ts';
import { forbidden } from '../../http/auth.ts';
import { today } from '../actors/actor.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { editableReport, readableReport, scopeOf } from './report-access.ts';
import { notifyReportEvent } from './report-notifications.ts';
import type { ReportPatch } from './reporting.schema.ts';
import { sanitizeRichText } from './rich-text.ts';

export type ReportContent = {
  entries: { id: string; carriedOut: string; planned: string; statusAssessment: ItemStatus | null }[];
  sections: Record<ReportSectionKey, string>;
};

export async function readContent(db: Db, reportId: string): Promise<ReportContent> {
  const [entries, sections] = await Promise.all([
    db
      .select({
        id: reportEntries.id,
        carriedOut: reportEntries.carriedOut,
        planned: reportEntries.planned,
        statusAssessment: reportEntries.statusAssessment,
      })
      .from(reportEntries)
      .where(eq(reportEntries.reportId, reportId))
      .orderBy(asc(reportEntries.position)),
    db.select().from(reportSections).where(eq(reportSections.reportId, reportId)),
  ]);
  const bodies = Object.fromEntries(
    REPORT_SECTIONS.map((k) => [k, sections.find((s) => s.key === k)?.body ?? '']),
  ) as Record<ReportSectionKey, string>;
  return { entries, sections: bodies };
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
};

export class ReportConflictError extends AppError {
  readonly conflict: VersionConflict;
  constructor(conflict: VersionConflict) {
    super('version_conflict', 409, 'error.versionConflict');
    this.conflict = conflict;
  }
}

function applyPatch(base: ReportContent, patch: ReportPatch): ReportContent {
  const entries = base.entries.map((e) => {
    const change = patch.entries?.find((p) => p.id === e.id);
    if (!change) return e;
    return {
      ...e,
      ...(change.carriedOut !== undefined ? { carriedOut: sanitizeRichText(change.carriedOut) } : {}),
      ...(change.planned !== undefined ? { planned: sanitizeRichText(change.planned) } : {}),
      ...(change.statusAssessment !== undefined ? { statusAssessment: change.statusAssessment } : {}),
    };
  });
  const sections = { ...base.sections };
  for (const key of REPORT_SECTIONS) {
    const value = patch.sections?.[key];
    if (value !== undefined) sections[key] = sanitizeRichText(value);
  }
  return { entries, sections };
}

/**
 * Saves a draft based on `baseVersion`. Exactly one save wins per version:
 * the version is bumped with a conditional update, and a stale one gets a 409
 * carrying both versions.
 */
export async function saveReport(db: Db, id: string, baseVersion: number, patch: ReportPatch, principal: Principal) {
  return db.transaction(async (tx) => {
    const head = await editableReport(tx, id, principal);
    const conflict = async () => {
      const [now] = await tx.select({ version: reports.version }).from(reports).where(eq(reports.id, id));
      const current = await readContent(tx, id);
      return new ReportConflictError({
        current: { version: now?.version ?? head.report.version, content: current },
        yours: { version: baseVersion, content: applyPatch(current, patch) },
      });
    };
    // Versions only grow: a save based on an old one is refused at once, without queueing for the row lock.
    if (head.report.version !== baseVersion) throw await conflict();
    const bumped = await tx
      .update(reports)
      .set({ version: sql`${reports.version} + 1`, updatedAt: new Date(), updatedBy: principal.userId })
      .where(and(eq(reports.id, id), eq(reports.version, baseVersion)))
      .returning({ version: reports.version });
    if (bumped.length === 0) throw await conflict();
    const current = await readContent(tx, id);
    const entryIds = new Set(current.entries.map((e) => e.id));
    const stray = (patch.entries ?? []).findIndex((p) => !entryIds.has(p.id));
    if (stray >= 0) {
      throw new AppError('invalid_input', 400, 'error.invalidInput', {
        fields: [{ field: `entries.${stray}.id`, messageKey: 'error.field.unknownEntry' }],
      });
    }
    const next = applyPatch(current, patch);
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
    const version = bumped[0]?.version ?? baseVersion + 1;
    await tx.insert(reportRevisions).values({ reportId: id, version, content: next, savedBy: principal.userId });
    return { version, content: next };
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
    const eventId = crypto.randomUUID();
    await tx.insert(reportEvents).values({
      id: eventId,
      reportId: id,
      userId: principal.userId,
      fromState: locked.state,
      toState: check.to,
      comment: comment ?? null,
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
