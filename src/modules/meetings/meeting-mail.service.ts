/**
 * Invitations and changes by e-mail, with the meeting as an .ics attachment,
 * to the focal points and validators of the invited actors: once per person
 * and version of the meeting (its SEQUENCE).
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, meetingActors, meetings } from '../../db/schema/index.ts';
import { renderCalendar } from '../../render/ical/calendar.ts';
import { queueMail } from '../mail/mail.service.ts';
import { mailEachOnce, peopleWith } from '../mail/recipients.ts';
import { meetingEvent } from './meeting-calendar.ts';

export async function notifyMeetingChange(db: Db, meetingId: string, baseUrl: string): Promise<number> {
  const [row] = await db
    .select({ meeting: meetings, body: actors })
    .from(meetings)
    .innerJoin(actors, eq(actors.id, meetings.bodyId))
    .where(eq(meetings.id, meetingId));
  if (!row) return 0;
  const invited = await db
    .select({ actorId: meetingActors.actorId })
    .from(meetingActors)
    .where(eq(meetingActors.meetingId, meetingId));
  if (invited.length === 0) return 0;
  const actorIds = invited.map((i) => i.actorId);
  // Deactivated accounts are left out; a person holding both roles gets one message.
  const people = [...(await peopleWith(db, 'focal_point', actorIds)), ...(await peopleWith(db, 'validator', actorIds))];
  const { meeting, body } = row;
  // PUBLISH: a calendar entry to add or update (STATUS:CANCELLED removes it); REQUEST would need ORGANIZER and ATTENDEE.
  const method = 'PUBLISH';
  const kind = meeting.state === 'cancelled' ? 'cancelled' : meeting.sequence === 0 ? 'invitation' : 'changed';
  return mailEachOnce(people, (person, i18n) => {
    const ics = renderCalendar({ name: meeting.title, method, events: [meetingEvent(i18n, meeting, body, baseUrl)] });
    const params = {
      name: person.name,
      title: meeting.title,
      body: i18n.pick(body.acronym) || i18n.pick(body.name),
      dates:
        meeting.startsOn === meeting.endsOn
          ? i18n.date(meeting.startsOn)
          : `${i18n.date(meeting.startsOn)} – ${i18n.date(meeting.endsOn)}`,
      location: meeting.location ?? '—',
      link: `${baseUrl}/meetings/${meeting.id}`,
    };
    return queueMail(db, {
      dedupeKey: `meeting:${meeting.id}:${meeting.sequence}:${person.userId}`,
      kind: 'meeting_invitation',
      to: person.email,
      subject: i18n.t(`mail.meeting.${kind}.subject`, params),
      text: i18n.t(`mail.meeting.${kind}.text`, params),
      attachments: [
        {
          filename: 'invite.ics',
          contentType: `text/calendar; charset=utf-8; method=${method}`,
          content: new TextEncoder().encode(ics),
        },
      ],
    });
  });
}
