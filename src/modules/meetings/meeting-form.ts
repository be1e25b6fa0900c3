/**
 * The meeting form as people fill it — days, and if it has them, times in a
 * time zone; the invited actors ticked — read into the API's input
 * (`startsAt`/`endsAt` as days or as instants with their offset).
 */
import { zonedInstant } from '../../domain/zoned-time.ts';
import type { FieldError } from '../../errors.ts';
import type { MessageKey } from '../../web/i18n/i18n.ts';

export const MEETING_FIELDS = [
  'body',
  'kind',
  'title',
  'description',
  'startsAt',
  'endsAt',
  'startTime',
  'endTime',
  'timeZone',
  'location',
  'visibility',
  'guests',
] as const;
export type MeetingFormValues = Record<(typeof MEETING_FIELDS)[number], string> & { invited: string[] };

/** The zones offered first: where the programmes' meetings are held. */
export const MEETING_TIME_ZONES = [
  'America/New_York',
  'America/Mexico_City',
  'America/Guatemala',
  'America/Panama',
  'America/Bogota',
  'America/Lima',
  'America/Santiago',
  'America/Argentina/Buenos_Aires',
  'America/Sao_Paulo',
  'America/Toronto',
  'America/Santo_Domingo',
  'UTC',
] as const;

/** The labels the form shows, for messages that name a field. */
export const MEETING_LABELS: Record<string, MessageKey> = {
  body: 'meeting.body',
  kind: 'calendar.kind',
  title: 'meeting.title',
  description: 'meeting.description',
  startsAt: 'meeting.startsOn',
  endsAt: 'meeting.endsOn',
  startTime: 'meeting.startTime',
  endTime: 'meeting.endTime',
  timeZone: 'meeting.timeZone',
  location: 'meeting.location',
  invited: 'meeting.invited',
  guests: 'meeting.guests',
};

type Body = Record<string, string | File | (string | File)[]>;
/** A field's value; given twice, the last, as a form without repeated fields is read (so a bad one is seen). */
const one = (v: unknown): string => (typeof v === 'string' ? v.trim() : Array.isArray(v) ? one(v.at(-1)) : '');

export function meetingFormValues(body: Body): MeetingFormValues {
  const invited = body.invited;
  return {
    ...(Object.fromEntries(MEETING_FIELDS.map((f) => [f, one(body[f])])) as Record<
      (typeof MEETING_FIELDS)[number],
      string
    >),
    invited: (Array.isArray(invited) ? invited : invited === undefined ? [] : [invited]).flatMap((v) =>
      typeof v === 'string' && v.trim() ? [v.trim()] : [],
    ),
  };
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
/** An address as people write one: something, an @, a domain with a dot; no spaces, no second @. */
const EMAIL = /^[^\s@<>(),;:"]+@[^\s@<>(),;:"]+\.[^\s@<>(),;:".]{2,}$/;

/**
 * The addresses of the guests box: one per line (or separated by commas or
 * semicolons, as pasted from an e-mail), "Name <address>" read as the address,
 * each once. A line that is not an address is named with its number.
 */
export function guestList(text: string): { emails: string[]; problems: FieldError[] } {
  const emails: string[] = [];
  const problems: FieldError[] = [];
  for (const [i, line] of text.split(/\r?\n/).entries()) {
    for (const part of line.split(/[,;]/)) {
      const written = part.trim();
      if (written === '') continue;
      const address = (/<([^<>]+)>\s*$/.exec(written)?.[1] ?? written).trim().toLowerCase();
      if (!EMAIL.test(address) || address.length > 254)
        problems.push({
          field: 'guests',
          messageKey: 'error.field.guestEmail',
          params: { line: i + 1, value: written },
        });
      else if (!emails.includes(address)) emails.push(address);
    }
  }
  return { emails, problems };
}
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The API input the values give, or the fields a person must fix: a time
 * without the other, a time that is not one, or the first guest line that is
 * not an address. Other checks are the API's.
 */
export function meetingInput(
  v: MeetingFormValues,
): { ok: true; input: Record<string, unknown> } | { ok: false; fields: FieldError[] } {
  const timed = v.startTime !== '' || v.endTime !== '';
  const guests = guestList(v.guests);
  const problems: FieldError[] = guests.problems.slice(0, 1);
  if (timed) {
    for (const field of ['startTime', 'endTime'] as const) {
      if (!TIME.test(v[field]))
        problems.push({ field, messageKey: v[field] === '' ? 'error.field.timeMissing' : 'error.field.invalidValue' });
    }
  }
  const zone = v.timeZone || 'America/New_York';
  const at = (day: string, time: string) =>
    timed && DAY.test(day) && TIME.test(time) ? zonedInstant(day, time, zone) : day;
  if (problems.length > 0) return { ok: false, fields: problems };
  return {
    ok: true,
    input: {
      ...(v.body ? { body: v.body } : {}),
      kind: v.kind,
      title: v.title,
      description: v.description,
      startsAt: at(v.startsAt, v.startTime),
      endsAt: at(v.endsAt, v.endTime),
      ...(timed ? { timeZone: zone } : {}),
      location: v.location || undefined,
      visibility: v.visibility || 'public',
      // The whole choice, so that on a meeting's changes an actor unticked is no longer invited.
      invited: v.invited,
      guests: guests.emails,
    },
  };
}
