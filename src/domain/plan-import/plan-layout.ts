/**
 * A programme's tree laid out as printed plans are, the shape an import
 * reads back: one row per item without children, its ancestors in the
 * columns to its left, each at its level's column. An ancestor's cell spans
 * the rows of its descendants (Word merges them; a spreadsheet repeats them
 * so that every row can be filtered). A level with no item on a row is a
 * blank cell.
 */

export type LayoutItem = {
  code: string;
  text: string;
  level: string;
  /** The actors as the export names them. */
  actors: string[];
  status: string;
  calendar: string;
  notes: string[];
  children: LayoutItem[];
};

/** A cell of a level column: the item's code, text and actors; `span` rows from here, 0 when covered by the cell above. */
export type LayoutCell = { code: string; text: string; actors: string; span: number };

export type LayoutRow = {
  /** One cell per level, in the programme's order of levels. */
  levels: LayoutCell[];
  status: string;
  calendar: string;
  notes: string;
};

const blank: LayoutCell = { code: '', text: '', actors: '', span: 1 };

const leafCount = (item: LayoutItem): number =>
  item.children.length === 0 ? 1 : item.children.reduce((n, c) => n + leafCount(c), 0);

export function planLayout(roots: readonly LayoutItem[], levels: readonly string[]): LayoutRow[] {
  const rows: LayoutRow[] = [];
  const visit = (item: LayoutItem, ancestors: LayoutItem[]) => {
    if (item.children.length > 0) {
      for (const child of item.children) visit(child, [...ancestors, item]);
      return;
    }
    const cells = levels.map(() => blank);
    for (const placed of [...ancestors, item]) {
      const depth = levels.indexOf(placed.level);
      if (depth < 0) continue;
      // The first row of an item shows it; the rows of its other descendants are covered.
      const first = firstLeaf(placed) === item;
      cells[depth] = {
        code: placed.code,
        text: placed.text,
        actors: placed.actors.join('\n'),
        span: first ? leafCount(placed) : 0,
      };
    }
    rows.push({ levels: cells, status: item.status, calendar: item.calendar, notes: item.notes.join('\n') });
  };
  for (const root of roots) visit(root, []);
  return rows;
}

function firstLeaf(item: LayoutItem): LayoutItem {
  let leaf = item;
  while (leaf.children[0]) leaf = leaf.children[0];
  return leaf;
}

/** Which optional columns the plan needs: actors per level that has any, and status, calendar, notes if any item has one. */
export function layoutColumns(roots: readonly LayoutItem[], levels: readonly string[]) {
  const actorLevels = new Set<string>();
  const used = { status: false, calendar: false, notes: false };
  const visit = (list: readonly LayoutItem[]) => {
    for (const item of list) {
      if (item.actors.length > 0) actorLevels.add(item.level);
      if (item.children.length === 0) {
        used.status ||= item.status !== '';
        used.calendar ||= item.calendar !== '';
        used.notes ||= item.notes.length > 0;
      }
      visit(item.children);
    }
  };
  visit(roots);
  return { actorLevels: levels.filter((l) => actorLevels.has(l)), ...used };
}
