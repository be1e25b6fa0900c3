/**
 * VTIMEZONE components (RFC 5545 §3.6.5) from the runtime's time zone
 * database, correct for the years of the instants that use them. A zone
 * without changes in those years gets one STANDARD observance; one that
 * changes twice a year on the same rule (the 2nd Sunday of March and the 1st
 * of November in the United States and Canada, the last Sundays of March and
 * October in Europe) a STANDARD and a DAYLIGHT with yearly RRULEs; any other
 * (Chile, or a country that stops changing its clocks) one observance per change.
 */
import { contentLine, escapeText } from './content-line.ts';
import { floatingDateTime, localDateTime, utcOffsetValue } from './date-values.ts';
import { findTransitions, type Transition, utcOffset } from './zone-offsets.ts';

type Observance = { kind: 'STANDARD' | 'DAYLIGHT'; start: string; from: number; to: number; rule?: string };

type YearlyRule = {
  month: number;
  weekday: number;
  /** 1–4 for the nth weekday of the month, -1 for the last. */
  ordinal: number;
  /** Seconds after midnight, in the wall-clock time before the change. */
  timeOfDay: number;
  from: number;
  to: number;
};

const WEEKDAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'];

/** The VTIMEZONE for `zone`, valid at least from the first to the last year of `instants` (seconds since the epoch). */
export function renderTimeZone(zone: string, instants: number[]): string[] {
  let firstYear = Number.POSITIVE_INFINITY;
  let lastYear = Number.NEGATIVE_INFINITY;
  for (const instant of instants) {
    const year = new Date(instant * 1000).getUTCFullYear();
    firstYear = Math.min(firstYear, year);
    lastYear = Math.max(lastYear, year);
  }
  const start = Date.UTC(firstYear, 0, 1) / 1000;
  const initial = utcOffset(zone, start);
  const transitions = findTransitions(zone, start, Date.UTC(lastYear + 1, 0, 1) / 1000);
  const observances =
    transitions.length === 0
      ? [
          {
            kind: 'STANDARD' as const,
            start: floatingDateTime(Math.min(firstYear, 1970), 1, 1, 0),
            from: initial,
            to: initial,
          },
        ]
      : (yearlyObservances(transitions, firstYear, lastYear, initial) ??
        changeObservances(transitions, start, initial));
  return [
    'BEGIN:VTIMEZONE',
    contentLine('TZID', escapeText(zone)),
    ...observances.flatMap(renderObservance),
    'END:VTIMEZONE',
  ];
}

function renderObservance(observance: Observance): string[] {
  return [
    `BEGIN:${observance.kind}`,
    `DTSTART:${observance.start}`,
    `TZOFFSETFROM:${utcOffsetValue(observance.from)}`,
    `TZOFFSETTO:${utcOffsetValue(observance.to)}`,
    ...(observance.rule ? [`RRULE:${observance.rule}`] : []),
    `END:${observance.kind}`,
  ];
}

/** A STANDARD and a DAYLIGHT with yearly rules, when every year from first to last changes on the same two rules. */
function yearlyObservances(
  transitions: Transition[],
  firstYear: number,
  lastYear: number,
  initial: number,
): Observance[] | null {
  const rising = transitions.filter((t) => t.to > t.from);
  const falling = transitions.filter((t) => t.to < t.from);
  const daylight = yearlyRule(rising, firstYear, lastYear);
  const standard = yearlyRule(falling, firstYear, lastYear);
  if (!daylight || !standard || daylight.to !== standard.from || standard.to !== daylight.from) return null;
  // On 1 January the offset is the one of whichever change comes later in the year.
  const [firstRising, firstFalling] = [rising[0], falling[0]];
  if (!firstRising || !firstFalling) return null;
  if (initial !== (firstRising.at > firstFalling.at ? daylight.to : standard.to)) return null;
  const observance = (kind: Observance['kind'], rule: YearlyRule): Observance => {
    // Starting the year before the first one covers 1 January of the first.
    const year = firstYear - 1;
    return {
      kind,
      start: floatingDateTime(year, rule.month, ruleDay(year, rule), rule.timeOfDay),
      from: rule.from,
      to: rule.to,
      rule: `FREQ=YEARLY;BYMONTH=${rule.month};BYDAY=${rule.ordinal}${WEEKDAYS[rule.weekday]}`,
    };
  };
  return [observance('STANDARD', standard), observance('DAYLIGHT', daylight)];
}

/** The rule that `changes` follow, one a year from first to last year, or null when they follow none. */
function yearlyRule(changes: Transition[], firstYear: number, lastYear: number): YearlyRule | null {
  if (changes.length !== lastYear - firstYear + 1) return null;
  const onsets = changes.map((change) => {
    const wallClock = change.at + change.from;
    const date = new Date(wallClock * 1000);
    const year = date.getUTCFullYear();
    const month = date.getUTCMonth() + 1;
    return {
      year,
      month,
      day: date.getUTCDate(),
      daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
      weekday: date.getUTCDay(),
      timeOfDay: ((wallClock % 86400) + 86400) % 86400,
      from: change.from,
      to: change.to,
    };
  });
  const [first] = onsets;
  if (!first) return null;
  const regular = onsets.every(
    (onset, i) =>
      onset.year === firstYear + i &&
      onset.month === first.month &&
      onset.weekday === first.weekday &&
      onset.timeOfDay === first.timeOfDay &&
      onset.from === first.from &&
      onset.to === first.to,
  );
  if (!regular) return null;
  const nth = Math.ceil(first.day / 7);
  const ordinal = onsets.every((onset) => onset.day + 7 > onset.daysInMonth)
    ? -1
    : onsets.every((onset) => Math.ceil(onset.day / 7) === nth)
      ? nth
      : null;
  if (ordinal === null) return null;
  const { month, weekday, timeOfDay, from, to } = first;
  return { month, weekday, ordinal, timeOfDay, from, to };
}

/** The day of the month on which `rule` falls in `year`. */
function ruleDay(year: number, rule: YearlyRule): number {
  if (rule.ordinal > 0) {
    const firstWeekday = new Date(Date.UTC(year, rule.month - 1, 1)).getUTCDay();
    return 1 + ((rule.weekday - firstWeekday + 7) % 7) + (rule.ordinal - 1) * 7;
  }
  const last = new Date(Date.UTC(year, rule.month, 0));
  return last.getUTCDate() - ((last.getUTCDay() - rule.weekday + 7) % 7);
}

/** The offset in force from `start`, then each change as an observance of its own. */
function changeObservances(transitions: Transition[], start: number, initial: number): Observance[] {
  const firstRises = (transitions[0]?.to ?? initial) > initial;
  return [
    { kind: firstRises ? 'STANDARD' : 'DAYLIGHT', start: localDateTime(start, initial), from: initial, to: initial },
    ...transitions.map(
      (t): Observance => ({
        kind: t.to > t.from ? 'DAYLIGHT' : 'STANDARD',
        start: localDateTime(t.at, t.from),
        from: t.from,
        to: t.to,
      }),
    ),
  ];
}
