/**
 * Invitations and changes by e-mail, with the meeting as an .ics attachment,
 * to the focal points and validators of the invited actors and to the people
 * invited by address: once per person and version of the meeting (its
 * SEQUENCE). Someone invited later gets the invitation, not a change notice.
 */
import { and, eq, inArray, isNull, like, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, meetingActors, meetingGuests, meetings, outbox, users } from '../../db/schema/index.ts';
import { renderCalendar } from '../../render/ical/calendar.ts';
import { queueMail } from '../mail/mail.service.ts';
import { mailEachOnce, peopleWith } from '../mail/recipients.ts';
import { meetingEvent } from './meeting-calendar.ts';

/** Everyone a meeting invites: focal points and validators of the invited actors, and the guests by address. */
async function inviteesToMail(db: Db, meetingId: string) {
  const [invited, guests] = await Promise.all([
    db
      .select({ actorId: meetingActors.actorId })
      .from(meetingActors)
      .where(and(eq(meetingActors.meetingId, meetingId), eq(meetingActors.role, 'invited'))),
    db.select({ email: meetingGuests.email }).from(meetingGuests).where(eq(meetingGuests.meetingId, meetingId)),
  ]);
  const actorIds = invited.map((i) => i.actorId);
  // Deactivated accounts are left out; a person holding both roles gets one message.
  const people: { userId: string; email: string; name: string; locale: string | null }[] = [
    ...(await peopleWith(db, 'focal_point', actorIds)),
    ...(await peopleWith(db, 'validator', actorIds)),
  ];
  const emails = guests.map((g) => g.email);
  // A guest with an account is written to as that person, in their language; others by address.
  const accounts =
    emails.length === 0
      ? []
      : await db
          .select({ userId: users.id, email: users.email, name: users.name, locale: users.locale })
          .from(users)
          .where(and(inArray(sql`lower(${users.email})`, emails), isNull(users.disabledAt)));
  const known = new Map(accounts.map((a) => [a.email.toLowerCase(), a]));
  for (const email of emails) {
    const account = known.get(email);
    people.push(account ?? { userId: `guest:${email}`, email, name: email, locale: null });
  }
  return people;
}

export async function notifyMeetingChange(db: Db, meetingId: string, baseUrl: string): Promise<number> {
  const [row] = await db
    .select({ meeting: meetings, body: actors })
    .from(meetings)
    .innerJoin(actors, eq(actors.id, meetings.bodyId))
    .where(eq(meetings.id, meetingId));
  if (!row) return 0;
  const people = await inviteesToMail(db, meetingId);
  if (people.length === 0) return 0;
  const { meeting, body } = row;
  // Who was already written to about this meeting: anyone else gets an invitation, whatever its version.
  const told = new Set(
    (
      await db
        .select({ key: outbox.dedupeKey })
        .from(outbox)
        .where(like(outbox.dedupeKey, `meeting:${meeting.id}:%`))
    ).map((r) => r.key.split(':').slice(3).join(':')),
  );
  // PUBLISH: a calendar entry to add or update (STATUS:CANCELLED removes it); REQUEST would need ORGANIZER and ATTENDEE.
  const method = 'PUBLISH';
  return mailEachOnce(people, (person, i18n) => {
    const kind = meeting.state === 'cancelled' ? 'cancelled' : told.has(person.userId) ? 'changed' : 'invitation';
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
