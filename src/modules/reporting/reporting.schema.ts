/** Inputs and outputs of reporting cycles and reports. */

import { z } from '@hono/zod-openapi';
import { CYCLE_STATES, REPORT_SECTIONS, REPORT_STATES } from '../../db/schema/index.ts';
import { ENTRY_FIELDS } from '../../domain/report-merge.ts';
import { ITEM_STATUSES } from '../../domain/status.ts';
import { ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { ProblemSchema } from '../../http/api.ts';

const IsoDate = z.iso.date().openapi({ example: '2026-03-31' });

export const CreateCycleInput = z
  .object({
    programme: z
      .string()
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
      .max(120)
      .openapi({ example: 'programa-interamericano-2016' }),
    period: z.string().trim().min(1).max(40).openapi({ example: '2026' }),
    opensAt: IsoDate,
    deadline: IsoDate,
    actorIds: z.array(z.uuid()).min(1).max(500).optional().openapi({
      description: 'Default: every actor with an assignment in the programme (members of groups one by one)',
    }),
  })
  .refine((v) => v.deadline >= v.opensAt, {
    message: 'deadline must not be before opensAt',
    path: ['deadline'],
    params: { messageKey: 'error.field.deadlineBeforeOpening' },
  })
  .openapi('CreateCycleInput');
export type CreateCycleInput = z.infer<typeof CreateCycleInput>;

const RichText = z.string().max(100_000);

export const ReportPatch = z
  .object({
    entries: z
      .array(
        z.object({
          id: z.uuid(),
          carriedOut: RichText.optional(),
          planned: RichText.optional(),
          statusAssessment: z.enum(ITEM_STATUSES).nullable().optional(),
        }),
      )
      .max(500)
      .optional(),
    sections: z
      .object(
        Object.fromEntries(REPORT_SECTIONS.map((k) => [k, RichText.optional()])) as Record<
          (typeof REPORT_SECTIONS)[number],
          z.ZodOptional<typeof RichText>
        >,
      )
      .optional(),
  })
  .openapi('ReportPatch');
export type ReportPatch = z.infer<typeof ReportPatch>;

export const ReturnInput = z.object({ comment: z.string().trim().min(1).max(10_000) }).openapi('ReturnInput');

/** Why a cycle goes back a step: kept in the audit log. */
export const StepBackInput = z
  .object({ reason: z.string().trim().min(1).max(2_000) })
  .strict()
  .openapi('StepBackInput');

export const RemindInput = z
  .object({
    actor: z
      .string()
      .trim()
      .min(1)
      .max(200)
      .optional()
      .openapi({ description: "One actor's report (key or id); without it, every report not yet submitted" }),
  })
  .strict()
  .openapi('RemindInput');

export const StatusDecisionInput = z
  .object({
    decision: z.enum(['apply', 'dismiss']),
    entryIds: z
      .array(z.uuid())
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: 'The proposals (report entries) decided; without it, all of them' }),
  })
  .strict()
  .openapi('StatusDecisionInput');

export const CommentInput = z
  .object({
    entryId: z.uuid().openapi({ description: 'The activity (report entry) commented on' }),
    body: z
      .string()
      .trim()
      .max(5_000)
      .refine((body) => body.length > 0, { params: { messageKey: 'error.field.commentEmpty' } }),
  })
  .strict()
  .openapi('CommentInput');

/** Two versions of a report to compare (both, or neither for the default). */
export const ChangesQuery = z.object({
  from: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
  to: z.coerce.number().int().min(1).max(2_147_483_647).optional(),
});

export const CommentSchema = z
  .object({
    id: z.uuid(),
    entryId: z.uuid(),
    item: z.object({ code: z.string().nullable() }),
    author: z.object({ name: z.string() }).nullable(),
    role: z.enum(['secretariat', 'validator', 'focal_point']),
    body: z.string(),
    at: z.string(),
  })
  .openapi('Comment');

export const StatusProposalSchema = z
  .object({
    entryId: z.uuid(),
    item: z.object({ id: z.uuid(), code: z.string().nullable(), text: z.string() }),
    current: z.enum(ITEM_STATUSES).nullable(),
    proposed: z.enum(ITEM_STATUSES),
  })
  .openapi('StatusProposal');

export const AddresseeInput = z
  .object({ actor: z.string().trim().min(1).max(200).openapi({ description: 'The actor (key or id)' }) })
  .strict()
  .openapi('AddresseeInput');

export const CycleIdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });

export const LinkEvidenceInput = z
  .object({
    title: z.string().trim().min(1).max(300),
    url: z.url({ protocol: /^https?$/ }).max(2000),
    entryId: z.uuid().optional(),
  })
  .openapi('LinkEvidenceInput');

export const UpdateCycleInput = z
  .object({
    title: z
      .object({ es: z.string().trim().max(500).optional(), en: z.string().trim().max(500).optional() })
      .optional(),
    introduction: z.string().max(50_000).optional(),
    background: z.string().max(50_000).optional(),
    conclusion: z.string().max(50_000).optional(),
    documentSymbol: z
      .string()
      .max(500)
      .optional()
      .openapi({ description: 'The document symbol, a line each: "OEA/Ser.G\nCP/CAJP-2708/09"' }),
    documentDate: z
      .union([z.iso.date(), z.literal('')])
      .optional()
      .openapi({ description: 'Empty: none' }),
    paper: z.enum(['letter', 'a4']).optional(),
  })
  .refine((v) => Object.values(v).some((field) => field !== undefined), {
    params: { messageKey: 'error.field.nothingToChange' },
  })
  .openapi('UpdateCycleInput');
export type UpdateCycleInput = z.infer<typeof UpdateCycleInput>;

export const ChapterOrderInput = z
  .object({
    actorIds: z.array(z.uuid()).min(1).max(500),
    groups: z.record(z.uuid(), z.string().trim().min(1).max(120).nullable()).optional().openapi({
      description:
        'By actor id, the group its chapter is printed under: an actor’s key (its secretariat: "sedi"), "additional" (additional actors of the Program) or null; actors left out keep theirs',
    }),
  })
  .openapi('ChapterOrderInput');

// ---------------------------------------------------------------------------
// What the API answers (the presenters' shapes)
// ---------------------------------------------------------------------------

const Iso = z.string().openapi({ description: 'ISO 8601 date and time' });
const ReportActor = z.object({
  id: z.uuid(),
  key: z.string(),
  type: z.enum(ACTOR_TYPES),
  name: z.string(),
  acronym: z.string().nullable(),
});

export const CycleSchema = z
  .object({
    id: z.uuid(),
    programme: z.string().openapi({ description: 'The programme’s slug' }),
    programmeTitle: z.string(),
    period: z.string(),
    opensAt: IsoDate,
    deadline: IsoDate,
    state: z.enum(CYCLE_STATES),
    title: z.string().nullable(),
  })
  .openapi('Cycle');

export const ReportSummarySchema = z
  .object({
    id: z.uuid(),
    cycleId: z.uuid(),
    actor: ReportActor,
    state: z.enum(REPORT_STATES),
    version: z.number().int(),
    late: z.boolean(),
    submittedAt: Iso.nullable(),
    updatedAt: Iso,
  })
  .openapi('ReportSummary');

const EvidenceKind = z.enum(['file', 'link']);
const EntryEvidence = z.object({
  id: z.uuid(),
  kind: EvidenceKind,
  title: z.string(),
  url: z.string().nullable().openapi({ description: 'The link, or the API address of the file' }),
});

export const ReportSchema = z
  .object({
    id: z.uuid(),
    cycleId: z.uuid(),
    cycle: z.object({ id: z.uuid(), period: z.string(), state: z.enum(CYCLE_STATES), deadline: IsoDate }),
    actor: ReportActor,
    state: z.enum(REPORT_STATES),
    version: z.number().int().openapi({ description: 'Send it back as If-Match when saving' }),
    late: z.boolean(),
    returnComment: z.string().nullable(),
    submittedAt: Iso.nullable(),
    entries: z.array(
      z.object({
        id: z.uuid(),
        itemId: z.uuid().nullable(),
        code: z.string().nullable(),
        itemText: z.string().nullable(),
        mandate: z.string().nullable(),
        carriedOut: z.string(),
        planned: z.string(),
        statusAssessment: z.enum(ITEM_STATUSES).nullable(),
        evidence: z.array(EntryEvidence),
      }),
    ),
    sections: z.object(
      Object.fromEntries(REPORT_SECTIONS.map((k) => [k, z.string()])) as Record<
        (typeof REPORT_SECTIONS)[number],
        z.ZodString
      >,
    ),
    evidence: z.array(
      EntryEvidence.extend({
        entryId: z.uuid().nullable(),
        filename: z.string().nullable(),
        contentType: z.string().nullable(),
        size: z.number().int().nullable(),
      }),
    ),
    history: z.array(
      z.object({
        at: Iso,
        from: z.enum(REPORT_STATES).nullable(),
        to: z.enum(REPORT_STATES),
        comment: z.string().nullable(),
        by: z.string().nullable(),
      }),
    ),
  })
  .openapi('Report');

export const ReportContentSchema = z.object({
  entries: z.array(
    z.object({
      id: z.uuid(),
      carriedOut: z.string(),
      planned: z.string(),
      statusAssessment: z.enum(ITEM_STATUSES).nullable(),
    }),
  ),
  sections: z.record(z.enum(REPORT_SECTIONS), z.string()),
});

/** A save based on an old version that changes a field changed since: what is saved now, what was sent, and the fields both changed. */
export const VersionConflictSchema = ProblemSchema.extend({
  current: z.object({ version: z.number().int(), content: ReportContentSchema }),
  yours: z.object({ version: z.number().int(), content: ReportContentSchema }),
  conflicts: z.array(
    z.union([
      z.object({ entryId: z.uuid(), field: z.enum(ENTRY_FIELDS) }),
      z.object({ section: z.enum(REPORT_SECTIONS) }),
    ]),
  ),
}).openapi('VersionConflict');
