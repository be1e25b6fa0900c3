/**
 * The daily digest: for each person who chose one, the day's held news
 * (reports, comments, agreements, reminders) in one message, in the person's
 * language, each with its own subject and text. The job is enqueued once a
 * day, due at noon UTC (morning across the Americas); a message held after
 * it waits for the next day's.
 */
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { outbox, users } from '../../db/schema/index.ts';
import { type Locale, translator } from '../../web/i18n/i18n.ts';
import { enqueueJob, type JobHandlers } from '../jobs/job.service.ts';
import { queueMail } from './mail.service.ts';

export const MAIL_DIGEST = 'mail.digest';
const DIGEST_HOUR_UTC = 12;

export async function scheduleDigest(db: Db, onDate: string): Promise<void> {
  await enqueueJob(db, {
    kind: MAIL_DIGEST,
    payload: { onDate },
    runAt: new Date(`${onDate}T${String(DIGEST_HOUR_UTC).padStart(2, '0')}:00:00Z`),
    uniqueKey: `${MAIL_DIGEST}:${onDate}`,
  });
}

/** Writes one digest per recipient of held messages and marks those as digested; answers how many digests. */
export async function sendDigests(db: Db, onDate: string): Promise<number> {
  const held = await db
    .select({ id: outbox.id, to: outbox.to, subject: outbox.subject, text: outbox.text })
    .from(outbox)
    .where(eq(outbox.status, 'held'))
    .orderBy(asc(outbox.createdAt), asc(outbox.id));
  const byRecipient = new Map<string, typeof held>();
  for (const m of held) byRecipient.set(m.to.toLowerCase(), [...(byRecipient.get(m.to.toLowerCase()) ?? []), m]);
  let written = 0;
  for (const [to, messages] of byRecipient) {
    const [person] = await db
      .select({ name: users.name, locale: users.locale })
      .from(users)
      .where(and(sql`lower(${users.email}) = ${to}`, isNull(users.disabledAt)));
    await db.transaction(async (tx) => {
      const ids = messages.map((m) => m.id);
      if (person) {
        const i18n = translator((person.locale ?? 'es') as Locale);
        const params = { name: person.name, count: messages.length, date: i18n.date(onDate) };
        const body = messages.map((m) => `— ${m.subject}\n\n${m.text.trim()}`).join('\n\n\n');
        const { created } = await queueMail(tx, {
          dedupeKey: `digest:${onDate}:${to}`,
          kind: 'digest',
          to: messages[0]?.to ?? to,
          subject: i18n.t('mail.digest.subject', params),
          text: `${i18n.t('mail.digest.intro', params)}\n\n${body}\n\n${i18n.t('mail.digest.outro', params)}`,
        });
        if (created) written += 1;
      }
      // Held news for someone no longer active is not sent at all; either way it leaves the queue.
      await tx.update(outbox).set({ status: 'digested' }).where(inArray(outbox.id, ids));
    });
  }
  return written;
}

export function digestHandlers(): JobHandlers {
  return {
    [MAIL_DIGEST]: async (payload, { db }) => {
      const onDate = (payload as { onDate?: unknown }).onDate;
      if (typeof onDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(onDate))
        throw new Error('mail.digest needs onDate');
      await sendDigests(db, onDate);
    },
  };
}
