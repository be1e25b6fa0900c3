/**
 * Importing a plan into a programme, in three steps that write nothing to
 * the programme until the last: the file is read and its table guessed
 * (`startImport`), the user corrects the mapping of its columns
 * (`mapImport`), and the tree is written in one transaction, all or nothing,
 * only when no problem is left (`commitImport`). Each step answers with the
 * preview: the tree, its counts per level, its problems and warnings.
 */
import { and, asc, eq, max } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  assignments,
  itemNotes,
  itemStatusHistory,
  items,
  planImports,
  programmeLevels,
  programmes,
} from '../../db/schema/index.ts';
import { foldText } from '../../domain/item-filter.ts';
import { actorName, type KnownActor } from '../../domain/plan-import/cell-values.ts';
import {
  applySavedMapping,
  type ColumnMapping,
  guessBlankCells,
  guessColumns,
  type SavedMapping,
} from '../../domain/plan-import/column-guess.ts';
import { type BlankCells, buildPlanTree, type ImportItem, type PlanTree } from '../../domain/plan-import/plan-tree.ts';
import { ownText, type SourceTable } from '../../domain/plan-import/source-table.ts';
import { guessHeaderRow } from '../../domain/plan-import/table-bounds.ts';
import { ITEM_STATUSES, type ItemStatus } from '../../domain/status.ts';
import { type ActorType, CREATABLE_ACTOR_TYPES } from '../../domain/vocabulary.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import { LOCALES, translator } from '../../web/i18n/i18n.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { carryOver } from '../programmes/programme-editions.service.ts';
import { readPlanFile } from './plan-file.ts';

type ImportRow = typeof planImports.$inferSelect;

export type ImportState = {
  id: string;
  programmeSlug: string;
  fileName: string;
  format: ImportRow['format'];
  /** The sheets or tables of the file, the chosen one marked. */
  tables: { index: number; kind: SourceTable['kind']; name: string; rows: number; chosen: boolean }[];
  headerRow: number;
  columns: { index: number; header: string; guess: ColumnMapping }[];
  mapping: ColumnMapping[];
  blankCells: BlankCells;
  /** Names the user chose to create as new actors when the import is committed. */
  newActors: { name: string; type: string }[];
  /** The columns were mapped as the programme's (or its previous edition's) last import mapped the same headers. */
  mappingReused: boolean;
  levels: { key: string; name: Record<string, string> }[];
  tree: PlanTree;
  committed: boolean;
};

const notImportable = () => new AppError('programme_not_importable', 409, 'error.programmeNotImportable');

async function programmeBySlug(db: Db, slug: string) {
  const [programme] = await db
    .select({
      id: programmes.id,
      slug: programmes.slug,
      status: programmes.status,
      importMapping: programmes.importMapping,
      previousEditionId: programmes.previousEditionId,
    })
    .from(programmes)
    .where(eq(programmes.slug, slug));
  if (!programme) throw notFound('programme');
  return programme;
}

/** Only a draft programme, or one still empty, takes an import: a plan in force is edited item by item. */
async function checkImportable(db: Db, programme: { id: string; status: string }) {
  if (programme.status === 'draft') return;
  const [any] = await db.select({ id: items.id }).from(items).where(eq(items.programmeId, programme.id)).limit(1);
  if (any) throw notImportable();
}

const levelsOf = (db: Db, programmeId: string) =>
  db
    .select()
    .from(programmeLevels)
    .where(eq(programmeLevels.programmeId, programmeId))
    .orderBy(asc(programmeLevels.position));

/** Every actor with the names a plan may give it. */
export async function knownActors(db: Db): Promise<KnownActor[]> {
  const rows = await db
    .select({ key: actors.key, name: actors.name, acronym: actors.acronym, iso: actors.iso })
    .from(actors);
  return rows.map((a) => ({
    key: a.key,
    names: [...Object.values(a.name), ...Object.values(a.acronym), ...(a.iso ? [a.iso] : [])],
  }));
}

/** The statuses as the catalogs name them in every language, folded. */
function statusLabels(): Map<string, ItemStatus> {
  const labels = new Map<string, ItemStatus>();
  for (const locale of LOCALES) {
    const t = translator(locale);
    for (const status of ITEM_STATUSES) labels.set(foldText(t.t(`status.${status}`)), status);
  }
  return labels;
}

async function treeOf(db: Db, row: ImportRow, programmeId: string): Promise<PlanTree> {
  const levels = await levelsOf(db, programmeId);
  const existing = await db.select({ code: items.code }).from(items).where(eq(items.programmeId, programmeId));
  return buildPlanTree(row.tables[row.tableIndex] as SourceTable, row.headerRow, row.columns, {
    levels: levels.map((l) => ({ key: l.key, codePattern: l.codePattern })),
    actors: await knownActors(db),
    // A name to be created as a new actor reads as its own pseudo-key, `new:<type>:<name as written>`.
    chosenActors: new Map(Object.entries(row.actorChoices)),
    statusLabels: statusLabels(),
    existingCodes: new Set(existing.map((e) => e.code)),
    blankCells: row.blankCells,
  });
}

function headersOf(table: SourceTable, headerRow: number): string[] {
  const row = table.rows.find((r) => r.number === headerRow);
  const width = Math.max(0, ...table.rows.map((r) => r.cells.length));
  return Array.from({ length: width }, (_, i) => (row ? ownText(row, i) : ''));
}

async function stateOf(db: Db, row: ImportRow, slug: string, programmeId: string): Promise<ImportState> {
  const table = row.tables[row.tableIndex] as SourceTable;
  const levels = await levelsOf(db, programmeId);
  const guesses = guessColumns(
    headersOf(table, row.headerRow),
    levels.map((l) => ({ key: l.key, names: [...Object.values(l.name), ...Object.values(l.plural)] })),
  );
  return {
    id: row.id,
    programmeSlug: slug,
    fileName: row.fileName,
    format: row.format,
    tables: row.tables.map((t, index) => ({
      index,
      kind: t.kind,
      name: t.name,
      rows: t.rows.length,
      chosen: index === row.tableIndex,
    })),
    headerRow: row.headerRow,
    columns: headersOf(table, row.headerRow).map((header, index) => ({
      index,
      header,
      guess: guesses[index] as ColumnMapping,
    })),
    mapping: row.columns,
    blankCells: row.blankCells,
    newActors: Object.values(row.actorChoices).flatMap((choice) => {
      const [prefix, type, ...name] = choice.split(':');
      return `${prefix}:` === NEW_ACTOR ? [{ name: name.join(':'), type: type as string }] : [];
    }),
    mappingReused: row.mappingReused,
    levels: levels.map((l) => ({ key: l.key, name: l.name })),
    tree: await treeOf(db, row, programmeId),
    committed: row.committedAt !== null,
  };
}

export type StartImportInput = {
  fileName: string;
  bytes: Uint8Array;
  sheet?: string | undefined;
  table?: number | undefined;
};

/** The table asked for (a sheet by name, a Word table by number), else the first that has a header. */
function chooseTable(tables: SourceTable[], input: StartImportInput): number {
  if (input.sheet !== undefined) {
    const index = tables.findIndex((t) => t.name === input.sheet);
    if (index < 0) throw invalidInput([{ field: 'sheet', messageKey: 'error.field.unknownSheet' }]);
    return index;
  }
  if (input.table !== undefined) {
    if (input.table < 1 || input.table > tables.length) {
      throw invalidInput([
        { field: 'table', messageKey: 'error.field.unknownTable', params: { count: tables.length } },
      ]);
    }
    return input.table - 1;
  }
  const withHeader = tables.findIndex((t) => guessHeaderRow(t) !== null);
  return Math.max(0, withHeader);
}

/** Who imports: a user, or nobody (`userId: null`) on the command line. */
export type Importer = { userId: string | null };

export async function startImport(db: Db, slug: string, input: StartImportInput, by: Importer): Promise<ImportState> {
  const programme = await programmeBySlug(db, slug);
  await checkImportable(db, programme);
  const { format, tables } = await readPlanFile(input.bytes, input.fileName);
  const tableIndex = chooseTable(tables, input);
  const table = tables[tableIndex] as SourceTable;
  const headerRow = guessHeaderRow(table) ?? table.rows[0]?.number ?? 1;
  const levels = await levelsOf(db, programme.id);
  const headers = headersOf(table, headerRow);
  const guessed = guessColumns(
    headers,
    levels.map((l) => ({ key: l.key, names: [...Object.values(l.name), ...Object.values(l.plural)] })),
  );
  const saved = await savedMapping(db, programme);
  const columns = saved ? applySavedMapping(headers, guessed, saved) : guessed;
  const [row] = await db
    .insert(planImports)
    .values({
      id: crypto.randomUUID(),
      programmeId: programme.id,
      fileName: input.fileName,
      format,
      tables,
      tableIndex,
      headerRow,
      columns,
      blankCells: guessBlankCells(table, headerRow, columns),
      mappingReused: saved !== null && columns.some((c, i) => c !== guessed[i]),
      createdBy: by.userId,
    })
    .returning();
  return stateOf(db, row as ImportRow, programme.slug, programme.id);
}

/** The mapping of the programme's last import, else of its previous edition's. */
async function savedMapping(
  db: Db,
  programme: { importMapping: SavedMapping | null; previousEditionId: string | null },
): Promise<SavedMapping | null> {
  if (programme.importMapping) return programme.importMapping;
  if (!programme.previousEditionId) return null;
  const [previous] = await db
    .select({ importMapping: programmes.importMapping })
    .from(programmes)
    .where(eq(programmes.id, programme.previousEditionId));
  return previous?.importMapping ?? null;
}

async function importById(db: Db, id: string) {
  const [found] = await db
    .select({ row: planImports, slug: programmes.slug, status: programmes.status })
    .from(planImports)
    .innerJoin(programmes, eq(programmes.id, planImports.programmeId))
    .where(eq(planImports.id, id));
  if (!found) throw notFound('import');
  return found;
}

export async function getImport(db: Db, id: string): Promise<ImportState> {
  const { row, slug } = await importById(db, id);
  return stateOf(db, row, slug, row.programmeId);
}

/** `new:<type>`: the name is created as a new actor of that type when the import is committed. */
const NEW_ACTOR = 'new:';

function newActorType(choice: string): ActorType | null {
  const type = choice.startsWith(NEW_ACTOR) ? choice.slice(NEW_ACTOR.length) : '';
  return (CREATABLE_ACTOR_TYPES as readonly string[]).includes(type) ? (type as ActorType) : null;
}

/** A key for a new actor from its name: lower case, hyphens, unique among `taken`. */
function actorKeyFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    foldText(name)
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'actor';
  let key = base;
  for (let n = 2; taken.has(key); n++) key = `${base}-${n}`;
  return key;
}

export type MappingInput = {
  /** Another table of the file (0-based among its tables): its header and columns are guessed again unless given. */
  tableIndex?: number | undefined;
  headerRow?: number | undefined;
  columns: ColumnMapping[];
  blankCells?: BlankCells | undefined;
  actors?: Record<string, string> | undefined;
};

export async function mapImport(db: Db, id: string, input: MappingInput): Promise<ImportState> {
  const { row, slug } = await importById(db, id);
  if (row.committedAt) throw new AppError('import_committed', 409, 'error.importCommitted');
  const tableIndex = input.tableIndex ?? row.tableIndex;
  const table = row.tables[tableIndex];
  if (!table) throw invalidInput([{ field: 'tableIndex', messageKey: 'error.field.unknownTableIndex' }]);
  const switched = tableIndex !== row.tableIndex;
  const headerRow =
    input.headerRow ?? (switched ? (guessHeaderRow(table) ?? table.rows[0]?.number ?? 1) : row.headerRow);
  if (!table.rows.some((r) => r.number === headerRow)) {
    throw invalidInput([{ field: 'headerRow', messageKey: 'error.field.unknownRow' }]);
  }
  const levelRows = await levelsOf(db, row.programmeId);
  if (switched && input.columns.length === 0) {
    input.columns = guessColumns(
      headersOf(table, headerRow),
      levelRows.map((l) => ({ key: l.key, names: [...Object.values(l.name), ...Object.values(l.plural)] })),
    );
  }
  const width = headersOf(table, headerRow).length;
  const levels = new Set(levelRows.map((l) => l.key));
  const fields = input.columns.flatMap((c, i) => [
    ...(c.index >= width ? [{ field: `columns[${i}].index`, messageKey: 'error.field.unknownColumn' }] : []),
    ...((c.role === 'level' && (!c.level || !levels.has(c.level))) ||
    (c.role === 'code' && c.level !== undefined && !levels.has(c.level))
      ? [{ field: `columns[${i}].level`, messageKey: 'error.field.unknownLevel' }]
      : []),
  ]);
  if (fields.length > 0) throw invalidInput(fields);
  // An actor is chosen by key (the API) or by id (the page's select).
  const keyOf = new Map<string, string>([['ignore', 'ignore']]);
  for (const a of await db.select({ id: actors.id, key: actors.key }).from(actors)) {
    keyOf.set(a.key, a.key);
    keyOf.set(a.id, a.key);
  }
  const unknownChoice = Object.entries(input.actors ?? {}).find(
    ([, key]) => !keyOf.has(key) && newActorType(key) === null,
  );
  if (unknownChoice) {
    throw invalidInput([{ field: `actors.${unknownChoice[0]}`, messageKey: 'error.field.unknownActor' }]);
  }
  const choices = Object.fromEntries(
    Object.entries(input.actors ?? {}).map(([name, key]) => {
      const type = newActorType(key);
      return [actorName(name), type ? `${NEW_ACTOR}${type}:${name.trim()}` : (keyOf.get(key) as string)];
    }),
  );
  const [updated] = await db
    .update(planImports)
    .set({
      tableIndex,
      headerRow,
      columns: input.columns,
      blankCells: input.blankCells ?? (switched ? guessBlankCells(table, headerRow, input.columns) : row.blankCells),
      mappingReused: false,
      actorChoices: { ...row.actorChoices, ...choices },
    })
    .where(eq(planImports.id, id))
    .returning();
  return stateOf(db, updated as ImportRow, slug, row.programmeId);
}

/** Writes the tree in one transaction; refuses (422, with the problems) while any is left. */
export type CommitResult =
  | { committed: true; items: number; programme: string }
  | { committed: false; state: ImportState };

export async function commitImport(db: Db, id: string, by: Importer, today: string): Promise<CommitResult> {
  return db.transaction(async (tx) => {
    const [locked] = await tx.select().from(planImports).where(eq(planImports.id, id)).for('update');
    if (!locked) throw notFound('import');
    if (locked.committedAt) throw new AppError('import_committed', 409, 'error.importCommitted');
    const [programme] = await tx.select().from(programmes).where(eq(programmes.id, locked.programmeId)).for('update');
    if (!programme) throw notFound('programme');
    await checkImportable(tx, programme);
    const tree = await treeOf(tx, locked, programme.id);
    if (tree.problems.length > 0) {
      return { committed: false, state: await stateOf(tx, locked, programme.slug, programme.id) };
    }
    const written = await writeTree(tx, programme.id, tree.items, today, programme.language);
    // A new edition's items take the actors, alignments and status of the previous edition's items of the same code.
    const carried = programme.previousEditionId ? await carryOver(tx, programme.previousEditionId, programme.id) : null;
    await tx.update(planImports).set({ committedAt: new Date() }).where(eq(planImports.id, id));
    // Kept for the next edition of the plan: its file is mapped the same way, column by column.
    const headers = headersOf(locked.tables[locked.tableIndex] as SourceTable, locked.headerRow);
    const importMapping: SavedMapping = {
      columns: locked.columns.map(({ index, ...role }) => ({ header: headers[index] ?? '', ...role })),
      blankCells: locked.blankCells,
    };
    await tx.update(programmes).set({ importMapping }).where(eq(programmes.id, programme.id));
    await recordAudit(tx, {
      userId: by.userId,
      action: 'programme.import',
      entityType: 'programme',
      entityId: programme.id,
      after: { import: id, file: locked.fileName, counts: tree.counts, carried },
    });
    return { committed: true, items: written, programme: programme.slug };
  });
}

/**
 * Creates the actors the user chose to create from the preview (pseudo-keys
 * `new:<type>:<name>`), named as the plan writes them, and maps each
 * pseudo-key to the new actor's id.
 */
async function createChosenActors(tx: Db, roots: ImportItem[], actorIds: Map<string, string>, language: string) {
  const wanted = new Set<string>();
  const visit = (list: ImportItem[]) => {
    for (const item of list) {
      for (const key of item.actors) if (key.startsWith(NEW_ACTOR)) wanted.add(key);
      visit(item.children);
    }
  };
  visit(roots);
  const taken = new Set(actorIds.keys());
  for (const pseudo of wanted) {
    const [, type, ...rest] = pseudo.split(':');
    const name = rest.join(':');
    const key = actorKeyFor(name, taken);
    taken.add(key);
    const id = crypto.randomUUID();
    await tx.insert(actors).values({ id, key, type: type as ActorType, name: { [language]: name } });
    actorIds.set(pseudo, id);
  }
}

/** Inserts the items depth-first after what the programme holds, with their actors, statuses and notes. */
async function writeTree(
  tx: Db,
  programmeId: string,
  roots: ImportItem[],
  today: string,
  language: string,
): Promise<number> {
  const [top] = await tx
    .select({ position: max(items.position), ordinal: max(items.ordinal) })
    .from(items)
    .where(and(eq(items.programmeId, programmeId)));
  const actorIds = new Map(
    (await tx.select({ id: actors.id, key: actors.key }).from(actors)).map((a) => [a.key, a.id]),
  );
  await createChosenActors(tx, roots, actorIds, language);
  const itemRows: (typeof items.$inferInsert)[] = [];
  const assignmentRows: (typeof assignments.$inferInsert)[] = [];
  const historyRows: (typeof itemStatusHistory.$inferInsert)[] = [];
  const noteRows: (typeof itemNotes.$inferInsert)[] = [];
  let ordinal = (top?.ordinal ?? -1) + 1;
  const visit = (list: ImportItem[], parentId: string | null, firstPosition: number) => {
    list.forEach((item, i) => {
      const id = crypto.randomUUID();
      itemRows.push({
        id,
        programmeId,
        parentId,
        levelKey: item.level,
        code: item.code,
        codeMade: item.codeMade,
        text: item.text,
        position: firstPosition + i,
        ordinal: ordinal++,
        status: item.status,
        calendar: item.calendar,
      });
      item.actors.forEach((key, position) => {
        const actorId = actorIds.get(key);
        if (actorId) assignmentRows.push({ itemId: id, actorId, role: 'responsible', position });
      });
      if (item.status) historyRows.push({ id: crypto.randomUUID(), itemId: id, status: item.status, changedOn: today });
      item.notes.forEach((text, position) => {
        noteRows.push({ id: crypto.randomUUID(), itemId: id, notedOn: today, position, text });
      });
      visit(item.children, id, 0);
    });
  };
  visit(roots, null, (top?.position ?? -1) + 1);
  // Parents before children, in chunks that keep each statement's parameters well under PostgreSQL's limit.
  for (let i = 0; i < itemRows.length; i += 1000) await tx.insert(items).values(itemRows.slice(i, i + 1000));
  for (let i = 0; i < assignmentRows.length; i += 2000)
    await tx.insert(assignments).values(assignmentRows.slice(i, i + 2000));
  for (let i = 0; i < historyRows.length; i += 2000)
    await tx.insert(itemStatusHistory).values(historyRows.slice(i, i + 2000));
  for (let i = 0; i < noteRows.length; i += 2000) await tx.insert(itemNotes).values(noteRows.slice(i, i + 2000));
  return itemRows.length;
}
