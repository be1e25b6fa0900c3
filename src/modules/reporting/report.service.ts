/**
 * Reports: reading them (whole, their content, their content at a version)
 * and the workflow. Saving a draft is in report-save.ts.
 */

import { and, asc, desc, eq, lte, type SQLWrapper, sql } from 'drizzle-orm';
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
import type { Principal } from '../../domain/authz.ts';
import { canReadReport, canTakeStep, scopeOf } from '../../domain/report.policy.ts';
import { checkTransition, isLate, type ReportAction } from '../../domain/report-workflow.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { offerBestPracticeCandidate } from '../library/best-practice.service.ts';
import { addEvidenceToLibrary } from '../library/document-sources.service.ts';
import { readableReport } from './report-access.ts';
import { notifyReportEvent } from './report-notifications.ts';

export type ReportContent = {
  entries: { id: string; carriedOut: string; planned: string; statusAssessment: ItemStatus | null }[];
  sections: Record<ReportSectionKey, string>;
};

type StoredContent = { entries: ReportContent['entries']; sections: Partial<Record<ReportSectionKey, string>> };

/** A report's entries (in order) and sections as JSON, for `reportId` (a value or a column of the query). */
export const contentColumns = (reportId: SQLWrapper | string) => ({
  entries: sql<StoredContent['entries']>`(select coalesce(json_agg(json_build_object('id', e.id,
      'carriedOut', e.carried_out, 'planned', e.planned, 'statusAssessment', e.status_assessment) order by e.position), '[]')
    from ${reportEntries} e where e.report_id = ${reportId})`,
  sections: sql<StoredContent['sections']>`(select coalesce(json_object_agg(s.key, s.body), '{}')
    from ${reportSections} s where s.report_id = ${reportId})`,
});

/** The content as `contentColumns` read it: every section, empty where none was written. */
export function contentOf(row: StoredContent | undefined): ReportContent {
  const bodies = Object.fromEntries(REPORT_SECTIONS.map((k) => [k, row?.sections[k] ?? ''])) as Record<
    ReportSectionKey,
    string
  >;
  return { entries: row?.entries ?? [], sections: bodies };
}

/** A report's entries (in order) and sections, in one query. */
export async function readContent(db: Db, reportId: string): Promise<ReportContent> {
  const { entries, sections } = contentColumns(reportId);
  const result = (await db.execute(sql`select ${entries} as entries, ${sections} as sections`)) as unknown as {
    rows: StoredContent[];
  };
  return contentOf(result.rows[0]);
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
    // What the report tells under "best practices" is offered to the secretariat for the library, and its evidence
    // enters the library, seen as the report may be read.
    if (action === 'accept') {
      await offerBestPracticeCandidate(tx, id);
      await addEvidenceToLibrary(tx, id, principal.userId);
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
