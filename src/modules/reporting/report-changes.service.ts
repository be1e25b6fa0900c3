/**
 * The changes in a report between two of its submissions (or its last
 * submission and the draft saved since), for the secretariat and the actor's
 * own people: what a validator reads when a returned report comes back.
 */
import { and, asc, eq, isNotNull, max } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { items, reportEntries, reportEvents, reportRevisions, users } from '../../db/schema/index.ts';
import type { Principal } from '../../domain/authz.ts';
import { canFollowReport } from '../../domain/report.policy.ts';
import { defaultComparison, type FieldChange, reportChanges } from '../../domain/report-changes.ts';
import { AppError, forbidden } from '../../errors.ts';
import { htmlToText } from '../../render/documents/html-text.ts';
import { contentAt, type ReportContent } from './report.service.ts';
import { readableReport } from './report-access.ts';

/** A version one can compare: a submission (when, by whom) or the draft saved after the last one. */
export type ComparableVersion = { version: number; submittedAt: Date | null; by: string | null };

/** The content as read: its texts without markup. */
const asText = (content: ReportContent): ReportContent => ({
  entries: content.entries.map((e) => ({ ...e, carriedOut: htmlToText(e.carriedOut), planned: htmlToText(e.planned) })),
  sections: Object.fromEntries(
    Object.entries(content.sections).map(([key, body]) => [key, htmlToText(body)]),
  ) as ReportContent['sections'],
});

export async function compareSubmissions(
  db: Db,
  reportId: string,
  principal: Principal | null,
  asked: { from?: number | undefined; to?: number | undefined } = {},
) {
  const head = await readableReport(db, reportId, principal);
  if (!canFollowReport(principal, head.report.actorId)) throw forbidden();
  const [entries, submissions, [saved]] = await Promise.all([
    db
      .select({ id: reportEntries.id, code: items.code, text: items.text })
      .from(reportEntries)
      .leftJoin(items, eq(items.id, reportEntries.itemId))
      .where(eq(reportEntries.reportId, reportId)),
    db
      .select({ version: reportEvents.version, at: reportEvents.at, by: users.name })
      .from(reportEvents)
      .leftJoin(users, eq(users.id, reportEvents.userId))
      .where(
        and(
          eq(reportEvents.reportId, reportId),
          eq(reportEvents.toState, 'submitted'),
          isNotNull(reportEvents.version),
        ),
      )
      .orderBy(asc(reportEvents.at)),
    db
      .select({ latest: max(reportRevisions.version) })
      .from(reportRevisions)
      .where(eq(reportRevisions.reportId, reportId)),
  ]);
  const submitted = submissions.map((s) => s.version as number);
  const latest = saved?.latest ?? null;
  const versions: ComparableVersion[] = submissions.map((s) => ({
    version: s.version as number,
    submittedAt: s.at,
    by: s.by,
  }));
  const lastSubmitted = submitted.at(-1);
  if (latest !== null && lastSubmitted !== undefined && latest > lastSubmitted)
    versions.push({ version: latest, submittedAt: null, by: null });
  const pick = asked.from !== undefined || asked.to !== undefined ? asked : defaultComparison(submitted, latest);
  const known = (field: 'from' | 'to', version: number | undefined) => {
    if (version !== undefined && versions.some((v) => v.version === version)) return version;
    throw new AppError('invalid_input', 400, 'error.invalidInput', {
      fields: [{ field, messageKey: 'error.field.unknownVersion' }],
    });
  };
  if (!pick) return { head, entries, versions, comparison: null };
  const from = known('from', pick.from);
  const to = known('to', pick.to);
  const [before, after] = await Promise.all([contentAt(db, reportId, from), contentAt(db, reportId, to)]);
  const changes: FieldChange[] = before && after ? reportChanges(asText(before), asText(after)) : [];
  return { head, entries, versions, comparison: { from, to, changes } };
}
export type SubmissionComparison = Awaited<ReturnType<typeof compareSubmissions>>;
