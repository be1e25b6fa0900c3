import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { type Component, eventsOf, parseCalendar } from '../../../test/support/calendar-check.ts';
import { type CalendarEvent, renderCalendar } from './calendar.ts';

function timed(uid: string, startsAt: string, endsAt: string, timeZone: string): CalendarEvent {
  return {
    uid,
    sequence: 0,
    stamp: new Date('2025-02-01T12:00:00Z'),
    title: uid,
    status: 'CONFIRMED',
    allDay: false,
    startsAt: new Date(startsAt),
    endsAt: new Date(endsAt),
    timeZone,
  };
}

function zoneOf(calendar: Component, tzid: string) {
  const vtimezone = calendar
    .getAllSubcomponents('vtimezone')
    .find((zone) => zone.getFirstPropertyValue('tzid') === tzid);
  if (!vtimezone) throw new Error(`no VTIMEZONE for ${tzid}`);
  return new ICAL.Timezone(vtimezone);
}

/** The UTC offset ical.js finds in `zone` for a wall-clock time there (2025-01-15T12:00:00). */
function offsetAt(zone: InstanceType<typeof ICAL.Timezone>, wallClock: string): number {
  return zone.utcOffset(ICAL.Time.fromDateTimeString(wallClock));
}

const wallClockFormats = new Map<string, Intl.DateTimeFormat>();

/** The wall-clock time of an instant in a zone according to the runtime (Intl). */
function wallClockOf(instant: number, timeZone: string): string {
  const format =
    wallClockFormats.get(timeZone) ??
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
  wallClockFormats.set(timeZone, format);
  const parts = format.formatToParts(new Date(instant * 1000));
  const part = (type: string) => parts.find((p) => p.type === type)?.value;
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}:${part('second')}`;
}

describe('renderCalendar time zones', () => {
  it('gives America/New_York its winter and summer offsets, with the US rules', () => {
    const ics = renderCalendar({
      name: 'CRM',
      events: [timed('ny@enlace', '2025-06-12T15:00:00Z', '2025-06-12T17:00:00Z', 'America/New_York')],
    });
    const zone = zoneOf(parseCalendar(ics), 'America/New_York');
    expect(offsetAt(zone, '2025-01-15T12:00:00')).toBe(-5 * 3600);
    expect(offsetAt(zone, '2025-07-15T12:00:00')).toBe(-4 * 3600);
    // The days the clocks change: 9 March and 2 November 2025.
    expect(offsetAt(zone, '2025-03-09T01:59:59')).toBe(-5 * 3600);
    expect(offsetAt(zone, '2025-03-09T03:00:00')).toBe(-4 * 3600);
    expect(offsetAt(zone, '2025-11-02T00:59:59')).toBe(-4 * 3600);
    expect(offsetAt(zone, '2025-11-02T02:00:00')).toBe(-5 * 3600);
    expect(ics).toContain('RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=2SU\r\n');
    expect(ics).toContain('RRULE:FREQ=YEARLY;BYMONTH=11;BYDAY=1SU\r\n');
  });

  it('gives America/Mexico_City, which no longer changes its clocks, one offset all year', () => {
    const ics = renderCalendar({
      name: 'CRM',
      events: [timed('mx@enlace', '2025-06-12T15:00:00Z', '2025-06-12T17:00:00Z', 'America/Mexico_City')],
    });
    const calendar = parseCalendar(ics);
    const vtimezone = calendar.getFirstSubcomponent('vtimezone');
    expect(vtimezone?.getAllSubcomponents().map((c) => c.name)).toEqual(['standard']);
    const zone = zoneOf(calendar, 'America/Mexico_City');
    expect(offsetAt(zone, '2025-01-15T12:00:00')).toBe(-6 * 3600);
    expect(offsetAt(zone, '2025-07-15T12:00:00')).toBe(-6 * 3600);
  });

  it('writes a time in the hour repeated when clocks go back in UTC, as local time would not say which', () => {
    const first = timed('first@enlace', '2025-11-02T05:30:00Z', '2025-11-02T07:00:00Z', 'America/Toronto');
    const second = timed('second@enlace', '2025-11-02T06:30:00Z', '2025-11-02T08:00:00Z', 'America/Toronto');
    const ics = renderCalendar({ name: 'CRM', events: [first, second] });
    expect(ics).toContain('DTSTART:20251102T053000Z\r\n');
    expect(ics).toContain('DTSTART:20251102T063000Z\r\n');
    expect(ics).toContain('DTEND;TZID=America/Toronto:20251102T020000\r\n');
    expect(eventsOf(parseCalendar(ics)).map((e) => [e.startDate.toUnixTime(), e.endDate.toUnixTime()])).toEqual(
      [first, second].map((e) => [e.startsAt, e.endsAt].map((d) => (d?.getTime() ?? 0) / 1000)),
    );
  });

  // Zones whose rules changed or follow no nth-weekday rule, over several years.
  it.each([
    ['America/New_York', 2024, 2026],
    ['America/Toronto', 2024, 2025],
    ['America/Mexico_City', 2022, 2023],
    ['America/Santiago', 2023, 2025],
    ['America/Asuncion', 2023, 2025],
    ['America/Havana', 2024, 2025],
    ['America/Sao_Paulo', 2018, 2019],
    ['America/Caracas', 2015, 2016],
    ['Europe/Madrid', 2024, 2025],
    ['America/Bogota', 2025, 2025],
  ])('reads every half hour of %s from %i to %i as the instant the runtime gives', (timeZone, firstYear, lastYear) => {
    const events = [
      timed('first@enlace', `${firstYear}-01-01T00:00:00Z`, `${firstYear}-01-01T01:00:00Z`, timeZone),
      timed('last@enlace', `${lastYear}-12-31T22:00:00Z`, `${lastYear}-12-31T23:00:00Z`, timeZone),
    ];
    const calendar = parseCalendar(renderCalendar({ name: 'CRM', events }));
    const zone = zoneOf(calendar, timeZone);
    const mismatches: string[] = [];
    for (
      let instant = Date.UTC(firstYear, 0, 1) / 1000;
      instant < Date.UTC(lastYear + 1, 0, 1) / 1000;
      instant += 1800
    ) {
      const wallClock = wallClockOf(instant, timeZone);
      const read = ICAL.Time.fromDateTimeString(wallClock);
      read.zone = zone;
      // In the repeated hour ical.js may pick the other instant; either must show the same wall clock.
      const readInstant = read.toUnixTime();
      if (
        readInstant !== instant &&
        (Math.abs(readInstant - instant) > 3600 || wallClockOf(readInstant, timeZone) !== wallClock)
      ) {
        mismatches.push(
          `${new Date(instant * 1000).toISOString()} ${wallClock} read as ${new Date(readInstant * 1000).toISOString()}`,
        );
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
  });
});
