/** How mail leaves: the nodemailer transport, and the 'mail.send' job that sends an outbox message. */
import { eq, sql } from 'drizzle-orm';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { outbox } from '../../db/schema/index.ts';
import type { JobHandlers } from '../jobs/job.service.ts';
import { MAIL_SEND } from './mail.service.ts';

export type MailTransport = Pick<Transporter, 'sendMail' | 'close'>;

/** SMTP when configured; otherwise messages are rendered to JSON and dropped (they stay in the outbox). */
export function createTransport(mail: Config['mail'], log: Logger): MailTransport {
  if (mail.smtpUrl) return nodemailer.createTransport(mail.smtpUrl);
  log.warn('SMTP_URL is not set: e-mail is kept in the outbox and not delivered');
  return nodemailer.createTransport({ jsonTransport: true });
}

const MailSendPayload = z.object({ outboxId: z.uuid() });

/**
 * Sends at least once: a message is marked sent in the job's transaction, so
 * a crash between sending and committing sends it again on the retry.
 */
export function mailHandlers(transport: MailTransport, from: string): JobHandlers {
  return {
    [MAIL_SEND]: async (payload, { db, onFailure }) => {
      const { outboxId } = MailSendPayload.parse(payload);
      const [message] = await db.select().from(outbox).where(eq(outbox.id, outboxId)).for('update');
      if (!message) throw new Error(`outbox message ${outboxId} not found`);
      if (message.sentAt) return;
      // The handler's own writes are rolled back when it throws: record the failure after that.
      onFailure((tx, lastError) =>
        tx
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1`, lastError })
          .where(eq(outbox.id, outboxId)),
      );
      await transport.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.text,
        html: message.html ?? undefined,
        attachments: (message.attachments ?? []).map((a) => ({
          filename: a.filename,
          contentType: a.contentType,
          content: Buffer.from(a.content, 'base64'),
        })),
      });
      await db
        .update(outbox)
        .set({ sentAt: sql`now()`, attempts: message.attempts + 1, lastError: null })
        .where(eq(outbox.id, outboxId));
    },
  };
}
