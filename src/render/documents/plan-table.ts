/**
 * A programme's plan as a table, ready for a workbook or a Word document:
 * a title, lines under it, the headers and, per row, each cell's text and
 * how many rows it spans (0: covered by the cell above).
 */
import { type LayoutItem, layoutColumns, planLayout } from '../../domain/plan-import/plan-layout.ts';

export type PlanTableCell = { text: string; span: number };
export type PlanTableColumn = { header: string; kind: 'code' | 'text' | 'actors' | 'status' | 'calendar' | 'notes' };

export type PlanTable = {
  title: string;
  lines: string[];
  language: 'es' | 'en';
  columns: PlanTableColumn[];
  rows: PlanTableCell[][];
};

export type PlanTableLabels = {
  codeOf: (level: string) => string;
  actorsOf: (level: string) => string;
  status: string;
  calendar: string;
  notes: string;
};

export function planTable(
  head: { title: string; lines: string[]; language: 'es' | 'en' },
  levels: readonly { key: string; name: string }[],
  roots: readonly LayoutItem[],
  labels: PlanTableLabels,
): PlanTable {
  const keys = levels.map((l) => l.key);
  const used = layoutColumns(roots, keys);
  const columns: PlanTableColumn[] = [
    ...levels.flatMap((l): PlanTableColumn[] => [
      { header: labels.codeOf(l.name), kind: 'code' },
      { header: l.name, kind: 'text' },
    ]),
    ...used.actorLevels.map((key): PlanTableColumn => {
      const name = levels.find((l) => l.key === key)?.name ?? key;
      return { header: labels.actorsOf(name), kind: 'actors' };
    }),
    ...(used.status ? [{ header: labels.status, kind: 'status' as const }] : []),
    ...(used.calendar ? [{ header: labels.calendar, kind: 'calendar' as const }] : []),
    ...(used.notes ? [{ header: labels.notes, kind: 'notes' as const }] : []),
  ];
  const rows = planLayout(roots, keys).map((row) => [
    ...row.levels.flatMap((cell) => [
      { text: cell.code, span: cell.span },
      { text: cell.text, span: cell.span },
    ]),
    ...used.actorLevels.map((key) => {
      const cell = row.levels[keys.indexOf(key)] as (typeof row.levels)[number];
      return { text: cell.actors, span: cell.span };
    }),
    ...(used.status ? [{ text: row.status, span: 1 }] : []),
    ...(used.calendar ? [{ text: row.calendar, span: 1 }] : []),
    ...(used.notes ? [{ text: row.notes, span: 1 }] : []),
  ]);
  return { ...head, columns, rows };
}
