/**
 * From a plan's table to the tree of items it prints, with every problem
 * found on the way and the cell it is in. Pure: what is read from the file
 * and what the programme already holds come in, nothing is written.
 *
 * The rules (SPEC §2.7):
 * - a cell covered by a merge, or left blank, means "as above";
 * - once a level has a new item on a row, the deeper levels start again
 *   there: a blank deeper cell is then an empty (optional) level, and the
 *   items further right attach to the nearest item to their left;
 * - a cell may hold several items (one per line or paragraph); when a row
 *   holds as many items at a level as at the level below, they pair in
 *   order, else the items below attach to the last item above;
 * - a row with no new item adds its calendar, notes, actors or status to
 *   the last item above it;
 * - a cell that repeats the item above at its level (same text, and same
 *   code where a column gives the level's codes) is that item, as plans
 *   kept in spreadsheets write every row whole;
 * - where blank cells mean "none" (`blankCells: 'empty'`, for tables that
 *   merge or repeat their cells), only a merged cell is "as above", and an
 *   item may stand without an item at the levels to its left;
 * - codes are kept when printed (a code column, for the deepest item of the
 *   row or for one level, or a prefix such as `1.`, `IV.B.3`, `a)`), else
 *   made from the level's pattern, and marked made.
 */
import type { ItemStatus } from '../status.ts';
import {
  actorIndex,
  actorsInCell,
  cellItems,
  cellText,
  codeFromPattern,
  defaultCodePattern,
  type KnownActor,
  type Split,
  splitPrintedCode,
  statusInCell,
} from './cell-values.ts';
import type { ColumnMapping } from './column-guess.ts';
import { type CellPlace, ownText, placeOf, type SourceRow, type SourceTable } from './source-table.ts';
import { bodyRows } from './table-bounds.ts';

export const IMPORT_LIMITS = { code: 40, text: 10_000, calendar: 2_000, rows: 100_000 } as const;

export type ImportLevel = { key: string; codePattern?: string | null | undefined };

export type ImportContext = {
  levels: readonly ImportLevel[];
  actors: readonly KnownActor[];
  /** Folded names the user matched by hand → actor key, or `ignore`. */
  chosenActors?: ReadonlyMap<string, string>;
  /** The catalogs' status labels, folded → status. */
  statusLabels: ReadonlyMap<string, ItemStatus>;
  /** Codes the programme already holds. */
  existingCodes?: ReadonlySet<string>;
  /** What a blank cell of a level column means: as above (the default), or no item at that level. */
  blankCells?: BlankCells;
};

export type BlankCells = 'above' | 'empty';

export type ImportItem = {
  level: string;
  code: string;
  codeMade: boolean;
  text: string;
  actors: string[];
  status: ItemStatus | null;
  calendar: string | null;
  notes: string[];
  children: ImportItem[];
  place: CellPlace;
};

/** A problem (it blocks the import) or a warning, at a cell, as a message key with its values. */
export type ImportFinding = CellPlace & { message: string; params: Record<string, string | number> };

export type PlanTree = {
  items: ImportItem[];
  counts: Record<string, number>;
  problems: ImportFinding[];
  warnings: ImportFinding[];
  /** Names in the actor columns that match no known actor, each once, as written. */
  unknownActors: string[];
};

type LevelColumn = { index: number; depth: number; key: string; split: Split };

export function buildPlanTree(
  table: SourceTable,
  headerRow: number,
  mapping: readonly ColumnMapping[],
  context: ImportContext,
): PlanTree {
  const depthOf = new Map(context.levels.map((level, depth) => [level.key, depth]));
  const levelColumns: LevelColumn[] = mapping
    .filter((m) => m.role === 'level' && m.level !== undefined && depthOf.has(m.level))
    .map((m) => ({
      index: m.index,
      depth: depthOf.get(m.level as string) as number,
      key: m.level as string,
      split: m.split ?? 'cell',
    }))
    .sort((a, b) => a.depth - b.depth);
  const columnOf = (role: ColumnMapping['role']) => mapping.find((m) => m.role === role && !m.level);
  const codeColumn = columnOf('code');
  /** Per depth, the column that gives the codes (or the actors) of that level's items. */
  const columnsForLevels = (role: 'code' | 'actors') =>
    new Map(
      mapping
        .filter((m) => m.role === role && m.level !== undefined && depthOf.has(m.level))
        .map((m) => [depthOf.get(m.level as string) as number, m.index]),
    );
  const levelCodeColumns = columnsForLevels('code');
  const levelActorColumns = columnsForLevels('actors');
  const blanksAreEmpty = context.blankCells === 'empty';
  const actorColumn = columnOf('actors');
  const statusColumn = columnOf('status');
  const calendarColumn = columnOf('calendar');
  const notesColumn = columnOf('notes');

  const tree: PlanTree = { items: [], counts: {}, problems: [], warnings: [], unknownActors: [] };
  const problem = (row: SourceRow, column: number, message: string, params: ImportFinding['params'] = {}) =>
    tree.problems.push({ ...placeOf(table, row.number, column), message, params });
  const warning = (row: SourceRow, column: number, message: string, params: ImportFinding['params'] = {}) =>
    tree.warnings.push({ ...placeOf(table, row.number, column), message, params });

  const index = actorIndex(context.actors);
  const chosen = context.chosenActors ?? new Map<string, string>();
  /** Adds the actors a cell names to the items, each unknown name a problem at the cell. */
  const assignActors = (row: SourceRow, column: number, subjects: ImportItem[]) => {
    const found = actorsInCell(ownText(row, column), index, chosen);
    for (const name of found.unknown) {
      problem(row, column, 'import.problem.unknownActor', { name });
      if (!tree.unknownActors.includes(name)) tree.unknownActors.push(name);
    }
    for (const item of subjects) for (const key of found.keys) if (!item.actors.includes(key)) item.actors.push(key);
  };
  const rows = bodyRows(table, headerRow);
  if (rows.length > IMPORT_LIMITS.rows) {
    const first = rows[IMPORT_LIMITS.rows] as SourceRow;
    problem(first, 0, 'import.problem.tooManyRows', { max: IMPORT_LIMITS.rows });
    return tree;
  }
  if (levelColumns.length === 0) return tree;

  /** The item last set at each depth, by row; undefined where the current row left a level empty. */
  const current: (ImportItem | undefined)[] = [];

  for (const row of rows) {
    const fresh = new Map<number, ImportItem[]>();
    let restart = false;
    for (const column of levelColumns) {
      const cell = row.cells[column.index];
      const text = ownText(row, column.index);
      const codeIndex = levelCodeColumns.get(column.depth);
      const code = codeIndex === undefined ? '' : ownText(row, codeIndex);
      if (!text) {
        // Merged: as above; blank: as above too, unless a level to the left started anew on this row
        // or blank cells mean none.
        if ((restart || blanksAreEmpty) && !cell?.merged) current[column.depth] = undefined;
        continue;
      }
      if (!restart && repeats(current[column.depth], text, code)) continue;
      const { parents, depth } = nearestParents(fresh, current, column.depth);
      // One code in the level's code column: the cell is one item, its lines kept.
      const values = code && !code.includes('\n') ? [cellText(text)] : cellItems(text, column.split);
      const made = values.map((value) => newItem(value, column, row, table));
      made.forEach((item, i) => {
        const parent = parents.length === made.length ? parents[i] : parents.at(-1);
        (parent ? parent.children : tree.items).push(item);
      });
      // The mapped levels between the parent found and this one were empty on this row.
      const skipped = levelColumns.filter((c) => c.depth > depth && c.depth < column.depth);
      if (parents.length === 0 && skipped.length > 0) {
        // An item at the top of the tree below the first level: right only where blank cells mean none.
        if (!blanksAreEmpty) problem(row, (skipped[0] as LevelColumn).index, 'import.problem.emptyRequired');
      } else {
        for (const c of skipped) warning(row, c.index, 'import.warning.levelEmpty');
      }
      if (code && made.length === 1) {
        (made[0] as ImportItem).code = code;
      } else if (code) problem(row, codeIndex as number, 'import.problem.codeForSeveral');
      const actorsIndex = levelActorColumns.get(column.depth);
      if (actorsIndex !== undefined) assignActors(row, actorsIndex, made);
      fresh.set(column.depth, made);
      current[column.depth] = made.at(-1);
      for (let d = column.depth + 1; d < current.length; d++) current[d] = undefined;
      restart = true;
    }

    const deepest = [...fresh.keys()].sort((a, b) => b - a)[0];
    const subjects = deepest === undefined ? lastItem(current) : (fresh.get(deepest) ?? []);
    if (subjects.length === 0) continue;

    if (codeColumn) {
      const code = ownText(row, codeColumn.index);
      if (code && subjects.length === 1 && deepest !== undefined) {
        (subjects[0] as ImportItem).code = code;
        (subjects[0] as ImportItem).codeMade = false;
      } else if (code && subjects.length > 1) problem(row, codeColumn.index, 'import.problem.codeForSeveral');
    }
    if (actorColumn) assignActors(row, actorColumn.index, subjects);
    if (statusColumn) {
      const text = ownText(row, statusColumn.index);
      const status = statusInCell(text, context.statusLabels);
      if (status === undefined) problem(row, statusColumn.index, 'import.problem.unknownStatus', { value: text });
      else if (status) for (const item of subjects) item.status = status;
    }
    if (calendarColumn) {
      spread(ownText(row, calendarColumn.index), calendarColumn.split ?? 'cell', subjects, (item, value) => {
        item.calendar = item.calendar ? `${item.calendar}\n${value}` : value;
      });
    }
    if (notesColumn) {
      spread(ownText(row, notesColumn.index), notesColumn.split ?? 'cell', subjects, (item, value) => {
        item.notes.push(value);
      });
    }
  }

  const firstMade = new Map<string, ImportItem>();
  makeCodes(tree.items, null, context, depthOf, firstMade);
  for (const [level, first] of firstMade) {
    tree.warnings.push({ ...first.place, message: 'import.warning.codesMade', params: { level, code: first.code } });
  }
  checkItems(tree.items, context.existingCodes ?? new Set(), tree);
  return tree;
}

/** The cell holds the item above at its level again: the same text, and the same code when one is given. */
function repeats(above: ImportItem | undefined, text: string, code: string): boolean {
  if (!above) return false;
  const [value = ''] = cellItems(text, 'cell');
  const printed = splitPrintedCode(value);
  const sameText = above.text === cellText(text) || above.text === value || above.text === printed?.text;
  return sameText && (!code || code === above.code);
}

function newItem(value: string, column: LevelColumn, row: SourceRow, table: SourceTable): ImportItem {
  const printed = splitPrintedCode(value);
  return {
    level: column.key,
    // A relative code (`1.`, `a)`) is completed with the parent's once the tree is built.
    code: printed ? (printed.relative ? `\u0000${printed.code}` : printed.code) : '',
    codeMade: false,
    text: printed?.text || value,
    actors: [],
    status: null,
    calendar: null,
    notes: [],
    children: [],
    place: placeOf(table, row.number, column.index),
  };
}

/**
 * The items a new item at `depth` attaches to, and their depth: those new on
 * this row at the nearest level to the left, else the last one above; none
 * (at depth -1) for the top of the tree.
 */
function nearestParents(fresh: Map<number, ImportItem[]>, current: (ImportItem | undefined)[], depth: number) {
  for (let d = depth - 1; d >= 0; d--) {
    const onRow = fresh.get(d);
    if (onRow) return { parents: onRow, depth: d };
    const above = current[d];
    if (above) return { parents: [above], depth: d };
  }
  return { parents: [] as ImportItem[], depth: -1 };
}

const lastItem = (current: (ImportItem | undefined)[]) => {
  const item = [...current].reverse().find(Boolean);
  return item ? [item] : [];
};

/** One value per item when a cell holds as many lines as the row has items; else the whole cell for each. */
function spread(text: string, split: Split, items: ImportItem[], set: (item: ImportItem, value: string) => void) {
  if (!text) return;
  // One value is the cell as written, its lines kept; several are its items.
  const values = split === 'lines' ? cellItems(text, 'lines') : [cellText(text)];
  items.forEach((item, i) => {
    set(item, values.length === items.length ? (values[i] as string) : values.join('\n'));
  });
}

/** Completes relative printed codes with the parent's, and makes the missing ones from the level's pattern. */
function makeCodes(
  items: ImportItem[],
  parent: ImportItem | null,
  context: ImportContext,
  depthOf: Map<string, number>,
  firstMade: Map<string, ImportItem>,
) {
  let number = 0;
  for (const item of items) {
    number += 1;
    const depth = depthOf.get(item.level) ?? 0;
    const pattern = context.levels[depth]?.codePattern || defaultCodePattern(depth);
    if (item.code.startsWith('\u0000')) {
      item.code = codeFromPattern(pattern, parent?.code ?? null, item.code.slice(1));
    } else if (!item.code) {
      item.code = codeFromPattern(pattern, parent?.code ?? null, String(number));
      item.codeMade = true;
      if (!firstMade.has(item.level)) firstMade.set(item.level, item);
    }
    makeCodes(item.children, item, context, depthOf, firstMade);
  }
}

function checkItems(items: ImportItem[], existing: ReadonlySet<string>, tree: PlanTree) {
  const seen = new Set(existing);
  const visit = (list: ImportItem[]) => {
    for (const item of list) {
      tree.counts[item.level] = (tree.counts[item.level] ?? 0) + 1;
      const find = (message: string, params: ImportFinding['params']) =>
        tree.problems.push({ ...item.place, message, params });
      if (seen.has(item.code)) find('import.problem.codeRepeated', { code: item.code });
      seen.add(item.code);
      if (item.code.length > IMPORT_LIMITS.code) find('import.problem.codeTooLong', { max: IMPORT_LIMITS.code });
      if (item.text.length > IMPORT_LIMITS.text) find('import.problem.textTooLong', { max: IMPORT_LIMITS.text });
      if ((item.calendar?.length ?? 0) > IMPORT_LIMITS.calendar) {
        find('import.problem.calendarTooLong', { max: IMPORT_LIMITS.calendar });
      }
      visit(item.children);
    }
  };
  visit(items);
}
