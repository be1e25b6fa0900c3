/**
 * Where the plan's table is inside what was read: title rows above the
 * header are skipped, and so are the notes below the table.
 */
import { filledCells, type SourceRow, type SourceTable } from './source-table.ts';

/**
 * The header: the first row with two cells or more of its own text. A title,
 * a date or a note above the table fills one cell (or one merged across).
 */
export function guessHeaderRow(table: SourceTable): number | null {
  return table.rows.find((row) => filledCells(row) >= 2)?.number ?? null;
}

/** A row whose one text runs across the whole table (every other cell merged into it): a banner or a note. */
const isBanner = (row: SourceRow) => row.cells.length > 1 && row.cells.slice(1).every((c) => c.merged === 'left');

/**
 * The rows of the table's body, below `headerRow`, that hold text: the notes
 * under the table are left out — the trailing rows of one cell each that come
 * after a blank row, or that run across the whole table.
 */
export function bodyRows(table: SourceTable, headerRow: number): SourceRow[] {
  const below = table.rows.filter((row) => row.number > headerRow);
  let end = below.length;
  while (end > 0 && filledCells(below[end - 1] as SourceRow) <= 1) end--;
  // `below[end..]` holds one cell of text at most per row: notes from the first blank or banner row on.
  // A workbook leaves its blank rows out: a gap in the row numbers is one.
  const notesFrom = below.slice(end).findIndex((row, i) => {
    const before = below[end + i - 1];
    return filledCells(row) === 0 || isBanner(row) || (before !== undefined && row.number > before.number + 1);
  });
  const kept = notesFrom === -1 ? below : below.slice(0, end + notesFrom);
  return kept.filter((row) => filledCells(row) > 0);
}
