/** Cycles and reports as the API shows them. */
import type { z } from '@hono/zod-openapi';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { CycleRow } from './cycle.service.ts';
import type { getReport, listCycleReports } from './report.service.ts';
import type { ReportComment } from './report-comments.service.ts';
import type { CommentSchema, CycleSchema, ReportSchema, ReportSummarySchema } from './reporting.schema.ts';

const acronym = (i18n: Translator, a: Record<string, string>) => i18n.pick(a) || null;

export function presentCycle(
  i18n: Translator,
  cycle: CycleRow,
  programme: { slug: string; title: Record<string, string> },
): z.infer<typeof CycleSchema> {
  return {
    id: cycle.id,
    programme: programme.slug,
    programmeTitle: i18n.pick(programme.title),
    period: cycle.period,
    opensAt: cycle.opensAt,
    deadline: cycle.deadline,
    state: cycle.state,
    title: cycle.title ? i18n.pick(cycle.title) : null,
  };
}

type ListRow = Awaited<ReturnType<typeof listCycleReports>>[number];

export function presentReportSummary(i18n: Translator, r: ListRow): z.infer<typeof ReportSummarySchema> {
  return {
    id: r.report.id,
    cycleId: r.report.cycleId,
    actor: {
      id: r.actor.id,
      key: r.actor.key,
      type: r.actor.type,
      name: i18n.pick(r.actor.name),
      acronym: acronym(i18n, r.actor.acronym),
    },
    state: r.report.state,
    version: r.report.version,
    late: r.report.late,
    submittedAt: r.report.submittedAt?.toISOString() ?? null,
    updatedAt: r.report.updatedAt.toISOString(),
  };
}

export function presentReport(
  i18n: Translator,
  r: Awaited<ReturnType<typeof getReport>>,
): z.infer<typeof ReportSchema> {
  return {
    id: r.report.id,
    cycleId: r.report.cycleId,
    cycle: { id: r.cycle.id, period: r.cycle.period, state: r.cycle.state, deadline: r.cycle.deadline },
    actor: {
      id: r.actor.id,
      key: r.actor.key,
      type: r.actor.type,
      name: i18n.pick(r.actor.name),
      acronym: acronym(i18n, r.actor.acronym),
    },
    state: r.report.state,
    version: r.report.version,
    late: r.report.late,
    returnComment: r.report.returnComment,
    submittedAt: r.report.submittedAt?.toISOString() ?? null,
    entries: r.entries.map((e) => ({
      id: e.id,
      itemId: e.itemId,
      code: e.item?.code ?? null,
      itemText: e.item?.text ?? null,
      mandate: e.mandate,
      carriedOut: e.carriedOut,
      planned: e.planned,
      statusAssessment: e.statusAssessment,
      evidence: r.evidence
        .filter((x) => x.entryId === e.id)
        .map((x) => ({
          id: x.id,
          kind: x.kind,
          title: x.title,
          url: x.kind === 'link' ? x.url : `/api/v1/attachments/${x.id}`,
        })),
    })),
    sections: r.sections,
    evidence: r.evidence.map((x) => ({
      id: x.id,
      entryId: x.entryId,
      kind: x.kind,
      title: x.title,
      url: x.kind === 'link' ? x.url : `/api/v1/attachments/${x.id}`,
      filename: x.filename,
      contentType: x.contentType,
      size: x.size,
    })),
    history: r.events.map((e) => ({
      at: e.event.at.toISOString(),
      from: e.event.fromState,
      to: e.event.toState,
      comment: e.event.comment,
      by: e.user?.name ?? null,
    })),
  };
}

export function presentComment(comment: ReportComment): z.infer<typeof CommentSchema> {
  return {
    id: comment.id,
    entryId: comment.entryId,
    item: { code: comment.item?.code ?? null },
    author: comment.author ? { name: comment.author.name } : null,
    role: comment.role,
    body: comment.body,
    at: comment.at.toISOString(),
  };
}
