/**
 * UTC offsets and their transitions in an IANA time zone, read from the
 * runtime's time zone database through Intl (timeZoneName: 'longOffset').
 * Instants are whole seconds since the epoch; offsets are seconds east of UTC.
 */

const WEEK = 7 * 24 * 3600;

const formatters = new Map<string, Intl.DateTimeFormat>();

function offsetFormatter(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    // Throws a RangeError for a zone the runtime doesn't know.
    formatter = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Whether the zone is UTC under another name (Etc/UTC, GMT, Zulu…), best written with Z. */
export function isUtcZone(zone: string): boolean {
  return offsetFormatter(zone).resolvedOptions().timeZone === 'UTC';
}

/** Seconds east of UTC in `zone` at `instant`: "GMT-05:00" is -18000, "GMT" 0. */
export function utcOffset(zone: string, instant: number): number {
  const name = offsetFormatter(zone)
    .formatToParts(new Date(instant * 1000))
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = name?.match(/^GMT(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/);
  if (!match) throw new RangeError(`Unexpected UTC offset "${name}" for ${zone}`);
  const [, sign, hours = '0', minutes = '0', seconds = '0'] = match;
  const magnitude = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds);
  return sign === '-' ? -magnitude : magnitude;
}

export type Transition = { at: number; from: number; to: number };

/**
 * The changes of offset in [start, end), each at the first second of the new
 * offset. Sampled weekly, so two changes that cancel out within a week are missed.
 */
export function findTransitions(zone: string, start: number, end: number): Transition[] {
  const transitions: Transition[] = [];
  let cursor = start;
  let offset = utcOffset(zone, cursor);
  while (cursor < end) {
    const next = Math.min(cursor + WEEK, end);
    if (utcOffset(zone, next) === offset) {
      cursor = next;
      continue;
    }
    let before = cursor;
    let after = next;
    while (after - before > 1) {
      const middle = Math.floor((before + after) / 2);
      if (utcOffset(zone, middle) === offset) before = middle;
      else after = middle;
    }
    const to = utcOffset(zone, after);
    transitions.push({ at: after, from: offset, to });
    cursor = after;
    offset = to;
  }
  return transitions;
}

/** Whether the wall-clock time of `instant` in `zone` also names another instant (the hour repeated when clocks go back). */
export function isRepeatedLocalTime(zone: string, instant: number): boolean {
  const offset = utcOffset(zone, instant);
  const wallClock = instant + offset;
  const nearbyOffsets = [utcOffset(zone, instant - 86400), utcOffset(zone, instant + 86400)];
  return nearbyOffsets.some((other) => other !== offset && utcOffset(zone, wallClock - other) === other);
}
