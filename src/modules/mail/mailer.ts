/** How mail leaves: the nodemailer transport, and the 'mail.send' job that sends an outbox message. */

import { createRequire } from 'node:module';
import { eq, sql } from 'drizzle-orm';
import type Nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Config } from '../../config.ts';
import { outbox } from '../../db/schema/index.ts';
import type { JobHandlers } from '../jobs/job.service.ts';
import { MAIL_SEND } from './mail.service.ts';
import { maskSecretLinks } from './secret-links.ts';

export type MailTransport = Pick<Transporter, 'sendMail' | 'close'>;

/** SMTP when configured; otherwise none: messages stay in the outbox, marked as not delivered. */
export function createTransport(mail: Config['mail'], log: Logger): MailTransport | null {
  // Loaded only where mail is delivered.
  if (mail.smtpUrl)
    return (createRequire(import.meta.url)('nodemailer') as typeof Nodemailer).createTransport(mail.smtpUrl);
  log.warn('SMTP_URL is not set: e-mail is kept in the outbox and not delivered');
  return null;
}

const MailSendPayload = z.object({ outboxId: z.uuid() });

/**
 * Sends at least once: a message is marked sent in the job's transaction, so
 * a crash between sending and committing sends it again on the retry. Once
 * sent, the copy kept in the outbox has its one-time links masked. Without a
 * transport the message is marked `not_configured` and kept as it is.
 */
export function mailHandlers(transport: MailTransport | null, from: string): JobHandlers {
  return {
    [MAIL_SEND]: async (payload, { db, onFailure }) => {
      const { outboxId } = MailSendPayload.parse(payload);
      const [message] = await db.select().from(outbox).where(eq(outbox.id, outboxId)).for('update');
      if (!message) throw new Error(`outbox message ${outboxId} not found`);
      if (message.sentAt) return;
      if (!transport) {
        await db.update(outbox).set({ status: 'not_configured' }).where(eq(outbox.id, outboxId));
        return;
      }
      // The handler's own writes are rolled back when it throws: record the failure after that.
      onFailure((tx, lastError) =>
        tx
          .update(outbox)
          .set({ attempts: sql`${outbox.attempts} + 1`, lastError, status: 'failed' })
          .where(eq(outbox.id, outboxId)),
      );
      const info = await transport.sendMail({
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
        .set({
          sentAt: sql`now()`,
          attempts: message.attempts + 1,
          lastError: null,
          status: 'sent',
          smtpResponse: typeof info?.response === 'string' ? info.response.slice(0, 500) : null,
          text: maskSecretLinks(message.text),
          html: message.html === null ? null : maskSecretLinks(message.html),
        })
        .where(eq(outbox.id, outboxId));
    },
  };
}
