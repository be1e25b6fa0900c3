/** API schemas of actors. */
import { z } from '@hono/zod-openapi';
import { ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { StatusSchema } from '../programmes/programme.schema.ts';

export const ActorSchema = z
  .object({
    id: z.uuid(),
    key: z.string().openapi({ example: 'iachr' }),
    type: z.enum(ACTOR_TYPES),
    name: z.string(),
    acronym: z.string().nullable(),
    iso: z.string().nullable().openapi({ description: 'ISO 3166-1 alpha-2, member states only', example: 'MX' }),
    parentId: z.uuid().nullable(),
  })
  .openapi('Actor');

const MembershipSchema = z.object({
  role: z.string(),
  startsOn: z.string().nullable(),
  endsOn: z.string().nullable(),
  current: z.boolean(),
  note: z.string().nullable(),
});

export const ActorDetailSchema = ActorSchema.extend({
  parent: ActorSchema.nullable(),
  children: z.array(ActorSchema),
  memberOf: z.array(MembershipSchema.extend({ group: ActorSchema })),
  members: z.array(MembershipSchema.extend({ member: ActorSchema })),
  assignments: z.array(
    z.object({
      role: z.string(),
      via: z.object({ id: z.uuid(), key: z.string(), name: z.string() }).nullable().openapi({
        description: 'The group through which the assignment reaches this actor',
      }),
      programme: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
      item: z.object({
        id: z.uuid(),
        code: z.string(),
        level: z.string(),
        levelName: z.string(),
        text: z.string(),
        status: StatusSchema,
      }),
    }),
  ),
  mentions: z
    .array(
      z.object({
        programme: z.object({ id: z.uuid(), slug: z.string(), title: z.string() }),
        item: z.object({ id: z.uuid(), code: z.string(), text: z.string() }),
      }),
    )
    .openapi({ description: 'Items whose notes name the actor without giving it the item: not its work' }),
}).openapi('ActorDetail');

export const ActorFilterSchema = z.object({
  type: z.enum(ACTOR_TYPES).optional().openapi({ description: 'Only actors of this type' }),
});

export const ActorIdParam = z.object({
  id: z
    .string()
    .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[a-z0-9]+(-[a-z0-9]+)*$/i)
    .max(120)
    .openapi({
      param: { name: 'id', in: 'path' },
      description: 'Actor id, or its key (`mx`, `iachr`)',
      example: 'iachr',
    }),
});
