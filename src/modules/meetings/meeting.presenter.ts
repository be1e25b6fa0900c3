/** Meetings and agreements as the API shows them. */
import type { z } from '@hono/zod-openapi';
import type { Translator } from '../../web/i18n/i18n.ts';
import type { AgreementSchema, MeetingDetailSchema, MeetingSchema } from './meeting.schema.ts';
import type { agreementsWhere, getMeeting, MeetingRow } from './meeting.service.ts';

type Body = { id: string; key: string; name: Record<string, string>; acronym: Record<string, string> };

export function presentMeeting(i18n: Translator, meeting: MeetingRow, body: Body): z.infer<typeof MeetingSchema> {
  return {
    id: meeting.id,
    body: { id: body.id, key: body.key, name: i18n.pick(body.name), acronym: i18n.pick(body.acronym) || null },
    kind: meeting.kind,
    title: meeting.title,
    description: meeting.description,
    allDay: meeting.allDay,
    startsAt: meeting.allDay ? meeting.startsOn : (meeting.startsAt?.toISOString() ?? meeting.startsOn),
    endsAt: meeting.allDay ? meeting.endsOn : (meeting.endsAt?.toISOString() ?? meeting.endsOn),
    timeZone: meeting.timeZone,
    dateText: meeting.dateText,
    location: meeting.location,
    online: meeting.online,
    url: meeting.url,
    languages: meeting.languages,
    visibility: meeting.visibility,
    state: meeting.state,
    sequence: meeting.sequence,
  };
}

export function presentAgreement(
  i18n: Translator,
  a: Awaited<ReturnType<typeof agreementsWhere>>[number],
): z.infer<typeof AgreementSchema> {
  return {
    id: a.agreement.id,
    meetingId: a.meeting.id,
    text: a.agreement.text,
    dueDate: a.agreement.dueDate,
    status: a.agreement.status,
    owners: a.owners.map((o) => ({
      id: o.id,
      key: o.key,
      name: i18n.pick(o.name),
      acronym: i18n.pick(o.acronym) || null,
    })),
    items: a.items.map((it) => ({ id: it.id, code: it.code, text: it.text })),
    notes: a.notes.map((n) => ({ date: n.notedOn, status: n.status, text: n.text })),
  };
}

export function presentMeetingDetail(
  i18n: Translator,
  d: Awaited<ReturnType<typeof getMeeting>>,
): z.infer<typeof MeetingDetailSchema> {
  return {
    ...presentMeeting(i18n, d.meeting, d.body),
    participants: d.people.map((p) => ({
      role: p.role,
      people: p.people,
      actor: { id: p.actor.id, key: p.actor.key, name: i18n.pick(p.actor.name) },
    })),
    agenda: d.agenda.map((a) => ({
      id: a.agenda.id,
      title: a.agenda.title,
      item: a.item?.id ? { id: a.item.id, code: a.item.code, programme: a.programme?.slug ?? null } : null,
    })),
    documents: d.documents.map((doc) => ({
      id: doc.id,
      kind: doc.kind,
      title: doc.title,
      url: doc.url ?? `/meeting-documents/${doc.id}`,
      filename: doc.filename,
      size: doc.size,
    })),
    agreements: d.agreements.map((a) => presentAgreement(i18n, a)),
    ...(d.guests ? { guests: d.guests } : {}),
  };
}
