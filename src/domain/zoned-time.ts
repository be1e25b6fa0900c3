/**
 * A wall-clock time in a time zone as an instant with its offset, as people
 * give a meeting's time ("10:00 in Washington"): `2026-03-10T10:00-04:00`.
 * The offset is the zone's at that moment, daylight saving included.
 */

/** The zone's offset from UTC, in minutes, at the instant `utcMs`. */
function offsetAt(zone: string, utcMs: number): number {
  const parts: Record<string, string> = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    })
      .formatToParts(new Date(utcMs))
      .map((p) => [p.type, p.value]),
  );
  const n = (type: string) => Number(parts[type]);
  const asUtc = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'));
  return Math.round((asUtc - utcMs) / 60_000);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `date` (YYYY-MM-DD) at `time` (HH:MM) in `zone`, as ISO 8601 with the zone's offset then. */
export function zonedInstant(date: string, time: string, zone: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const [hh, mm] = time.split(':').map(Number) as [number, number];
  const wall = Date.UTC(y, m - 1, d, hh, mm);
  // The offset at the wall time read as UTC, then at the instant that gives: right on both sides of a change.
  let offset = offsetAt(zone, wall);
  offset = offsetAt(zone, wall - offset * 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${pad(hh)}:${pad(mm)}:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The wall-clock day and time (`YYYY-MM-DD`, `HH:MM`) of an instant in `zone`. */
export function wallClock(instant: Date, zone: string): { date: string; time: string } {
  const local = new Date(instant.getTime() + offsetAt(zone, instant.getTime()) * 60_000);
  const iso = local.toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/** Today's date in UTC, `YYYY-MM-DD`: the day the application's dates are compared with. */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}
