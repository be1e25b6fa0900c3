/**
 * Comments on the activities of a report: the validator or the secretariat
 * asks about one activity, the focal point answers, in one thread per
 * activity that stays in the report's history. Only the secretariat and the
 * actor's own people see them; they are written while the cycle is open and
 * until the report is accepted. Each comment is told by e-mail to the
 * actor's focal points (when a reviewer writes) and to the others who wrote
 * in the thread.
 */
import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { items, reportComments, reportEntries, users } from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { canFollowReport, commentRole } from '../../domain/report.policy.ts';
import { commentsOpen } from '../../domain/report-workflow.ts';
import { AppError, forbidden } from '../../errors.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { enqueueJob } from '../jobs/job.service.ts';
import { type ReportHead, readableReport } from './report-access.ts';

export const COMMENT_NOTIFY = 'report.comment';

/** The report if the caller may follow its comments (else 404 or 403, as reading it). */
async function followedReport(db: Db, reportId: string, principal: Principal | null): Promise<ReportHead> {
  const head = await readableReport(db, reportId, principal);
  if (!canFollowReport(principal, head.report.actorId)) throw forbidden();
  return head;
}

/** The comments of a report, oldest first, with their author and activity. */
export async function listReportComments(db: Db, reportId: string, principal: Principal | null) {
  await followedReport(db, reportId, principal);
  return commentsOf(db, reportId);
}

/** The comments of a report already checked as followed by the caller. */
export async function commentsOf(db: Db, reportId: string) {
  return db
    .select({
      id: reportComments.id,
      entryId: reportComments.entryId,
      role: reportComments.role,
      body: reportComments.body,
      at: reportComments.at,
      author: { id: users.id, name: users.name },
      item: { code: items.code },
    })
    .from(reportComments)
    .innerJoin(reportEntries, eq(reportEntries.id, reportComments.entryId))
    .leftJoin(items, eq(items.id, reportEntries.itemId))
    .leftJoin(users, eq(users.id, reportComments.authorId))
    .where(eq(reportComments.reportId, reportId))
    .orderBy(asc(reportComments.at), asc(reportComments.id));
}
export type ReportComment = Awaited<ReturnType<typeof commentsOf>>[number];

/** Adds a comment to one activity of the report; `entryField` names the activity field for its errors. */
export async function addReportComment(
  db: Db,
  reportId: string,
  input: { entryId: string; body: string },
  by: Principal,
  entryField = 'entryId',
): Promise<{ id: string }> {
  return db.transaction(async (tx) => {
    const head = await followedReport(tx, reportId, by);
    const role = commentRole(by, head.report.actorId);
    if (!role) throw forbidden();
    if (!commentsOpen(head.report.state, head.cycle.state))
      throw new AppError('comments_closed', 409, 'error.commentsClosed');
    const [entry] = await tx
      .select({ id: reportEntries.id })
      .from(reportEntries)
      .where(and(eq(reportEntries.id, input.entryId), eq(reportEntries.reportId, reportId)));
    if (!entry)
      throw new AppError('invalid_input', 400, 'error.invalidInput', {
        fields: [{ field: entryField, messageKey: 'error.field.unknownEntry' }],
      });
    const id = crypto.randomUUID();
    await tx
      .insert(reportComments)
      .values({ id, reportId, entryId: entry.id, authorId: by.userId, role, body: input.body });
    await enqueueJob(tx, { kind: COMMENT_NOTIFY, payload: { commentId: id }, uniqueKey: `${COMMENT_NOTIFY}:${id}` });
    await recordAudit(tx, {
      userId: by.userId,
      action: 'report.comment',
      entityType: 'report',
      entityId: reportId,
      after: { id, entryId: entry.id, role },
    });
    return { id };
  });
}
