/**
 * A month as a calendar grid: whole weeks from Monday to Sunday (ISO 8601,
 * as in the Americas' official calendars in Spanish), each day with the
 * meetings that fall on it — a meeting of several days appears on each.
 */
export type GridDay<M> = { date: string; inMonth: boolean; meetings: M[] };

const iso = (d: Date) => d.toISOString().slice(0, 10);
const addDays = (d: Date, n: number) => new Date(d.getTime() + n * 86_400_000);

/** `month` as `YYYY-MM`; meetings by their first and last day (`YYYY-MM-DD`). */
export function monthGrid<M extends { startsOn: string; endsOn: string }>(month: string, meetings: readonly M[]) {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(year, mon - 1, 1));
  const last = new Date(Date.UTC(year, mon, 0));
  // Back to the Monday on or before the 1st, on to the Sunday on or after the last day.
  const start = addDays(first, -((first.getUTCDay() + 6) % 7));
  const end = addDays(last, (7 - last.getUTCDay()) % 7);
  const weeks: GridDay<M>[][] = [];
  for (let day = start; day <= end; day = addDays(day, 1)) {
    if (weeks.length === 0 || (weeks.at(-1) as GridDay<M>[]).length === 7) weeks.push([]);
    const date = iso(day);
    (weeks.at(-1) as GridDay<M>[]).push({
      date,
      inMonth: day.getUTCMonth() === mon - 1,
      meetings: meetings.filter((m) => m.startsOn <= date && date <= m.endsOn),
    });
  }
  return weeks;
}
