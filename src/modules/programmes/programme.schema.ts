/** API schemas of the programme registry: programmes, levels and items. */
import { z } from '@hono/zod-openapi';
import { ITEM_STATUSES } from '../../domain/status.ts';

export const StatusSchema = z.enum(ITEM_STATUSES).nullable().openapi({
  description: 'Status of a leaf item, or the roll-up of its leaves for a parent; null when there is no information',
});

export const ActorRefSchema = z
  .object({ id: z.uuid(), key: z.string(), acronym: z.string().nullable(), name: z.string(), role: z.string() })
  .openapi('ActorRef');

export const LevelSchema = z
  .object({
    key: z.string().openapi({ example: 'specific_objective' }),
    name: z.string(),
    plural: z.string(),
    position: z.number().int(),
    itemCount: z.number().int(),
  })
  .openapi('Level');

export const ProgrammeSummarySchema = z
  .object({
    id: z.uuid(),
    slug: z.string().openapi({ example: 'programa-interamericano-2016' }),
    kind: z.string(),
    title: z.string(),
    shortTitle: z.string(),
    summary: z.string(),
    language: z.string(),
    edition: z.string(),
    editionNote: z
      .string()
      .nullable()
      .openapi({ description: 'What the text of this edition is, where it is not the adopted text (a draft…)' }),
    status: z.string(),
    adoptionReference: z.string().nullable(),
    adoptionDate: z.string().nullable(),
    levels: z.array(LevelSchema),
  })
  .openapi('ProgrammeSummary');

export const ProgrammeSchema = ProgrammeSummarySchema.extend({
  source: z.string(),
  issuingBody: z.object({ id: z.uuid(), key: z.string(), name: z.string(), acronym: z.string().nullable() }).nullable(),
  mandates: z.array(
    z.object({ reference: z.string(), title: z.string().nullable(), paragraphs: z.string().nullable() }),
  ),
  actors: z.array(ActorRefSchema.extend({ description: z.string().nullable() })),
  sections: z.array(z.object({ key: z.string(), heading: z.string(), body: z.string() })),
}).openapi('Programme');

export const ItemSchema = z
  .object({
    id: z.uuid(),
    code: z.string().openapi({ example: 'IV.B.3' }),
    codeMade: z.boolean().openapi({ description: 'The code was made by Enlace: the document prints none' }),
    level: z.string().openapi({ example: 'activity' }),
    parentId: z.uuid().nullable(),
    text: z.string(),
    status: StatusSchema.openapi({
      description: "The item's status; for a parent, the status all its leaves share, null where they differ",
    }),
    distribution: z
      .array(z.object({ status: z.enum([...ITEM_STATUSES, 'none']), count: z.number().int().positive() }))
      .nullable()
      .openapi({
        description: "A parent's leaves by status where they differ ('none': no information); null otherwise",
      }),
    calendar: z.string().nullable(),
    startsOn: z.string().nullable(),
    endsOn: z.string().nullable(),
    actors: z.array(ActorRefSchema),
  })
  .openapi('Item');

export const ItemDetailSchema = ItemSchema.extend({
  programme: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
  levelName: z.string(),
  parent: z.object({ id: z.uuid(), code: z.string(), text: z.string() }).nullable(),
  children: z.array(
    z.object({ id: z.uuid(), code: z.string(), level: z.string(), text: z.string(), status: StatusSchema }),
  ),
  statusHistory: z.array(
    z.object({
      status: z.enum(ITEM_STATUSES),
      changedOn: z.string(),
      note: z.string().nullable(),
      sourceReport: z.uuid().nullable().openapi({ description: 'The accepted report this change confirmed' }),
    }),
  ),
  notes: z.array(
    z.object({
      date: z.string(),
      due: z.string().nullable().openapi({ description: 'A deadline or future event the note announces' }),
      text: z.string(),
      status: z.enum(ITEM_STATUSES).nullable(),
    }),
  ),
  mentions: z.array(ActorRefSchema.omit({ role: true })).openapi({
    description: 'Actors the notes name without the plan giving them the item: not a responsibility',
  }),
  serves: z.array(z.object({ id: z.uuid(), code: z.string(), text: z.string() })),
  servedBy: z.array(z.object({ id: z.uuid(), code: z.string(), text: z.string() })),
}).openapi('ItemDetail');

export const SlugParam = z.object({
  slug: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/)
    .max(120)
    .openapi({ param: { name: 'slug', in: 'path' }, example: 'programa-interamericano-2016' }),
});

export const ItemFilterSchema = z.object({
  level: z
    .string()
    .regex(/^[a-z]+(_[a-z]+)*$/)
    .max(60)
    .optional()
    .openapi({ description: 'Level key, e.g. `activity`' }),
  actor: z
    .string()
    .regex(/^[a-z0-9]+(-[a-z0-9]+)*$|^[0-9a-f-]{36}$/i)
    .max(120)
    .optional()
    .openapi({ description: 'Actor id or key; members are matched through their groups' }),
  status: z.enum([...ITEM_STATUSES, 'none']).optional(),
  q: z
    .string()
    .max(200)
    .optional()
    .openapi({ description: 'Text contained in the code or the text (accents and case ignored)' }),
});
export type ItemFilter = z.infer<typeof ItemFilterSchema>;
