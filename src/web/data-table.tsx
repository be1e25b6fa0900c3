/**
 * A table of rows, as every list page shows one: the caption (visible, or for
 * screen readers only where a heading above already says it), column headings
 * with `scope="col"`, a cell per column (a row-heading cell when the column
 * names the row), and the frame that scrolls sideways on a phone.
 */
import type { Child } from 'hono/jsx';

export type Column<T> = {
  header: Child;
  /** The heading's tooltip, as the matrix's item codes carry their text. */
  headerTitle?: string | undefined;
  cell: (row: T) => Child;
  /** This column's cell names its row: a `th scope="row"`. */
  rowHeader?: boolean;
  /** A class of the column's heading and cells (`code`: kept on one line). */
  class?: string;
};

export function DataTable<T>(props: {
  caption: string;
  /** The caption for screen readers only, where a heading above already says it. */
  captionHidden?: boolean;
  /** A column left out (`false`, `null`) is not drawn: columns shown only to some people. */
  columns: readonly (Column<T> | false | null)[];
  rows: readonly T[];
  /** Shown instead of the table when there are no rows; without it an empty table is drawn. */
  empty?: Child;
  /** The table's own class (`diff`, `month-grid`). */
  class?: string;
  /** A scrolling region the keyboard can reach, named as the caption: tables much wider than a phone. */
  region?: boolean;
  /** A class of the frame besides `table-wrap`. */
  frameClass?: string;
}) {
  if (props.rows.length === 0 && props.empty !== undefined) return <>{props.empty}</>;
  const columns = props.columns.filter((c): c is Column<T> => Boolean(c));
  const frameClass = props.frameClass ? `table-wrap ${props.frameClass}` : 'table-wrap';
  const table = (
    <table class={props.class}>
      <caption class={props.captionHidden ? 'visually-hidden' : undefined}>{props.caption}</caption>
      <thead>
        <tr>
          {columns.map((c) => (
            <th scope="col" title={c.headerTitle} class={c.class}>
              {c.header}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr>
            {columns.map((c) =>
              c.rowHeader ? (
                <th scope="row" class={c.class}>
                  {c.cell(row)}
                </th>
              ) : (
                <td class={c.class}>{c.cell(row)}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
  return props.region ? (
    <div class={frameClass} tabindex={0} role="region" aria-label={props.caption}>
      {table}
    </div>
  ) : (
    <div class={frameClass}>{table}</div>
  );
}
