/**
 * The library's entries beside its documents: best practices and
 * legislation, each about one actor (a law, about its member state), with the
 * topics laws are compared by. Both are proposed by focal points, or offered
 * from accepted reports, and published by the secretariat.
 */
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type {
  BestPracticeSource,
  EntryState,
  LegalStatus,
  LegislationKind,
  LibraryVisibility,
} from '../../domain/vocabulary.ts';
import { users } from './accounts.ts';
import { documents } from './library.ts';
import { meetings } from './meetings.ts';
import { actors, items, type Translated } from './registry.ts';
import { reports } from './reporting.ts';

const entryColumns = () => ({
  id: uuid('id').primaryKey(),
  /** The language its texts are written in (the first of `title`'s, for search). */
  language: text('language').notNull(),
  state: text('state').$type<EntryState>().notNull(),
  visibility: text('visibility').$type<LibraryVisibility>().notNull().default('public'),
  proposedBy: uuid('proposed_by').references(() => users.id, { onDelete: 'set null' }),
  publishedAt: timestamp('published_at', { withTimezone: true }),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const bestPractices = pgTable(
  'best_practices',
  {
    ...entryColumns(),
    /** The country or actor whose practice it is. */
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id),
    title: jsonb('title').$type<Translated>().notNull(),
    summary: jsonb('summary').$type<Translated>().notNull().default({}),
    /** What was done, and what came of it. */
    done: jsonb('done').$type<Translated>().notNull().default({}),
    results: jsonb('results').$type<Translated>().notNull().default({}),
    periodStart: date('period_start'),
    periodEnd: date('period_end'),
    source: text('source').$type<BestPracticeSource>().notNull(),
    reportId: uuid('report_id').references(() => reports.id, { onDelete: 'set null' }),
    meetingId: uuid('meeting_id').references(() => meetings.id, { onDelete: 'set null' }),
  },
  (t) => [index('best_practices_actor_idx').on(t.actorId), index('best_practices_report_idx').on(t.reportId)],
);

export const bestPracticeItems = pgTable(
  'best_practice_items',
  {
    bestPracticeId: uuid('best_practice_id')
      .notNull()
      .references(() => bestPractices.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.bestPracticeId, t.itemId] }), index('best_practice_items_item_idx').on(t.itemId)],
);

export const bestPracticeDocuments = pgTable(
  'best_practice_documents',
  {
    bestPracticeId: uuid('best_practice_id')
      .notNull()
      .references(() => bestPractices.id, { onDelete: 'cascade' }),
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.bestPracticeId, t.documentId] })],
);

/** The topics laws are compared by, an editable list ("Trata de personas", "Refugio y asilo"…). */
export const legislationTopics = pgTable('legislation_topics', {
  key: text('key').primaryKey(),
  name: jsonb('name').$type<Translated>().notNull(),
  position: integer('position').notNull().default(0),
});

export const legislation = pgTable(
  'legislation',
  {
    ...entryColumns(),
    /** The member state whose act it is. */
    countryId: uuid('country_id')
      .notNull()
      .references(() => actors.id),
    title: jsonb('title').$type<Translated>().notNull(),
    kind: text('kind').$type<LegislationKind>().notNull(),
    /** The act's number as it is cited ("Decreto 20-2008"). */
    number: text('number'),
    adoptedOn: date('adopted_on'),
    status: text('status').$type<LegalStatus>().notNull().default('in_force'),
    /** The act that amended or repealed it. */
    amendedBy: text('amended_by'),
    /** Keys of `legislation_topics`. */
    topics: jsonb('topics').$type<string[]>().notNull().default([]),
    url: text('url'),
    documentId: uuid('document_id').references(() => documents.id, { onDelete: 'set null' }),
  },
  (t) => [index('legislation_country_idx').on(t.countryId)],
);
