/** Meetings (sessions, conferences, workshops…), their agendas and documents, and the agreements to follow up. */
import { boolean, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ItemStatus } from '../../domain/status.ts';
import { users } from './accounts.ts';
import { actors, items } from './registry.ts';
import { bytea, reports } from './reporting.ts';

export const MEETING_KINDS = [
  'formal_session',
  'informal_session',
  'conference',
  'workshop',
  'seminar',
  'training',
  'expert_meeting',
] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];
export const MEETING_STATES = ['planned', 'confirmed', 'held', 'cancelled'] as const;
export type MeetingState = (typeof MEETING_STATES)[number];
export const MEETING_VISIBILITIES = ['public', 'members'] as const;
export type MeetingVisibility = (typeof MEETING_VISIBILITIES)[number];

export const meetings = pgTable(
  'meetings',
  {
    id: uuid('id').primaryKey(),
    /** The body that holds it: an actor (CAM, CIDI, CRM, GRCM, a network…). */
    bodyId: uuid('body_id')
      .notNull()
      .references(() => actors.id),
    kind: text('kind').$type<MeetingKind>().notNull(),
    title: text('title').notNull(),
    description: text('description'),
    /** All-day meetings have dates only; timed ones have instants and a time zone. */
    allDay: boolean('all_day').notNull().default(true),
    startsOn: date('starts_on').notNull(),
    endsOn: date('ends_on').notNull(),
    startsAt: timestamp('starts_at', { withTimezone: true }),
    endsAt: timestamp('ends_at', { withTimezone: true }),
    timeZone: text('time_zone'),
    /** The date as printed when only a month is known ("FEBRERO – 2019"). */
    dateText: text('date_text'),
    location: text('location'),
    online: boolean('online').notNull().default(false),
    url: text('url'),
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    visibility: text('visibility').$type<MeetingVisibility>().notNull().default('public'),
    state: text('state').$type<MeetingState>().notNull().default('planned'),
    /** Increases on every change that matters to a calendar (iCalendar SEQUENCE). */
    sequence: integer('sequence').notNull().default(0),
    source: text('source'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meetings_starts_idx').on(t.startsOn), index('meetings_body_idx').on(t.bodyId)],
);

/** Actors invited to or taking part in a meeting; `people` names who attended ("TBD" allowed). */
export const meetingActors = pgTable(
  'meeting_actors',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id),
    role: text('role').$type<'invited' | 'participant'>().notNull(),
    people: text('people'),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.actorId, t.role] }), index('meeting_actors_actor_idx').on(t.actorId)],
);

/** People invited by e-mail address, with or without an account (experts, other ministries' staff). */
export const meetingGuests = pgTable(
  'meeting_guests',
  {
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
  },
  (t) => [primaryKey({ columns: [t.meetingId, t.email] })],
);

export const agendaItems = pgTable(
  'agenda_items',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    title: text('title').notNull(),
    itemId: uuid('item_id').references(() => items.id),
  },
  (t) => [index('agenda_items_meeting_idx').on(t.meetingId)],
);

export const meetingDocuments = pgTable(
  'meeting_documents',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'agenda' | 'presentation' | 'minutes' | 'other'>().notNull(),
    title: text('title').notNull(),
    /** A link, or an uploaded file kept in the database (so instances stay stateless). */
    url: text('url'),
    filename: text('filename'),
    contentType: text('content_type'),
    size: integer('size'),
    data: bytea('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('meeting_documents_meeting_idx').on(t.meetingId)],
);

/** A decision taken at a meeting, followed up like any activity. */
export const agreements = pgTable(
  'agreements',
  {
    id: uuid('id').primaryKey(),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
    position: integer('position').notNull().default(0),
    text: text('text').notNull(),
    dueDate: date('due_date'),
    status: text('status').$type<ItemStatus>().notNull().default('not_started'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agreements_meeting_idx').on(t.meetingId)],
);

export const agreementOwners = pgTable(
  'agreement_owners',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.actorId] }), index('agreement_owners_actor_idx').on(t.actorId)],
);

export const agreementItems = pgTable(
  'agreement_items',
  {
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id),
  },
  (t) => [primaryKey({ columns: [t.agreementId, t.itemId] })],
);

export const agreementNotes = pgTable(
  'agreement_notes',
  {
    id: uuid('id').primaryKey(),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    notedOn: date('noted_on').notNull(),
    status: text('status').$type<ItemStatus>(),
    text: text('text').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('agreement_notes_agreement_idx').on(t.agreementId)],
);

/** Agreements reported on in a report: an entry per agreement owned by the actor. */
export const reportAgreementEntries = pgTable(
  'report_agreement_entries',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    agreementId: uuid('agreement_id')
      .notNull()
      .references(() => agreements.id, { onDelete: 'cascade' }),
    text: text('text').notNull().default(''),
    status: text('status').$type<ItemStatus>(),
  },
  (t) => [
    primaryKey({ columns: [t.reportId, t.agreementId] }),
    index('report_agreement_entries_agreement_idx').on(t.agreementId),
  ],
);
