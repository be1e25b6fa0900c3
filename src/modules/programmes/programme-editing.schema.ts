/**
 * Inputs of programme editing, for the API (JSON) and the item page's forms
 * (where an empty field means "none").
 */
import { z } from '@hono/zod-openapi';
import { ITEM_STATUSES } from '../../domain/status.ts';
import { ASSIGNMENT_ROLES, LEVEL_KEY } from '../../domain/vocabulary.ts';

const Code = z.string().trim().min(1).max(40).openapi({ example: 'V.A.7' });
const Text = z.string().trim().min(1).max(10_000);
const Calendar = z.string().trim().max(2_000).nullable().openapi({ description: 'Calendar as printed; null for none' });
const IsoDate = z.iso.date().openapi({ example: '2026-03-15' });
/** An actor by id or by key (`mx`, `iachr`). */
const ActorRef = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[a-z0-9]+(-[a-z0-9]+)*$/i)
  .max(120)
  .openapi({ description: 'Actor id, or its key', example: 'iachr' });
const Role = z.enum(ASSIGNMENT_ROLES);

export const UpdateItemInput = z
  .object({
    text: Text.optional(),
    code: Code.optional(),
    calendar: Calendar.optional(),
    startsOn: IsoDate.nullable().optional(),
    endsOn: IsoDate.nullable().optional(),
  })
  .openapi('UpdateItemInput');
export type UpdateItemInput = z.infer<typeof UpdateItemInput>;

export const AddItemInput = z
  .object({
    parentId: z.uuid().nullable().default(null).openapi({ description: 'The item it belongs to; null for a root' }),
    level: LEVEL_KEY.max(60).openapi({ description: "One of the programme's level keys", example: 'activity' }),
    code: Code,
    text: Text,
    calendar: Calendar.default(null),
    startsOn: IsoDate.nullable().default(null),
    endsOn: IsoDate.nullable().default(null),
  })
  .openapi('AddItemInput');
export type AddItemInput = z.infer<typeof AddItemInput>;

export const StatusChangeInput = z
  .object({
    status: z.enum(ITEM_STATUSES),
    date: IsoDate.openapi({ description: 'When the status changed; not in the future' }),
    note: z.string().trim().min(1).max(5_000).openapi({ description: 'What happened' }),
  })
  .openapi('StatusChangeInput');
export type StatusChangeInput = z.infer<typeof StatusChangeInput>;

export const AssignmentInput = z.object({ actorId: ActorRef, role: Role }).openapi('AssignmentInput');
export type AssignmentInput = z.infer<typeof AssignmentInput>;

export const AssignmentParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  actorId: ActorRef.openapi({ param: { name: 'actorId', in: 'path' } }),
  role: Role.openapi({ param: { name: 'role', in: 'path' } }),
});

/** In a form an empty (or absent) text box or date means "none". */
const blankAsNull = (v: unknown) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? null : v);

export const EditItemForm = z.object({
  text: Text,
  code: Code,
  calendar: z.preprocess(blankAsNull, Calendar),
  startsOn: z.preprocess(blankAsNull, IsoDate.nullable()),
  endsOn: z.preprocess(blankAsNull, IsoDate.nullable()),
});

export const AddChildForm = z.object({ level: AddItemInput.shape.level, code: Code, text: Text });
