/** Plans being imported: the tables read from the uploaded file and the mapping chosen, until committed. */
import { boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import type { ColumnMapping } from '../../domain/plan-import/column-guess.ts';
import type { BlankCells } from '../../domain/plan-import/plan-tree.ts';
import type { SourceTable } from '../../domain/plan-import/source-table.ts';
import { users } from './accounts.ts';
import { programmes } from './registry.ts';

export const planImports = pgTable(
  'plan_imports',
  {
    id: uuid('id').primaryKey(),
    programmeId: uuid('programme_id')
      .notNull()
      .references(() => programmes.id, { onDelete: 'cascade' }),
    fileName: text('file_name').notNull(),
    format: text('format').$type<'xlsx' | 'csv' | 'docx'>().notNull(),
    tables: jsonb('tables').$type<SourceTable[]>().notNull(),
    /** The table chosen (0-based among `tables`). */
    tableIndex: integer('table_index').notNull(),
    headerRow: integer('header_row').notNull(),
    columns: jsonb('columns').$type<ColumnMapping[]>().notNull(),
    /** What a blank cell of a level column means: as above, or no item at that level. */
    blankCells: text('blank_cells').$type<BlankCells>().notNull().default('above'),
    /** The columns were first mapped from a saved mapping (until the user changes them). */
    mappingReused: boolean('mapping_reused').notNull().default(false),
    /** Names in the actor columns matched by hand: folded name → actor key, or `ignore`. */
    actorChoices: jsonb('actor_choices').$type<Record<string, string>>().notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    committedAt: timestamp('committed_at', { withTimezone: true }),
  },
  (t) => [index('plan_imports_programme_idx').on(t.programmeId)],
);
