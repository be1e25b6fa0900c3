/**
 * Status proposals: once a report is accepted, each of its status
 * assessments that differs from its item's status is offered to the
 * secretariat, who applies it to the item (recorded in the item's history
 * with the report as its source) or dismisses it, one by one or all at once.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, cycles, items, programmes, reportEntries, reports } from '../../db/schema/index.ts';
import { isSecretariat, type Principal } from '../../domain/authz.ts';
import type { ItemStatus } from '../../domain/status.ts';
import { statusProposals } from '../../domain/status-proposals.ts';
import { today } from '../../domain/zoned-time.ts';
import { AppError, forbidden, notFound } from '../../errors.ts';
import { type Locale, translator } from '../../web/i18n/i18n.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { recordItemStatus } from '../programmes/programme-editing.service.ts';

async function proposalsOf(db: Db, reportId: string) {
  const [head] = await db
    .select({
      state: reports.state,
      acceptedAt: reports.acceptedAt,
      period: cycles.period,
      actorName: actors.name,
      language: programmes.language,
    })
    .from(reports)
    .innerJoin(cycles, eq(cycles.id, reports.cycleId))
    .innerJoin(actors, eq(actors.id, reports.actorId))
    .innerJoin(programmes, eq(programmes.id, cycles.programmeId))
    .where(eq(reports.id, reportId));
  if (!head) throw notFound('report');
  const rows = await db
    .select({
      entryId: reportEntries.id,
      itemId: reportEntries.itemId,
      assessment: reportEntries.statusAssessment,
      review: reportEntries.statusReview,
      itemStatus: items.status,
      code: items.code,
      text: items.text,
    })
    .from(reportEntries)
    .leftJoin(items, eq(items.id, reportEntries.itemId))
    .where(eq(reportEntries.reportId, reportId))
    .orderBy(reportEntries.position);
  return { head, proposals: statusProposals<ItemStatus, (typeof rows)[number]>(head.state, rows) };
}

export async function listStatusProposals(db: Db, reportId: string, principal: Principal | null) {
  if (!isSecretariat(principal)) throw forbidden();
  return (await proposalsOf(db, reportId)).proposals;
}

export type StatusDecision = { decision: 'apply' | 'dismiss'; entryIds?: string[] | undefined };

/** Applies or dismisses the proposals named (all of them without `entryIds`); answers how many. */
export async function decideStatusProposals(
  db: Db,
  reportId: string,
  input: StatusDecision,
  by: Principal,
  /** How the caller names the entry at `index` (the API's list, or the page's one field). */
  fieldOf: (index: number) => string = (index) => `entryIds.${index}`,
) {
  if (!isSecretariat(by)) throw forbidden();
  return db.transaction(async (tx) => {
    await tx.select({ id: reports.id }).from(reports).where(eq(reports.id, reportId)).for('update');
    const { head, proposals } = await proposalsOf(tx, reportId);
    if (head.state !== 'accepted') throw new AppError('wrong_state', 409, 'error.wrongReportState');
    const open = new Map(proposals.map((p) => [p.entryId, p]));
    const chosen = input.entryIds ?? [...open.keys()];
    const stale = chosen.findIndex((id) => !open.has(id));
    if (stale >= 0) {
      throw new AppError('invalid_input', 400, 'error.invalidInput', {
        fields: [{ field: fieldOf(stale), messageKey: 'error.field.noProposal' }],
      });
    }
    const i18n = translator((head.language ?? 'es') as Locale);
    const on = today();
    for (const entryId of chosen) {
      const p = open.get(entryId);
      if (!p?.itemId || !p.assessment) continue;
      await tx
        .update(reportEntries)
        .set({ statusReview: input.decision === 'apply' ? 'applied' : 'dismissed' })
        .where(eq(reportEntries.id, entryId));
      if (input.decision === 'dismiss') continue;
      const note = i18n.t('proposals.note', { actor: i18n.pick(head.actorName), period: head.period });
      await recordItemStatus(tx, p.itemId, { status: p.assessment, date: on, note, sourceReportId: reportId });
    }
    await recordAudit(tx, {
      userId: by.userId,
      action: `report.status_${input.decision}`,
      entityType: 'report',
      entityId: reportId,
      after: {
        items: chosen.map((id) => ({ code: open.get(id)?.code, status: open.get(id)?.assessment })),
      },
    });
    return chosen.length;
  });
}
