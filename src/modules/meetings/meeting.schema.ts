/** Inputs of meetings and agreements, shared by the API, the forms and the bundled data. */
import { z } from '@hono/zod-openapi';
import { MEETING_KINDS, MEETING_STATES, MEETING_VISIBILITIES } from '../../db/schema/index.ts';
import { ITEM_STATUSES } from '../../domain/status.ts';

const ActorRef = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[a-z0-9]+(-[a-z0-9]+)*$/i)
  .max(120)
  .openapi({ description: 'Actor id or key (cam, crm, mx…)', example: 'cam' });

/** A day (all-day meeting) or an instant with its offset (timed meeting). */
const When = z
  .union([z.iso.date(), z.iso.datetime({ offset: true })])
  .openapi({ example: '2026-03-10T10:00:00-05:00' });

export const CreateMeetingInput = z
  .object({
    body: ActorRef,
    kind: z.enum(MEETING_KINDS),
    title: z.string().trim().min(1).max(500),
    description: z.string().max(20_000).optional(),
    startsAt: When,
    endsAt: When,
    timeZone: z.string().max(60).optional().openapi({ example: 'America/New_York' }),
    location: z.string().trim().max(500).optional(),
    online: z.boolean().optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    languages: z
      .array(z.enum(['es', 'en', 'fr', 'pt']))
      .max(4)
      .optional(),
    visibility: z.enum(MEETING_VISIBILITIES).default('public'),
    state: z.enum(MEETING_STATES).optional(),
    invited: z.array(ActorRef).max(200).optional(),
  })
  .refine((m) => (m.startsAt.length === 10) === (m.endsAt.length === 10), {
    message: 'startsAt and endsAt must both be days or both be instants',
    path: ['endsAt'],
  })
  .refine((m) => new Date(m.endsAt) >= new Date(m.startsAt), {
    message: 'endsAt must not be before startsAt',
    path: ['endsAt'],
  })
  .refine((m) => m.timeZone === undefined || isTimeZone(m.timeZone), {
    message: 'unknown time zone',
    path: ['timeZone'],
  })
  .openapi('CreateMeetingInput');
export type CreateMeetingInput = z.infer<typeof CreateMeetingInput>;

export const UpdateMeetingInput = z
  .object({
    kind: z.enum(MEETING_KINDS).optional(),
    title: z.string().trim().min(1).max(500).optional(),
    description: z.string().max(20_000).optional(),
    startsAt: When.optional(),
    endsAt: When.optional(),
    timeZone: z.string().max(60).optional(),
    location: z.string().trim().max(500).optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    visibility: z.enum(MEETING_VISIBILITIES).optional(),
    state: z.enum(MEETING_STATES).optional(),
  })
  .refine((m) => m.timeZone === undefined || isTimeZone(m.timeZone), {
    message: 'unknown time zone',
    path: ['timeZone'],
  })
  .openapi('UpdateMeetingInput');
export type UpdateMeetingInput = z.infer<typeof UpdateMeetingInput>;

export const CreateAgreementInput = z
  .object({
    text: z.string().trim().min(1).max(10_000),
    ownerActorIds: z.array(ActorRef).min(1).max(100),
    dueDate: z.iso.date().optional(),
    itemIds: z.array(z.uuid()).max(100).optional(),
    status: z.enum(ITEM_STATUSES).optional(),
  })
  .openapi('CreateAgreementInput');
export type CreateAgreementInput = z.infer<typeof CreateAgreementInput>;

export const UpdateAgreementInput = z
  .object({ status: z.enum(ITEM_STATUSES), note: z.string().trim().min(1).max(10_000), date: z.iso.date().optional() })
  .openapi('UpdateAgreementInput');

export const AgendaItemInput = z
  .object({ title: z.string().trim().min(1).max(1000), itemId: z.uuid().optional() })
  .openapi('AgendaItemInput');
export const MeetingDocumentInput = z
  .object({
    kind: z.enum(['agenda', 'presentation', 'minutes', 'other']),
    title: z.string().trim().min(1).max(300),
    url: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .openapi('MeetingDocumentInput');

export const MeetingFilter = z.object({
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  body: ActorRef.optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  actor: ActorRef.optional(),
  item: z.uuid().optional(),
});
export type MeetingFilter = z.infer<typeof MeetingFilter>;

export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}
