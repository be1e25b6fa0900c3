/**
 * Telling an actor's focal points about the agreements it owns, by e-mail
 * through the outbox: when an agreement is assigned to it (taken at a
 * meeting with the actor among its owners) and when its status changes (with
 * the note). The change writes a job in its own transaction; the job writes
 * one message per person, once, in the person's language.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, agreementNotes, agreementOwners, agreements, meetings } from '../../db/schema/index.ts';
import { shorten } from '../../domain/shorten.ts';
import { enqueueJob, type JobHandlers } from '../jobs/job.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import { mailEachOnce, peopleWith } from '../mail/recipients.ts';

export const AGREEMENT_NOTIFY = 'agreement.notify';

type Payload = { agreementId: string; noteId?: string };

/** An agreement was assigned (no note) or its status changed (the note recording it). */
export async function notifyAgreement(tx: Db, payload: Payload): Promise<void> {
  const key = `${AGREEMENT_NOTIFY}:${payload.noteId ?? payload.agreementId}`;
  await enqueueJob(tx, { kind: AGREEMENT_NOTIFY, payload, uniqueKey: key });
}

/** Writes the messages of one agreement event; answers how many were new. */
export async function sendAgreementMail(db: Db, payload: Payload, baseUrl: string): Promise<number> {
  const [row] = await db
    .select({ agreement: agreements, meeting: { id: meetings.id, title: meetings.title, startsOn: meetings.startsOn } })
    .from(agreements)
    .innerJoin(meetings, eq(meetings.id, agreements.meetingId))
    .where(eq(agreements.id, payload.agreementId));
  if (!row) return 0;
  const [note] = payload.noteId
    ? await db.select().from(agreementNotes).where(eq(agreementNotes.id, payload.noteId))
    : [undefined];
  if (payload.noteId && !note) return 0;
  const owners = await db
    .select({ id: actors.id, name: actors.name })
    .from(agreementOwners)
    .innerJoin(actors, eq(actors.id, agreementOwners.actorId))
    .where(eq(agreementOwners.agreementId, payload.agreementId));
  const people = await peopleWith(
    db,
    'focal_point',
    owners.map((o) => o.id),
  );
  const kind = note ? 'agreement_status' : 'agreement_assigned';
  return mailEachOnce(people, (person, i18n) => {
    const owner = owners.find((o) => o.id === person.actorId);
    const params = {
      name: person.name,
      actor: owner ? i18n.pick(owner.name) : '',
      meeting: row.meeting.title,
      date: i18n.date(row.meeting.startsOn),
      agreement: shorten(row.agreement.text, 300),
      due: row.agreement.dueDate ? i18n.date(row.agreement.dueDate) : i18n.t('mail.agreement.noDue'),
      status: i18n.t(`status.${note?.status ?? row.agreement.status}`),
      note: note?.text ?? '',
      link: `${baseUrl}/meetings/${row.meeting.id}#agreement-${row.agreement.id}`,
    };
    return queueMail(db, {
      dedupeKey: `${kind}:${payload.noteId ?? payload.agreementId}:${person.userId}`,
      kind,
      to: person.email,
      subject: i18n.t(`mail.${kind}.subject`, params),
      text: i18n.t(`mail.${kind}.text`, params),
    });
  });
}

export function agreementHandlers(baseUrl: string): JobHandlers {
  return {
    [AGREEMENT_NOTIFY]: async (payload, { db }) => {
      const { agreementId, noteId } = payload as Partial<Payload>;
      if (typeof agreementId !== 'string') throw new Error('agreement.notify needs agreementId');
      await sendAgreementMail(db, { agreementId, ...(typeof noteId === 'string' ? { noteId } : {}) }, baseUrl);
    },
  };
}
