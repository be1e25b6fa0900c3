/**
 * The meeting form as people fill it — days, and if it has them, times in a
 * time zone; the invited actors ticked — read into the API's input
 * (`startsAt`/`endsAt` as days or as instants with their offset).
 */
import { zonedInstant } from '../../domain/zoned-time.ts';
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
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The API input the values give, or the fields a person must fix: a time
 * without the other, or a time that is not one. Other checks are the API's.
 */
export function meetingInput(
  v: MeetingFormValues,
): { ok: true; input: Record<string, unknown> } | { ok: false; fields: { field: string; messageKey: string }[] } {
  const timed = v.startTime !== '' || v.endTime !== '';
  const problems: { field: string; messageKey: string }[] = [];
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
      ...(v.invited.length > 0 ? { invited: v.invited } : {}),
    },
  };
}
