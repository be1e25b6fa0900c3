/** The database schema: programmes, their item trees, actors and who is assigned what. */
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
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
import type { SavedMapping } from '../../domain/plan-import/column-guess.ts';
import type { ItemStatus } from '../../domain/status.ts';
import type {
  ActorType,
  AssignmentRole,
  MembershipRole,
  ProgrammeActorRole,
  ProgrammeKind,
  ProgrammeStatus,
} from '../../domain/vocabulary.ts';

/** A text in several languages, keyed by BCP 47 code (`es`, `en`…). */
export type Translated = Record<string, string>;

export const actors = pgTable(
  'actors',
  {
    id: uuid('id').primaryKey(),
    key: text('key').notNull(),
    type: text('type').$type<ActorType>().notNull(),
    name: jsonb('name').$type<Translated>().notNull(),
    acronym: jsonb('acronym').$type<Translated>().notNull().default({}),
    parentId: uuid('parent_id').references((): AnyPgColumn => actors.id),
    iso: text('iso'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('actors_key_idx').on(t.key),
    index('actors_type_idx').on(t.type),
    index('actors_parent_idx').on(t.parentId),
    check('actors_iso_format', sql`${t.iso} is null or ${t.iso} ~ '^[A-Z]{2}$'`),
  ],
);

export const actorMemberships = pgTable(
  'actor_memberships',
  {
    id: uuid('id').primaryKey(),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    groupId: uuid('group_id')
      .notNull()
      .references(() => actors.id, { onDelete: 'cascade' }),
    role: text('role').$type<MembershipRole>().notNull(),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    note: jsonb('note').$type<Translated>(),
  },
  (t) => [index('actor_memberships_actor_idx').on(t.actorId), index('actor_memberships_group_idx').on(t.groupId)],
);

export const programmes = pgTable(
  'programmes',
  {
    id: uuid('id').primaryKey(),
    slug: text('slug').notNull(),
    kind: text('kind').$type<ProgrammeKind>().notNull(),
    language: text('language').notNull(),
    title: jsonb('title').$type<Translated>().notNull(),
    shortTitle: jsonb('short_title').$type<Translated>().notNull().default({}),
    summary: jsonb('summary').$type<Translated>().notNull().default({}),
    /** What Enlace added that the document does not print (e.g. activity → objective links). */
    editorialNote: jsonb('editorial_note').$type<Translated>(),
    /** What the text of this edition is, where it is not the adopted text (a draft, a revision subject to style). */
    editionNote: jsonb('edition_note').$type<Translated>(),
    issuingBodyId: uuid('issuing_body_id').references(() => actors.id),
    adoptionReference: text('adoption_reference'),
    adoptionDate: date('adoption_date'),
    edition: text('edition').notNull(),
    /** The edition this one was derived from, if any. */
    previousEditionId: uuid('previous_edition_id').references((): AnyPgColumn => programmes.id, {
      onDelete: 'set null',
    }),
    status: text('status').$type<ProgrammeStatus>().notNull(),
    /** The mapping of the last plan imported, by column header, offered again for the next edition's file. */
    importMapping: jsonb('import_mapping').$type<SavedMapping>(),
    source: text('source').notNull(),
    position: integer('position').notNull().default(0),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('programmes_slug_idx').on(t.slug)],
);

export const programmeLevels = pgTable(
  'programme_levels',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    name: jsonb('name').$type<Translated>().notNull(),
    plural: jsonb('plural').$type<Translated>().notNull(),
    /** How codes of this level are made when the plan prints none: `{parent}.{n}`, `{n}`, `DH-{n}`. */
    codePattern: text('code_pattern'),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.key] })],
);

export const mandates = pgTable(
  'mandates',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    reference: text('reference').notNull(),
    title: text('title'),
    paragraphs: text('paragraphs'),
  },
  (t) => [index('mandates_programme_idx').on(t.programmeId)],
);

export const programmeActors = pgTable(
  'programme_actors',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id),
    role: text('role').$type<ProgrammeActorRole>().notNull(),
    position: integer('position').notNull(),
    description: text('description'),
  },
  (t) => [index('programme_actors_programme_idx').on(t.programmeId), index('programme_actors_actor_idx').on(t.actorId)],
);

export const programmeSections = pgTable(
  'programme_sections',
  {
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    position: integer('position').notNull(),
    heading: text('heading').notNull(),
    /** The heading in other languages (the body stays as written, in the programme's language). */
    headingTranslated: jsonb('heading_translated').$type<Translated>(),
    body: text('body').notNull(),
  },
  (t) => [primaryKey({ columns: [t.programmeId, t.key] })],
);

export const items = pgTable(
  'items',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    parentId: uuid('parent_id').references((): AnyPgColumn => items.id, { onDelete: 'cascade' }),
    levelKey: text('level_key').notNull(),
    code: text('code').notNull(),
    /** The code was made by Enlace (from the level's pattern) because the plan prints none. */
    codeMade: boolean('code_made').notNull().default(false),
    text: text('text').notNull(),
    position: integer('position').notNull(),
    /** Depth-first rank in the programme: the order a reader meets items in the document. */
    ordinal: integer('ordinal').notNull(),
    status: text('status').$type<ItemStatus>(),
    calendar: text('calendar'),
    startsOn: date('starts_on'),
    endsOn: date('ends_on'),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('items_programme_code_idx').on(t.programmeId, t.code), index('items_parent_idx').on(t.parentId)],
);

export const itemStatusHistory = pgTable(
  'item_status_history',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    status: text('status').$type<ItemStatus>().notNull(),
    changedOn: date('changed_on').notNull(),
    note: text('note'),
    /** The accepted report whose assessment this change confirmed (no foreign key: reports build on this schema). */
    sourceReportId: uuid('source_report_id'),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('item_status_history_item_idx').on(t.itemId, t.changedOn)],
);

export const itemNotes = pgTable(
  'item_notes',
  {
    id: uuid('id').primaryKey(),
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    notedOn: date('noted_on').notNull(),
    position: integer('position').notNull(),
    text: text('text').notNull(),
    status: text('status').$type<ItemStatus>(),
    /** A deadline or a future event the note announces ("…remitirán la matriz… 31 de enero de 2007"). */
    dueOn: date('due_on'),
  },
  (t) => [index('item_notes_item_idx').on(t.itemId)],
);

/** Item ↔ item: an activity serving an objective, or an alignment across programmes. */
export const itemLinks = pgTable(
  'item_links',
  {
    fromItemId: uuid('from_item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    toItemId: uuid('to_item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
  },
  (t) => [primaryKey({ columns: [t.fromItemId, t.toItemId, t.kind] }), index('item_links_to_idx').on(t.toItemId)],
);

export const assignments = pgTable(
  'assignments',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id),
    role: text('role').$type<AssignmentRole>().notNull(),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.actorId, t.role] }), index('assignments_actor_idx').on(t.actorId)],
);

/**
 * An actor the item's notes name (a host, a participant, a proposer) without the plan giving it the item to do:
 * shown and linked, never counted as a responsibility.
 */
export const itemMentions = pgTable(
  'item_mentions',
  {
    itemId: uuid('item_id')
      .notNull()
      .references(() => items.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id')
      .notNull()
      .references(() => actors.id),
    position: integer('position').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.itemId, t.actorId] }), index('item_mentions_actor_idx').on(t.actorId)],
);

/** Which bundled data sets have been loaded, so start-up loads each once. */
export const bundledDatasets = pgTable('bundled_datasets', {
  name: text('name').primaryKey(),
  checksum: text('checksum').notNull(),
  loadedAt: timestamp('loaded_at', { withTimezone: true }).notNull().defaultNow(),
});
