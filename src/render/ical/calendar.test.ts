import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eventsOf, parseCalendar, physicalLines } from '../../../test/support/calendar-check.ts';
import { propertySeed, runsOf } from '../../../test/support/property-runs.ts';
import { type CalendarEvent, PRODID, renderCalendar } from './calendar.ts';

const stamp = new Date('2025-02-01T12:00:00Z');
const SEED = propertySeed('src/render/ical/calendar.test.ts', 504_211);

function event(overrides: Partial<CalendarEvent> = {}): CalendarEvent {
  return {
    uid: '6f1c0a52-8d1e-4a43-9d51-0b7f3c2e9a10@enlace',
    sequence: 0,
    stamp,
    title: 'XXVIII Reunión Viceministerial de la CRM',
    status: 'CONFIRMED',
    allDay: true,
    startsOn: '2025-03-10',
    endsOn: '2025-03-12',
    ...overrides,
  };
}

const only = (ics: string) => {
  const [first, ...rest] = eventsOf(parseCalendar(ics));
  expect(rest).toHaveLength(0);
  if (!first) throw new Error('no VEVENT');
  return first;
};

describe('renderCalendar', () => {
  it('writes the calendar properties with CRLF line endings', () => {
    const ics = renderCalendar({
      name: 'Reuniones de la CRM',
      description: 'Sesiones, talleres; y más',
      method: 'PUBLISH',
      events: [event()],
    });
    const calendar = parseCalendar(ics);
    expect(calendar.getFirstPropertyValue('prodid')).toBe(PRODID);
    expect(PRODID).toBe('-//Enlace//Follow-up of migration programmes//EN');
    expect(calendar.getFirstPropertyValue('calscale')).toBe('GREGORIAN');
    expect(calendar.getFirstPropertyValue('method')).toBe('PUBLISH');
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Reuniones de la CRM');
    // ical.js leaves X- properties as written; they are TEXT, escaped like SUMMARY.
    expect(calendar.getFirstPropertyValue('x-wr-caldesc')).toBe('Sesiones\\, talleres\\; y más');
    expect(ics.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    expect(ics.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('leaves METHOD out unless asked for', () => {
    const calendar = parseCalendar(renderCalendar({ name: 'CRM', events: [event()] }));
    expect(calendar.getFirstPropertyValue('method')).toBeNull();
  });

  it('writes an all-day meeting as dates, DTEND the day after the last one', () => {
    const parsed = only(
      renderCalendar({ name: 'CRM', events: [event({ startsOn: '2025-02-27', endsOn: '2025-03-01' })] }),
    );
    expect(parsed.startDate.isDate).toBe(true);
    expect(parsed.endDate.isDate).toBe(true);
    expect(parsed.startDate.toString()).toBe('2025-02-27');
    expect(parsed.endDate.toString()).toBe('2025-03-02');
  });

  it('writes a one-day meeting with no endsOn as that day', () => {
    const parsed = only(
      renderCalendar({ name: 'CRM', events: [event({ startsOn: '2024-12-31', endsOn: undefined })] }),
    );
    expect(parsed.startDate.toString()).toBe('2024-12-31');
    expect(parsed.endDate.toString()).toBe('2025-01-01');
  });

  it.each([
    ['America/Mexico_City', '2025-06-12T15:00:00Z', '2025-06-12T17:30:00Z', '20250612T090000'],
    ['America/New_York', '2025-06-12T15:00:00Z', '2025-06-12T17:30:00Z', '20250612T110000'],
    ['America/New_York', '2025-12-04T15:00:00Z', '2025-12-04T17:30:00Z', '20251204T100000'],
  ])(
    'writes a timed meeting in %s local time, the same instants as given (%s)',
    (timeZone, startsAt, endsAt, local) => {
      const ics = renderCalendar({
        name: 'CRM',
        events: [
          event({
            allDay: false,
            startsOn: undefined,
            endsOn: undefined,
            startsAt: new Date(startsAt),
            endsAt: new Date(endsAt),
            timeZone,
          }),
        ],
      });
      expect(ics).toContain(`DTSTART;TZID=${timeZone}:${local}\r\n`);
      const parsed = only(ics);
      expect(parsed.startDate.zone.tzid).toBe(timeZone);
      expect(parsed.startDate.toUnixTime()).toBe(Date.parse(startsAt) / 1000);
      expect(parsed.endDate.toUnixTime()).toBe(Date.parse(endsAt) / 1000);
    },
  );

  it('writes a timed meeting without a time zone in UTC', () => {
    const ics = renderCalendar({
      name: 'CRM',
      events: [
        event({
          allDay: false,
          startsAt: new Date('2025-06-12T15:00:00.900Z'),
          endsAt: new Date('2025-06-12T16:00:00Z'),
        }),
      ],
    });
    expect(ics).toContain('DTSTART:20250612T150000Z\r\n');
    expect(ics).not.toContain('VTIMEZONE');
    const parsed = only(ics);
    expect(parsed.startDate.toUnixTime()).toBe(Date.parse('2025-06-12T15:00:00Z') / 1000);
    expect(parsed.endDate.toUnixTime()).toBe(Date.parse('2025-06-12T16:00:00Z') / 1000);
  });

  it('leaves DTEND out of a meeting that ends when it starts, as DTEND must come after DTSTART', () => {
    const at = new Date('2025-06-12T15:00:00Z');
    const ics = renderCalendar({
      name: 'CRM',
      events: [event({ allDay: false, startsAt: at, endsAt: at, timeZone: 'America/Lima' })],
    });
    expect(ics).not.toContain('DTEND');
    expect(only(ics).startDate.toUnixTime()).toBe(at.getTime() / 1000);
  });

  it('round-trips text with commas, semicolons, backslashes, line breaks and accents', () => {
    const title = 'Taller: "Niñez migrante", retorno; reintegración \\ C:\\dir';
    const description = 'Primera línea, con coma;\nsegunda línea\r\ntercera\rcuarta — “comillas”, ¿preguntas?\n\nFin.';
    const location = 'Ciudad de Guatemala; Hotel Barceló, Salón “Los Próceres”\nPiso 2';
    const ics = renderCalendar({ name: 'CRM', events: [event({ title, description, location })] });
    expect(ics.replace(/\r\n /g, '')).toContain(
      'SUMMARY:Taller: "Niñez migrante"\\, retorno\\; reintegración \\\\ C:\\\\dir\r\n',
    );
    const parsed = only(ics);
    expect(parsed.summary).toBe(title);
    expect(parsed.description).toBe(
      'Primera línea, con coma;\nsegunda línea\ntercera\ncuarta — “comillas”, ¿preguntas?\n\nFin.',
    );
    expect(parsed.location).toBe(location);
  });

  it('drops control characters that TEXT cannot hold, so a pasted text cannot break the document', () => {
    const parsed = only(
      renderCalendar({ name: 'CRM', events: [event({ title: 'Sesión\u0000 de\u0007 cierre\tfinal\u007f' })] }),
    );
    expect(parsed.summary).toBe('Sesión de cierre\tfinal');
  });

  it('writes the URL, status, categories, organizer and last modification', () => {
    const ics = renderCalendar({
      name: 'CRM',
      method: 'REQUEST',
      events: [
        event({
          url: 'https://enlace.example.org/meetings/6f1c0a52?lang=es&view=full',
          status: 'TENTATIVE',
          categories: ['CRM', 'Taller, regional', ''],
          organizer: { name: 'Secretaría Técnica: CRM, "ST"', email: 'st@crmsv.example.org' },
          lastModified: new Date('2025-01-31T08:09:10Z'),
        }),
      ],
    });
    const vevent = parseCalendar(ics).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('url')).toBe('https://enlace.example.org/meetings/6f1c0a52?lang=es&view=full');
    expect(vevent?.getFirstPropertyValue('status')).toBe('TENTATIVE');
    expect(vevent?.getFirstProperty('categories')?.getValues()).toEqual(['CRM', 'Taller, regional']);
    const organizer = vevent?.getFirstProperty('organizer');
    expect(organizer?.getFirstValue()).toBe('mailto:st@crmsv.example.org');
    expect(organizer?.getParameter('cn')).toBe('Secretaría Técnica: CRM, "ST"');
    expect(vevent?.getFirstPropertyValue('last-modified')?.toString()).toBe('2025-01-31T08:09:10Z');
    expect(vevent?.getFirstPropertyValue('dtstamp')?.toString()).toBe('2025-02-01T12:00:00Z');
  });

  it('percent-encodes spaces and line breaks in a URL instead of letting them start a new property', () => {
    const ics = renderCalendar({
      name: 'CRM',
      events: [event({ url: 'https://example.org/a b\r\nATTENDEE:mailto:x@example.org' })],
    });
    const vevent = parseCalendar(ics).getFirstSubcomponent('vevent');
    expect(vevent?.getFirstPropertyValue('url')).toBe('https://example.org/a%20b%0D%0AATTENDEE:mailto:x@example.org');
    expect(vevent?.getAllProperties('attendee')).toHaveLength(0);
  });

  it('keeps the UID and raises the SEQUENCE when the meeting changes, and marks it cancelled', () => {
    const before = only(renderCalendar({ name: 'CRM', events: [event({ sequence: 3 })] }));
    const moved = only(
      renderCalendar({
        name: 'CRM',
        events: [event({ sequence: 4, title: 'Reunión (nueva fecha)', startsOn: '2025-04-07', endsOn: '2025-04-08' })],
      }),
    );
    const cancelled = only(
      renderCalendar({ name: 'CRM', method: 'CANCEL', events: [event({ sequence: 5, status: 'CANCELLED' })] }),
    );
    expect(new Set([before.uid, moved.uid, cancelled.uid])).toEqual(
      new Set(['6f1c0a52-8d1e-4a43-9d51-0b7f3c2e9a10@enlace']),
    );
    expect([before.sequence, moved.sequence, cancelled.sequence]).toEqual([3, 4, 5]);
    expect(moved.startDate.toString()).toBe('2025-04-07');
    expect(cancelled.component.getFirstPropertyValue('status')).toBe('CANCELLED');
  });

  it('folds a long Spanish description at 75 octets without splitting a character and unfolds it back identically', () => {
    const description =
      'La Conferencia Regional sobre Migración acordó fortalecer la protección de niñas, niños y adolescentes migrantes no acompañados; ' +
      'asimismo, solicitó a la Secretaría Técnica que elabore un diagnóstico sobre la situación de las personas migrantes en tránsito, ' +
      'con énfasis en señales de alerta y atención';
    expect(description).toHaveLength(300);
    const ics = renderCalendar({ name: 'CRM', events: [event({ description })] });
    const lines = physicalLines(ics);
    const first = lines.findIndex((line) => line.startsWith('DESCRIPTION:'));
    const last = lines.findIndex((line, i) => i > first && !line.startsWith(' ')) - 1;
    expect(last - first).toBeGreaterThanOrEqual(4);
    // Every line but the last is filled up to the limit: a character that didn't fit is at most 4 octets.
    for (const line of lines.slice(first, last)) expect(new TextEncoder().encode(line).length).toBeGreaterThan(71);
    expect(only(ics).description).toBe(description);
  });

  it('round-trips any text through folding and escaping', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const parsed = only(renderCalendar({ name: 'CRM', events: [event({ description: `«${text}»` })] }));
        // RFC 5545 TEXT holds no C0 control but tab and (escaped) line feed, nor DEL.
        const expected = Array.from(`«${text}»`.replace(/\r\n?/g, '\n'))
          .filter((ch) => {
            const code = ch.codePointAt(0) ?? 0;
            return code === 0x09 || code === 0x0a || (code >= 0x20 && code !== 0x7f);
          })
          .join('');
        expect(parsed.description).toBe(expected);
      }),
      runsOf(SEED, 'round-trips any text', 200),
    );
  });

  it('writes several meetings in one calendar, in the order given', () => {
    const ics = renderCalendar({
      name: 'CRM',
      events: [
        event({ uid: 'a@enlace', title: 'Primera' }),
        event({
          uid: 'b@enlace',
          title: 'Segunda',
          allDay: false,
          startsAt: new Date('2025-05-05T14:00:00Z'),
          endsAt: new Date('2025-05-05T16:00:00Z'),
          timeZone: 'America/New_York',
        }),
        event({
          uid: 'c@enlace',
          title: 'Tercera',
          allDay: false,
          startsAt: new Date('2025-05-06T14:00:00Z'),
          endsAt: new Date('2025-05-06T16:00:00Z'),
          timeZone: 'America/Mexico_City',
        }),
        event({
          uid: 'd@enlace',
          title: 'Cuarta',
          allDay: false,
          startsAt: new Date('2025-11-06T14:00:00Z'),
          endsAt: new Date('2025-11-06T16:00:00Z'),
          timeZone: 'America/New_York',
        }),
      ],
    });
    const calendar = parseCalendar(ics);
    expect(eventsOf(calendar).map((e) => [e.uid, e.summary])).toEqual([
      ['a@enlace', 'Primera'],
      ['b@enlace', 'Segunda'],
      ['c@enlace', 'Tercera'],
      ['d@enlace', 'Cuarta'],
    ]);
    expect(calendar.getAllSubcomponents('vtimezone').map((zone) => zone.getFirstPropertyValue('tzid'))).toEqual([
      'America/Mexico_City',
      'America/New_York',
    ]);
    expect(eventsOf(calendar).map((e) => e.startDate.toUnixTime())).toEqual(
      ['2025-03-10', '2025-05-05T14:00:00Z', '2025-05-06T14:00:00Z', '2025-11-06T14:00:00Z'].map((iso, i) =>
        i === 0 ? Date.parse('2025-03-10T00:00:00Z') / 1000 : Date.parse(iso) / 1000,
      ),
    );
  });

  it('writes an empty calendar that still parses', () => {
    const calendar = parseCalendar(renderCalendar({ name: 'Sin reuniones', events: [] }));
    expect(calendar.getAllSubcomponents()).toHaveLength(0);
    expect(calendar.getFirstPropertyValue('x-wr-calname')).toBe('Sin reuniones');
  });

  it('gives the same bytes for the same input', () => {
    const input = {
      name: 'CRM',
      events: [
        event(),
        event({
          uid: 'b@enlace',
          allDay: false,
          startsAt: new Date('2025-05-05T14:00:00Z'),
          timeZone: 'America/Santiago',
        }),
      ],
    };
    expect(renderCalendar(input)).toBe(renderCalendar(structuredClone(input)));
  });

  it.each<[string, Partial<CalendarEvent>]>([
    ['an all-day meeting that ends before it starts', { startsOn: '2025-03-10', endsOn: '2025-03-09' }],
    ['a date that does not exist', { startsOn: '2025-02-30', endsOn: '2025-03-01' }],
    ['an all-day meeting without a start', { startsOn: undefined }],
    ['a timed meeting without a start', { allDay: false }],
    [
      'a timed meeting that ends before it starts',
      { allDay: false, startsAt: new Date('2025-03-10T10:00:00Z'), endsAt: new Date('2025-03-10T09:00:00Z') },
    ],
    [
      'an unknown time zone',
      { allDay: false, startsAt: new Date('2025-03-10T10:00:00Z'), timeZone: 'America/Mexico City' },
    ],
    ['an invalid stamp', { stamp: new Date('not a date') }],
    ['a negative sequence', { sequence: -1 }],
  ])('refuses %s', (_, overrides) => {
    expect(() => renderCalendar({ name: 'CRM', events: [event(overrides)] })).toThrow(RangeError);
  });
});
