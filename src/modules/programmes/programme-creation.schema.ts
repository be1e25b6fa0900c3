/** Creating a programme: its titles, who issued it, its edition and its own list of levels. */
import { z } from '@hono/zod-openapi';
import { LEVEL_KEY, PROGRAMME_KINDS, PROGRAMME_STATUSES } from '../../domain/vocabulary.ts';

const Translated = (max: number) =>
  z
    .object({
      es: z.string().trim().max(max).optional(),
      en: z.string().trim().max(max).optional(),
    })
    .refine((t) => Boolean(t.es || t.en), { params: { messageKey: 'error.field.required' } });

export const Slug = z
  .string()
  .trim()
  .min(3)
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
  .openapi({
    description: 'Address of the programme: lower-case letters, digits and hyphens',
    example: 'cso-plan-2026',
  });

export const CodePattern = z.string().trim().max(40).regex(/\{n\}/).openapi({
  description: 'How codes are made when the plan prints none: `{parent}` and `{n}`',
  example: '{parent}.{n}',
});

export const LevelInput = z
  .object({
    key: LEVEL_KEY.max(60).openapi({ example: 'objective' }),
    name: Translated(120),
    plural: Translated(120).optional(),
    codePattern: CodePattern.optional(),
  })
  .openapi('LevelInput');

export const CreateProgrammeInput = z
  .object({
    slug: Slug,
    title: Translated(500),
    kind: z.enum(PROGRAMME_KINDS).default('plan_of_action'),
    issuer: z
      .string()
      .trim()
      .min(1)
      .max(120)
      .optional()
      .openapi({ description: 'Key of the issuing actor', example: 'crm' }),
    adoptionRef: z.string().trim().max(500).optional(),
    adoptionDate: z.iso.date().optional(),
    edition: z.string().trim().min(1).max(60).optional(),
    status: z.enum(PROGRAMME_STATUSES).default('draft'),
    language: z.enum(['es', 'en']).default('es'),
    levels: z
      .array(LevelInput)
      .min(1)
      .max(8)
      .refine((levels) => new Set(levels.map((l) => l.key)).size === levels.length, {
        params: { messageKey: 'error.field.levelsRepeated' },
      }),
  })
  .openapi('CreateProgrammeInput');
export type CreateProgrammeInput = z.infer<typeof CreateProgrammeInput>;

export const CreatedProgrammeSchema = z.object({ slug: z.string() }).openapi('CreatedProgramme');
