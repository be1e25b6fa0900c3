/** Inputs and answers of best practices and legislation, shared by the API and the pages. */
import { z } from '@hono/zod-openapi';
import {
  BEST_PRACTICE_SOURCES,
  ENTRY_STATES,
  LEGAL_STATUSES,
  LEGISLATION_KINDS,
  LIBRARY_VISIBILITIES,
} from '../../domain/vocabulary.ts';
import { Language, Localized, Named, Ref } from './document.schema.ts';

const endNotBeforeStart = (v: { periodStart?: string | undefined; periodEnd?: string | undefined }) =>
  !v.periodStart || !v.periodEnd || v.periodEnd >= v.periodStart;

export const BestPracticeInput = z
  .object({
    title: Localized(300).openapi({ example: 'Ventanilla única de atención a personas migrantes retornadas' }),
    summary: Localized(5000).optional(),
    done: Localized(20_000).optional().openapi({ description: 'What was done' }),
    results: Localized(20_000).optional().openapi({ description: 'What came of it' }),
    language: Language.default('es').openapi({ description: 'The language its texts are written in' }),
    actor: Ref.openapi({
      description: 'The country (ISO code or key) or actor (key) whose practice it is',
      example: 'mx',
    }),
    items: z.array(z.uuid()).max(200).default([]).openapi({ description: 'Programme items it serves' }),
    documents: z.array(z.uuid()).max(50).default([]).openapi({ description: 'Library documents about it' }),
    periodStart: z.iso.date().optional(),
    periodEnd: z.iso.date().optional(),
    source: z.enum(BEST_PRACTICE_SOURCES).default('direct'),
    meeting: z.uuid().optional().openapi({ description: 'The meeting it was told at (source `meeting`)' }),
    visibility: z.enum(LIBRARY_VISIBILITIES).default('public'),
  })
  .refine(endNotBeforeStart, { path: ['periodEnd'], params: { messageKey: 'error.field.endBeforeStart' } });
export type BestPracticeInput = z.infer<typeof BestPracticeInput>;

export const LegislationInput = z
  .object({
    country: Ref.openapi({ description: 'The member state, by ISO code or key', example: 'gt' }),
    title: Localized(500).openapi({ example: 'Ley contra la Violencia Sexual, Explotación y Trata de Personas' }),
    language: Language.default('es'),
    kind: z.enum(LEGISLATION_KINDS),
    number: z.string().trim().min(1).max(100).optional().openapi({ example: 'Decreto 9-2009' }),
    adoptedOn: z.iso.date().optional(),
    status: z.enum(LEGAL_STATUSES).default('in_force'),
    amendedBy: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .optional()
      .openapi({ description: 'The act that amended or repealed it' }),
    topics: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[a-z]+(_[a-z]+)*$/)
          .max(60),
      )
      .max(30)
      .default([])
      .openapi({ description: 'Topic keys (GET /legislation/topics)', example: ['trafficking'] }),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    document: z.uuid().optional().openapi({ description: 'A library document with its text' }),
    visibility: z.enum(LIBRARY_VISIBILITIES).default('public'),
  })
  // An amended or repealed act names the act that did it.
  .refine((v) => v.status === 'in_force' || v.amendedBy !== undefined, {
    path: ['amendedBy'],
    params: { messageKey: 'error.field.amendingActMissing' },
  });
export type LegislationInput = z.infer<typeof LegislationInput>;

export const TopicInput = z.object({
  key: z
    .string()
    .regex(/^[a-z]+(_[a-z]+)*$/)
    .max(60)
    .openapi({ example: 'climate_displacement' }),
  name: z.partialRecord(Language, z.string().trim().min(1).max(120)).refine((n) => Object.keys(n).length > 0, {
    params: { messageKey: 'error.field.required' },
  }),
});
export type TopicInput = z.infer<typeof TopicInput>;

const Entry = {
  id: z.uuid(),
  title: z.string(),
  titles: z.record(z.string(), z.string()),
  language: z.string(),
  state: z.enum(ENTRY_STATES).openapi({
    description: '`published`; `proposed` by a focal point; `candidate`, offered from an accepted report',
  }),
  visibility: z.enum(LIBRARY_VISIBILITIES),
  href: z.string(),
};

export const BestPracticeSchema = z
  .object({
    ...Entry,
    actor: Named,
    summary: z.string().nullable(),
    done: z.string().nullable(),
    results: z.string().nullable(),
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    source: z.enum(BEST_PRACTICE_SOURCES),
    report: z.object({ id: z.uuid(), period: z.string() }).nullable(),
    meeting: z.object({ id: z.uuid(), title: z.string() }).nullable(),
    items: z.array(z.object({ id: z.uuid(), code: z.string(), text: z.string() })),
    documents: z.array(z.object({ id: z.uuid(), title: z.string() })),
  })
  .openapi('BestPractice');

export const LegislationSchema = z
  .object({
    ...Entry,
    country: Named,
    kind: z.enum(LEGISLATION_KINDS),
    number: z.string().nullable(),
    adoptedOn: z.string().nullable(),
    status: z.enum(LEGAL_STATUSES),
    amendedBy: z.string().nullable(),
    topics: z.array(z.object({ key: z.string(), name: z.string() })),
    url: z.string().nullable(),
    document: z.object({ id: z.uuid(), title: z.string() }).nullable(),
  })
  .openapi('Legislation');

export const EntryListQuery = z.object({
  country: z.string().trim().max(60).optional().openapi({ description: 'A member state’s ISO code or key' }),
  actor: z.string().trim().max(120).optional().openapi({ description: 'An actor’s key' }),
  topic: z.string().trim().max(60).optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
});

/** Values separated by commas (or the parameter repeated): all when none is given. */
const KeyList = z
  .string()
  .max(2_000)
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  );

export const MatrixQuery = z.object({
  country: KeyList.openapi({ description: 'Member states by ISO code or key, separated by commas', example: 'gt,mx' }),
  topic: KeyList.openapi({ description: 'Topic keys, separated by commas', example: 'trafficking' }),
  status: z
    .enum(['in_force', 'all'])
    .default('in_force')
    .openapi({ description: '`all` also shows amended and repealed acts' }),
});
export type MatrixQuery = z.infer<typeof MatrixQuery>;
