/** Meetings as iCalendar events: feeds per body, per actor and for everyone, and e-mail attachments. */
import type { CalendarEvent } from '../../render/ical/calendar.ts';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { MeetingRow } from './meeting.service.ts';

const STATUS: Record<MeetingRow['state'], CalendarEvent['status']> = {
  planned: 'TENTATIVE',
  confirmed: 'CONFIRMED',
  held: 'CONFIRMED',
  cancelled: 'CANCELLED',
};

export function meetingEvent(
  i18n: Translator,
  meeting: MeetingRow,
  body: { name: Record<string, string>; acronym: Record<string, string> },
  baseUrl: string,
): CalendarEvent {
  const bodyName = i18n.pick(body.acronym) || i18n.pick(body.name);
  const description = [
    `${i18n.t(`meetingKind.${meeting.kind}`)} — ${bodyName}`,
    meeting.dateText ? `${i18n.t('meeting.datePrinted')}: ${meeting.dateText}` : null,
    meeting.description,
  ]
    .filter(Boolean)
    .join('\n\n');
  return {
    uid: `${meeting.id}@enlace`,
    sequence: meeting.sequence,
    stamp: meeting.updatedAt,
    lastModified: meeting.updatedAt,
    title: meeting.title,
    description,
    ...(meeting.location ? { location: meeting.location } : {}),
    url: meeting.url ?? `${baseUrl}/meetings/${meeting.id}`,
    status: STATUS[meeting.state],
    allDay: meeting.allDay,
    ...(meeting.allDay
      ? { startsOn: meeting.startsOn, endsOn: meeting.endsOn }
      : {
          startsAt: meeting.startsAt ?? new Date(`${meeting.startsOn}T00:00:00Z`),
          endsAt: meeting.endsAt ?? new Date(`${meeting.endsOn}T00:00:00Z`),
          ...(meeting.timeZone ? { timeZone: meeting.timeZone } : {}),
        }),
    categories: [bodyName, i18n.t(`meetingKind.${meeting.kind}`)],
  };
}
