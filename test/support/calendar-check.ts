/**
 * Test support: an iCalendar document checked as bytes on the wire (CRLF,
 * lines of at most 75 octets that are each valid UTF-8, balanced components,
 * a VTIMEZONE for every TZID), then parsed by ical.js, Thunderbird's parser.
 */
import ICAL from 'ical.js';
import { expect } from 'vitest';

export type Component = InstanceType<typeof ICAL.Component>;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The physical lines of a document as bytes decoded one by one, which fails if a fold split a character. */
export function physicalLines(ics: string): string[] {
  const bytes = new TextEncoder().encode(ics);
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    if (bytes[i] === 0x0a) {
      expect(bytes[i - 1], `bare LF after line ${lines.length}`).toBe(0x0d);
      const line = bytes.subarray(start, i - 1);
      expect(line.length, `line ${lines.length + 1} is over 75 octets`).toBeLessThanOrEqual(75);
      lines.push(utf8.decode(line));
      start = i + 1;
    }
  }
  expect(start, 'the document ends with CRLF').toBe(bytes.length);
  for (const line of lines) expect(line, 'no bare CR').not.toContain('\r');
  return lines;
}

export function parseCalendar(ics: string): Component {
  const lines = physicalLines(ics);
  const logical = lines.join('\r\n').replace(/\r\n /g, '').split('\r\n');
  const open: string[] = [];
  for (const line of logical) {
    if (line.startsWith('BEGIN:')) open.push(line.slice(6));
    if (line.startsWith('END:')) expect(open.pop()).toBe(line.slice(4));
  }
  expect(open).toEqual([]);
  const calendar = new ICAL.Component(ICAL.parse(ics));
  expect(calendar.name).toBe('vcalendar');
  expect(calendar.getFirstPropertyValue('version')).toBe('2.0');
  expect(calendar.getFirstPropertyValue('prodid')).toBeTruthy();
  const zones = new Set(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid')));
  for (const event of calendar.getAllSubcomponents('vevent')) {
    for (const name of ['uid', 'dtstamp', 'dtstart']) expect(event.getAllProperties(name), name).toHaveLength(1);
    for (const prop of [...event.getAllProperties('dtstart'), ...event.getAllProperties('dtend')]) {
      const tzid = prop.getParameter('tzid');
      if (tzid) expect(zones, `VTIMEZONE for ${tzid}`).toContain(tzid);
    }
  }
  return calendar;
}

export function eventsOf(calendar: Component): InstanceType<typeof ICAL.Event>[] {
  return calendar.getAllSubcomponents('vevent').map((vevent) => new ICAL.Event(vevent));
}
