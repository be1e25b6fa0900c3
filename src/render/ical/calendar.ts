/**
 * Meetings as an iCalendar document (RFC 5545): a feed to subscribe to or an
 * invitation to attach to an e-mail. Pure: the same input gives the same
 * bytes; time zones come from the runtime's database through Intl.
 */
import { contentLine, escapeText, paramValue, uriValue } from './content-line.ts';
import { dateValue, dayNumberOf, localDateTime, secondsOf, utcDateTime } from './date-values.ts';
import { renderTimeZone } from './vtimezone.ts';
import { isRepeatedLocalTime, isUtcZone, utcOffset } from './zone-offsets.ts';

export type CalendarEvent = {
  /** Stable across edits, e.g. `${meetingId}@enlace`. */
  uid: string;
  /** SEQUENCE: increases on every change that matters to a calendar. */
  sequence: number;
  /** DTSTAMP. */
  stamp: Date;
  title: string;
  description?: string;
  location?: string;
  url?: string;
  status: 'TENTATIVE' | 'CONFIRMED' | 'CANCELLED';
  allDay: boolean;
  /** All-day: ISO dates, `endsOn` inclusive (and `startsOn` when absent). */
  startsOn?: string;
  endsOn?: string;
  /** Timed: instants; written in `timeZone`'s local time, or in UTC without one. No `endsAt` (or the same instant) is a moment. */
  startsAt?: Date;
  endsAt?: Date;
  timeZone?: string;
  categories?: string[];
  organizer?: { name: string; email: string };
  lastModified?: Date;
};

export type CalendarInput = {
  name: string;
  description?: string;
  events: CalendarEvent[];
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
};

export const PRODID = '-//Enlace//Follow-up of migration programmes//EN';

/** An event's DTSTART and DTEND lines and the local instants they write in each zone. */
type EventTimes = { lines: string[]; zoned: { zone: string; instant: number }[] };

export function renderCalendar(input: CalendarInput): string {
  const events = input.events.map((event) => ({ event, times: eventTimes(event) }));
  const instantsByZone = new Map<string, number[]>();
  for (const { zone, instant } of events.flatMap(({ times }) => times.zoned)) {
    const instants = instantsByZone.get(zone) ?? [];
    instants.push(instant);
    instantsByZone.set(zone, instants);
  }
  const zones = [...instantsByZone.keys()].sort();
  const lines = [
    'BEGIN:VCALENDAR',
    contentLine('PRODID', escapeText(PRODID)),
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    ...(input.method ? [`METHOD:${input.method}`] : []),
    contentLine('X-WR-CALNAME', escapeText(input.name)),
    ...(input.description ? [contentLine('X-WR-CALDESC', escapeText(input.description))] : []),
    ...zones.flatMap((zone) => renderTimeZone(zone, instantsByZone.get(zone) ?? [])),
    ...events.flatMap(({ event, times }) => renderEvent(event, times)),
    'END:VCALENDAR',
  ];
  return `${lines.join('\r\n')}\r\n`;
}

function renderEvent(event: CalendarEvent, times: EventTimes): string[] {
  const text = (name: string, value: string | undefined) => (value ? [contentLine(name, escapeText(value))] : []);
  const categories = (event.categories ?? []).filter((category) => category !== '');
  return [
    'BEGIN:VEVENT',
    contentLine('UID', escapeText(event.uid)),
    `DTSTAMP:${utcDateTime(secondsOf(event.stamp, `${event.uid}: stamp`))}`,
    `SEQUENCE:${sequenceOf(event)}`,
    ...times.lines,
    contentLine('SUMMARY', escapeText(event.title)),
    ...text('DESCRIPTION', event.description),
    ...text('LOCATION', event.location),
    ...(event.url ? [contentLine('URL', uriValue(event.url))] : []),
    `STATUS:${event.status}`,
    ...(categories.length > 0 ? [contentLine('CATEGORIES', categories.map(escapeText).join(','))] : []),
    ...(event.organizer
      ? [
          contentLine('ORGANIZER', `mailto:${uriValue(event.organizer.email)}`, {
            CN: paramValue(event.organizer.name),
          }),
        ]
      : []),
    ...(event.lastModified
      ? [`LAST-MODIFIED:${utcDateTime(secondsOf(event.lastModified, `${event.uid}: lastModified`))}`]
      : []),
    'END:VEVENT',
  ];
}

function sequenceOf(event: CalendarEvent): number {
  if (!Number.isSafeInteger(event.sequence) || event.sequence < 0) {
    throw new RangeError(`${event.uid}: sequence must be a non-negative integer, not ${event.sequence}`);
  }
  return event.sequence;
}

function eventTimes(event: CalendarEvent): EventTimes {
  return event.allDay ? allDayTimes(event) : timedTimes(event);
}

/** DATE values; DTEND is the day after the last one, as RFC 5545 ends are exclusive. */
function allDayTimes(event: CalendarEvent): EventTimes {
  if (!event.startsOn) throw new RangeError(`${event.uid}: an all-day event needs startsOn`);
  const first = dayNumberOf(event.startsOn, `${event.uid}: startsOn`);
  const last = event.endsOn ? dayNumberOf(event.endsOn, `${event.uid}: endsOn`) : first;
  if (last < first) throw new RangeError(`${event.uid}: endsOn ${event.endsOn} is before startsOn ${event.startsOn}`);
  return {
    lines: [`DTSTART;VALUE=DATE:${dateValue(first)}`, `DTEND;VALUE=DATE:${dateValue(last + 1)}`],
    zoned: [],
  };
}

function timedTimes(event: CalendarEvent): EventTimes {
  if (!event.startsAt) throw new RangeError(`${event.uid}: a timed event needs startsAt`);
  const start = secondsOf(event.startsAt, `${event.uid}: startsAt`);
  const end = event.endsAt ? secondsOf(event.endsAt, `${event.uid}: endsAt`) : start;
  if (end < start) throw new RangeError(`${event.uid}: endsAt is before startsAt`);
  const zone = event.timeZone && !isUtcZone(event.timeZone) ? event.timeZone : undefined;
  const times: EventTimes = { lines: [], zoned: [] };
  // An event without a duration has no DTEND: DTEND must come after DTSTART.
  const bounds: [string, number][] =
    end > start
      ? [
          ['DTSTART', start],
          ['DTEND', end],
        ]
      : [['DTSTART', start]];
  for (const [name, instant] of bounds) {
    // A time in the hour repeated when clocks go back is ambiguous in local time; UTC says which one.
    if (!zone || isRepeatedLocalTime(zone, instant)) {
      times.lines.push(`${name}:${utcDateTime(instant)}`);
    } else {
      times.lines.push(contentLine(name, localDateTime(instant, utcOffset(zone, instant)), { TZID: paramValue(zone) }));
      times.zoned.push({ zone, instant });
    }
  }
  return times;
}
