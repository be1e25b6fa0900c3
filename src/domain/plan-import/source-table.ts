/**
 * A plan's table as it was read from a workbook sheet, a CSV file or a Word
 * table, before any meaning is given to it: rows of cell texts, with the
 * cells a merge covers marked, and where each row and column is in the file
 * (so that a problem names the place the user sees).
 */
export type SourceKind = 'sheet' | 'csv' | 'table';

export type SourceCell = {
  text: string;
  /**
   * Covered by a merged cell that starts above (`up`) or to the left
   * (`left`): the text shown there is the merge's, not this cell's.
   */
  merged?: 'up' | 'left';
};

export type SourceRow = {
  /** The row's number as the user sees it: the sheet row, the CSV line, the table row (1-based). */
  number: number;
  cells: SourceCell[];
};

export type SourceTable = {
  kind: SourceKind;
  /** The sheet's name, or the table's number in the document (1-based) as text. */
  name: string;
  rows: SourceRow[];
};

/** Where a cell is, as the user finds it: sheet and column letter, or table/file and column number. */
export type CellPlace = { sheet?: string; table?: string; row: number; column: string | number };

/** Excel's column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let letters = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    letters = String.fromCharCode(65 + rest) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

export function placeOf(table: SourceTable, rowNumber: number, columnIndex: number): CellPlace {
  if (table.kind === 'sheet') return { sheet: table.name, row: rowNumber, column: columnLetter(columnIndex) };
  if (table.kind === 'table') return { table: table.name, row: rowNumber, column: columnIndex + 1 };
  return { row: rowNumber, column: columnIndex + 1 };
}

/** The cell's own text, or '' when it is empty or covered by a merge. */
export const ownText = (row: SourceRow, index: number): string => {
  const cell = row.cells[index];
  return cell && !cell.merged ? cell.text.trim() : '';
};

/** How many cells of the row hold text of their own. */
export const filledCells = (row: SourceRow): number => row.cells.filter((c) => !c.merged && c.text.trim()).length;
