/** Inputs of meetings and agreements, shared by the API, the forms and the bundled data. */
import { z } from '@hono/zod-openapi';
import { MEETING_KINDS, MEETING_STATES, MEETING_VISIBILITIES } from '../../db/schema/index.ts';
import { ITEM_STATUSES } from '../../domain/status.ts';

export const MEETING_DOCUMENT_KINDS = ['agenda', 'presentation', 'minutes', 'other'] as const;

const ActorRef = z
  .string()
  .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[a-z0-9]+(-[a-z0-9]+)*$/i)
  .max(120)
  .openapi({ description: 'Actor id or key (cam, crm, mx…)', example: 'cam' });

/** People invited by e-mail address, whether or not they have an account; seen only by the secretariat. */
const Guests = z
  .array(z.email().max(254))
  .max(200)
  .openapi({
    description: 'E-mail addresses of people invited besides the invited actors',
    example: ['ana@example.org'],
  });

/** The IANA time zones this server knows: the document lists them, so what it calls valid is. */
const TimeZone = z
  .enum(['UTC', ...Intl.supportedValuesOf('timeZone')] as [string, ...string[]])
  .openapi({ description: 'An IANA time zone', example: 'America/New_York' });

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
    timeZone: TimeZone.optional(),
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
    guests: Guests.optional(),
  })
  .refine((m) => (m.startsAt.length === 10) === (m.endsAt.length === 10), {
    message: 'startsAt and endsAt must both be days or both be instants',
    path: ['endsAt'],
  })
  .refine((m) => new Date(m.endsAt) >= new Date(m.startsAt), {
    message: 'endsAt must not be before startsAt',
    path: ['endsAt'],
    params: { messageKey: 'error.field.endBeforeStart' },
  })
  .openapi({
    description:
      '`endsAt` may not be before `startsAt`, both are days or both instants, and `body` and `invited` must be known actors: otherwise 400 naming the field',
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
    timeZone: TimeZone.optional(),
    location: z.string().trim().max(500).optional(),
    url: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
    visibility: z.enum(MEETING_VISIBILITIES).optional(),
    state: z.enum(MEETING_STATES).optional(),
    invited: z
      .array(ActorRef)
      .max(200)
      .optional()
      .openapi({ description: 'Replaces the invited actors; those newly invited get the invitation' }),
    guests: Guests.optional().openapi({ description: 'Replaces the people invited by e-mail address' }),
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
    kind: z.enum(MEETING_DOCUMENT_KINDS),
    title: z.string().trim().min(1).max(300),
    url: z.url({ protocol: /^https?$/ }).max(2000),
  })
  .openapi('MeetingDocumentInput');

export const MeetingFilter = z.object({
  from: z.iso.date().optional(),
  to: z.iso
    .date()
    .optional()
    .openapi({ description: 'Not before `from` (else 400); `body` and `actor` must be known actors' }),
  body: ActorRef.optional(),
  kind: z.enum(MEETING_KINDS).optional(),
  actor: ActorRef.optional(),
  item: z.uuid().optional(),
});
export type MeetingFilter = z.infer<typeof MeetingFilter>;

// ---------------------------------------------------------------------------
// What the API answers (the presenters' shapes)
// ---------------------------------------------------------------------------

const ActorName = z.object({ id: z.uuid(), key: z.string(), name: z.string(), acronym: z.string().nullable() });

export const MeetingSchema = z
  .object({
    id: z.uuid(),
    body: ActorName,
    kind: z.enum(MEETING_KINDS),
    title: z.string(),
    description: z.string().nullable(),
    allDay: z.boolean(),
    startsAt: z.string().openapi({ description: 'A day (all-day meetings) or an ISO 8601 instant' }),
    endsAt: z.string(),
    timeZone: z.string().nullable(),
    dateText: z.string().nullable().openapi({ description: 'The dates as the source printed them' }),
    location: z.string().nullable(),
    online: z.boolean(),
    url: z.string().nullable(),
    languages: z.array(z.string()),
    visibility: z.enum(MEETING_VISIBILITIES),
    state: z.enum(MEETING_STATES),
    sequence: z.number().int().openapi({ description: 'Grows with each change sent to calendars' }),
  })
  .openapi('Meeting');

export const AgreementSchema = z
  .object({
    id: z.uuid(),
    meetingId: z.uuid(),
    text: z.string(),
    dueDate: z.string().nullable(),
    status: z.enum(ITEM_STATUSES),
    owners: z.array(ActorName),
    items: z.array(z.object({ id: z.uuid(), code: z.string(), text: z.string() })),
    notes: z.array(z.object({ date: z.string(), status: z.enum(ITEM_STATUSES).nullable(), text: z.string() })),
  })
  .openapi('Agreement');

export const MeetingDetailSchema = MeetingSchema.extend({
  participants: z.array(
    z.object({
      role: z.enum(['invited', 'participant']),
      people: z.string().nullable(),
      actor: z.object({ id: z.uuid(), key: z.string(), name: z.string() }),
    }),
  ),
  agenda: z.array(
    z.object({
      id: z.uuid(),
      title: z.string(),
      item: z.object({ id: z.uuid(), code: z.string(), programme: z.string().nullable() }).nullable(),
    }),
  ),
  documents: z.array(
    z.object({
      id: z.uuid(),
      kind: z.enum(MEETING_DOCUMENT_KINDS),
      title: z.string(),
      url: z.string(),
      filename: z.string().nullable(),
      size: z.number().int().nullable(),
    }),
  ),
  agreements: z.array(AgreementSchema),
  guests: z
    .array(z.string())
    .optional()
    .openapi({ description: 'People invited by e-mail address: shown to the secretariat only' }),
}).openapi('MeetingDetail');

export const CreatedSchema = z.object({ id: z.uuid() }).openapi('Created');
