/** Dates, date-times and UTC offsets written as iCalendar values (RFC 5545 §3.3.4, §3.3.5, §3.3.14). */

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** Whole seconds since the epoch; an invalid Date is a bug upstream. */
export function secondsOf(date: Date, what: string): number {
  const ms = date.getTime();
  if (Number.isNaN(ms)) throw new RangeError(`${what} is an invalid date`);
  return Math.floor(ms / 1000);
}

function wallClock(seconds: number): string {
  const d = new Date(seconds * 1000);
  return `${pad(d.getUTCFullYear(), 4)}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}T${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** 20250310T143000Z */
export function utcDateTime(instant: number): string {
  return `${wallClock(instant)}Z`;
}

/** The wall-clock time of `instant` at `offset` seconds east of UTC, without a zone: 20250310T093000. */
export function localDateTime(instant: number, offset: number): string {
  return wallClock(instant + offset);
}

/** The wall-clock time of a year, month (1–12), day and time of day in seconds: 20250310T020000. */
export function floatingDateTime(year: number, month: number, day: number, timeOfDay: number): string {
  return wallClock(Date.UTC(year, month - 1, day) / 1000 + timeOfDay);
}

/** Days since the epoch of an ISO date (2025-03-10), which must exist. */
export function dayNumberOf(isoDate: string, what: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate);
  const ms = match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : Number.NaN;
  if (Number.isNaN(ms) || new Date(ms).toISOString().slice(0, 10) !== isoDate) {
    throw new RangeError(`${what} is not an ISO date: "${isoDate}"`);
  }
  return ms / 86_400_000;
}

/** 20250310 */
export function dateValue(dayNumber: number): string {
  return wallClock(dayNumber * 86400).slice(0, 8);
}

/** -0500, +0530; zero is +0000 because -0000 is not allowed. */
export function utcOffsetValue(offset: number): string {
  const magnitude = Math.abs(offset);
  const seconds = magnitude % 60;
  const hhmm = `${pad(Math.floor(magnitude / 3600))}${pad(Math.floor(magnitude / 60) % 60)}`;
  return `${offset < 0 ? '-' : '+'}${hhmm}${seconds ? pad(seconds) : ''}`;
}
