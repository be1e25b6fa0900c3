/** Reporting cycles and the reports actors file in them. */
import {
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import type { ItemStatus } from '../../domain/status.ts';
import { users } from './accounts.ts';
import { actors, items, programmes } from './registry.ts';

export const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => 'bytea',
  fromDriver: (value) => Buffer.from(value),
});

export const CYCLE_STATES = ['draft', 'open', 'closed', 'published'] as const;
export type CycleState = (typeof CYCLE_STATES)[number];
export const REPORT_STATES = ['draft', 'submitted', 'approved', 'accepted', 'returned'] as const;
export type ReportState = (typeof REPORT_STATES)[number];
export const REPORT_SECTIONS = ['best_practices', 'new_proposals', 'calendar'] as const;
export type ReportSectionKey = (typeof REPORT_SECTIONS)[number];

export const cycles = pgTable(
  'cycles',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id),
    period: text('period').notNull(),
    opensAt: date('opens_at').notNull(),
    deadline: date('deadline').notNull(),
    state: text('state').$type<CycleState>().notNull(),
    title: jsonb('title').$type<Record<string, string>>(),
    introduction: text('introduction'),
    background: text('background'),
    conclusion: text('conclusion'),
    /** The consolidated report's document symbol, a line each ("OEA/Ser.G", "CP/CAJP-2708/09"), as the secretariat gives it. */
    documentSymbol: text('document_symbol'),
    /** The date the document bears, under its symbol. */
    documentDate: date('document_date'),
    /** The paper the report is printed on: `letter` (the OAS's) or `a4`. */
    paper: text('paper').$type<'letter' | 'a4'>().notNull().default('letter'),
    source: text('source'),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    closedAt: timestamp('closed_at', { withTimezone: true }),
    publishedAt: timestamp('published_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('cycles_programme_period_idx').on(t.programmeId, t.period)],
);

export const cycleActors = pgTable(
  'cycle_actors',
  {
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id),
    position: integer('position').notNull().default(0),
    /**
     * The group the actor's chapter is printed under in the consolidated
     * report, as the secretariat set it for this cycle: the key of an actor
     * (its parent secretariat, "E. Secretaría Ejecutiva para el Desarrollo
     * Integral") or `additional` ("Actores adicionales del Programa").
     */
    chapterGroup: text('chapter_group'),
  },
  (t) => [primaryKey({ columns: [t.cycleId, t.actorId] })],
);

export const reports = pgTable(
  'reports',
  {
    id: uuid('id').primaryKey(),
    cycleId: uuid('cycle_id')
      .notNull()
      .references(() => cycles.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id),
    state: text('state').$type<ReportState>().notNull(),
    version: integer('version').notNull().default(1),
    late: boolean('late').notNull().default(false),
    returnComment: text('return_comment'),
    /** The chapter heading as printed, for reports transcribed from a document. */
    heading: text('heading'),
    submittedAt: timestamp('submitted_at', { withTimezone: true }),
    approvedAt: timestamp('approved_at', { withTimezone: true }),
    acceptedAt: timestamp('accepted_at', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
    updatedBy: uuid('updated_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [uniqueIndex('reports_cycle_actor_idx').on(t.cycleId, t.actorId), index('reports_actor_idx').on(t.actorId)],
);

export const reportEntries = pgTable(
  'report_entries',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    /** The programme item reported on; null for an item of the report not in the programme (historical text). */
    itemId: uuid('item_id').references(() => items.id),
    position: integer('position').notNull(),
    mandate: text('mandate'),
    carriedOut: text('carried_out').notNull().default(''),
    planned: text('planned').notNull().default(''),
    statusAssessment: text('status_assessment').$type<ItemStatus>(),
    /** What the secretariat did with the assessment once the report was accepted: applied to the item, or dismissed. */
    statusReview: text('status_review').$type<'applied' | 'dismissed'>(),
  },
  (t) => [
    index('report_entries_report_idx').on(t.reportId),
    uniqueIndex('report_entries_item_idx').on(t.reportId, t.itemId),
  ],
);

export const reportSections = pgTable(
  'report_sections',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    key: text('key').$type<ReportSectionKey>().notNull(),
    body: text('body').notNull().default(''),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.key] })],
);

/** Every saved version of a report's content, for history and for showing conflicts side by side. */
export const reportRevisions = pgTable(
  'report_revisions',
  {
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    content: jsonb('content').notNull(),
    savedAt: timestamp('saved_at', { withTimezone: true }).notNull().defaultNow(),
    savedBy: uuid('saved_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [primaryKey({ columns: [t.reportId, t.version] })],
);

/** State changes of a report, with the comment of a return. */
export const reportEvents = pgTable(
  'report_events',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'set null' }),
    fromState: text('from_state').$type<ReportState>().notNull(),
    toState: text('to_state').$type<ReportState>().notNull(),
    comment: text('comment'),
    /** The report's version when the step was taken: what a submission sent, for comparing two of them. */
    version: integer('version'),
  },
  (t) => [index('report_events_report_idx').on(t.reportId, t.at)],
);

/** Who wrote a comment on a report, as what: a reviewer asks, the focal point answers. */
export type CommentRole = 'secretariat' | 'validator' | 'focal_point';

/** Comments on one activity of a report, by its reviewers and its focal points, in order. */
export const reportComments = pgTable(
  'report_comments',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id')
      .notNull()
      .references(() => reportEntries.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    role: text('role').$type<CommentRole>().notNull(),
    body: text('body').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('report_comments_report_idx').on(t.reportId, t.at)],
);

/** Evidence: an uploaded file (kept in the database, so instances stay stateless) or a link. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey(),
    reportId: uuid('report_id')
      .notNull()
      .references(() => reports.id, { onDelete: 'cascade' }),
    entryId: uuid('entry_id').references(() => reportEntries.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'file' | 'link'>().notNull(),
    title: text('title').notNull(),
    url: text('url'),
    filename: text('filename'),
    contentType: text('content_type'),
    size: integer('size'),
    data: bytea('data'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('attachments_report_idx').on(t.reportId)],
);
