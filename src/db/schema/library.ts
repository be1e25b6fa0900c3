/** The library: documents (a stored file or a link) with their extracted text, and the files themselves. */
import { sql } from 'drizzle-orm';
import { date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { DocumentType, LibraryVisibility, TextStatus } from '../../domain/vocabulary.ts';
import { users } from './accounts.ts';
import { meetings } from './meetings.ts';
import { actors, items, type Translated } from './registry.ts';
import { bytea } from './reporting.ts';

/**
 * Uploaded files, by key: the database is the embedded default of the file
 * store (`src/modules/library/file-store.ts`); another store keeps the bytes
 * elsewhere under the same key.
 */
export const storedFiles = pgTable('stored_files', {
  key: uuid('key').primaryKey(),
  contentType: text('content_type').notNull(),
  size: integer('size').notNull(),
  sha256: text('sha256').notNull(),
  data: bytea('data').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
});

export const documents = pgTable(
  'documents',
  {
    id: uuid('id').primaryKey(),
    /** Title and summary by language (`es`, `en`, `pt`, `fr`). */
    title: jsonb('title').$type<Translated>().notNull(),
    summary: jsonb('summary').$type<Translated>().notNull().default({}),
    type: text('type').$type<DocumentType>().notNull(),
    /** The languages the document is written in. */
    languages: jsonb('languages').$type<string[]>().notNull().default([]),
    issuedOn: date('issued_on'),
    visibility: text('visibility').$type<LibraryVisibility>().notNull().default('public'),
    /** A link, or a stored file (`fileKey` in the file store). */
    url: text('url'),
    fileKey: uuid('file_key'),
    filename: text('filename'),
    contentType: text('content_type'),
    size: integer('size'),
    sha256: text('sha256'),
    textStatus: text('text_status').$type<TextStatus>().notNull(),
    /** The file's text, page by page where the format has pages. */
    pages: jsonb('pages').$type<string[]>().notNull().default([]),
    /**
     * The member states it is about (its `country` links, sorted): read with a search's matches for the country
     * facet and filter. Written with the links; a trigger checked at commit keeps it equal to them.
     */
    countryIds: uuid('country_ids').array().notNull().default(sql`'{}'::uuid[]`),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('documents_created_idx').on(t.createdAt)],
);

/** The countries and actors a document is about (`country`: a member state it covers). */
export const documentActors = pgTable(
  'document_actors',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    role: text('role').$type<'country' | 'actor'>().notNull(),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.actorId, t.role] }), index('document_actors_actor_idx').on(t.actorId)],
);

export const documentItems = pgTable(
  'document_items',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.itemId] }), index('document_items_item_idx').on(t.itemId)],
);

export const documentMeetings = pgTable(
  'document_meetings',
  {
    documentId: uuid('document_id')
      .notNull()
      .references(() => documents.id, { onDelete: 'cascade' }),
    meetingId: uuid('meeting_id')
      .notNull()
      .references(() => meetings.id, { onDelete: 'cascade' }),
  },
  (t) => [primaryKey({ columns: [t.documentId, t.meetingId] }), index('document_meetings_meeting_idx').on(t.meetingId)],
);
