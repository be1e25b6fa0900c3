/** Inputs and outputs of reporting cycles and reports. */
import { z } from '@hono/zod-openapi';
import { REPORT_SECTIONS } from '../../db/schema/index.ts';
import { ITEM_STATUSES } from '../../domain/status.ts';

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
  .refine((v) => v.deadline >= v.opensAt, { message: 'deadline must not be before opensAt', path: ['deadline'] })
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
  })
  .openapi('UpdateCycleInput');
export type UpdateCycleInput = z.infer<typeof UpdateCycleInput>;

export const ChapterOrderInput = z.object({ actorIds: z.array(z.uuid()).min(1).max(500) }).openapi('ChapterOrderInput');
