/**
 * The e-mail outbox: every message is written here first, once per dedupe
 * key, and sent by a 'mail.send' job (see mailer.ts).
 */
import { randomUUID } from 'node:crypto';
import { and, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { type MailKind, type OutboxStatus, oneTimeTokens, outbox, users } from '../../db/schema/index.ts';
import { sha256 } from '../accounts/secrets.ts';
import { enqueueJob } from '../jobs/job.service.ts';
import { maskSecretLinks, secretTokensIn } from './secret-links.ts';

export const MAIL_SEND = 'mail.send';

export type MailAttachment = { filename: string; contentType: string; content: Uint8Array };

export type QueueMailInput = {
  /** Names the message's reason (`cycle-opened:<cycle>:<user>`): queueing it again sends nothing. */
  dedupeKey: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html?: string;
  attachments?: MailAttachment[];
};

/**
 * News a person may take as a daily digest; invitations, password resets and
 * meeting invitations (which carry the calendar entry) always go at once.
 */
export const DIGESTIBLE_KINDS: ReadonlySet<MailKind> = new Set<MailKind>([
  'cycle_opened',
  'report_submitted',
  'report_approved',
  'report_returned',
  'report_accepted',
  'report_comment',
  'agreement_assigned',
  'agreement_status',
  'reminder',
]);

/** Whether the message waits for its recipient's daily digest: news, to an active person who chose one. */
async function heldForDigest(db: Db, input: QueueMailInput): Promise<boolean> {
  if (!DIGESTIBLE_KINDS.has(input.kind)) return false;
  const [person] = await db
    .select({ mailDigest: users.mailDigest })
    .from(users)
    .where(and(sql`lower(${users.email}) = lower(${input.to})`, isNull(users.disabledAt)));
  return person?.mailDigest ?? false;
}

/**
 * Writes the message and its sending job together (or, for someone who
 * takes a daily digest, holds it for that); returns the existing message's
 * id for a known key.
 */
export async function queueMail(db: Db, input: QueueMailInput): Promise<{ id: string; created: boolean }> {
  return db.transaction(async (tx) => {
    const id = randomUUID();
    const held = await heldForDigest(tx, input);
    const inserted = await tx
      .insert(outbox)
      .values({
        id,
        dedupeKey: input.dedupeKey,
        kind: input.kind,
        to: input.to,
        subject: input.subject,
        text: input.text,
        html: input.html ?? null,
        attachments:
          input.attachments?.map((a) => ({
            filename: a.filename,
            contentType: a.contentType,
            content: Buffer.from(a.content).toString('base64'),
          })) ?? null,
        status: held ? 'held' : 'queued',
      })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
    if (inserted.length === 0) {
      const [existing] = await tx.select({ id: outbox.id }).from(outbox).where(eq(outbox.dedupeKey, input.dedupeKey));
      if (!existing) throw new Error(`outbox message ${input.dedupeKey} conflicted but is gone`);
      return { id: existing.id, created: false };
    }
    if (!held) await enqueueJob(tx, { kind: MAIL_SEND, payload: { outboxId: id }, uniqueKey: `${MAIL_SEND}:${id}` });
    return { id, created: true };
  });
}

export type OutboxEntry = {
  id: string;
  dedupeKey: string;
  kind: MailKind;
  to: string;
  subject: string;
  text: string;
  html: string | null;
  attachments: { filename: string; contentType: string }[];
  createdAt: Date;
  sentAt: Date | null;
  attempts: number;
  lastError: string | null;
  status: OutboxStatus;
  smtpResponse: string | null;
};

/**
 * The messages as the secretariat may read them: a one-time link stays
 * readable only while its message waits to go out (or there is no mail server
 * to send it) and the link can still be used; otherwise it is masked.
 */
async function maskSpentSecrets(db: Db, rows: OutboxEntry[]): Promise<OutboxEntry[]> {
  const tokens = rows.flatMap((r) => secretTokensIn(r.text));
  const live = new Set<string>();
  if (tokens.length > 0) {
    const found = await db
      .select({ tokenHash: oneTimeTokens.tokenHash })
      .from(oneTimeTokens)
      .where(
        and(
          inArray(oneTimeTokens.tokenHash, tokens.map(sha256)),
          isNull(oneTimeTokens.usedAt),
          gt(oneTimeTokens.expiresAt, new Date()),
        ),
      );
    for (const row of found) live.add(row.tokenHash);
  }
  return rows.map((r) => {
    const readable = r.status !== 'sent' && secretTokensIn(r.text).every((t) => live.has(sha256(t)));
    if (readable) return r;
    return { ...r, text: maskSecretLinks(r.text), html: r.html === null ? null : maskSecretLinks(r.html) };
  });
}

/** Newest first. Attachments are named, not loaded: their contents stay in the database. */
export async function listOutbox(db: Db, page: { limit?: number; offset?: number } = {}): Promise<OutboxEntry[]> {
  const rows = await db
    .select({
      id: outbox.id,
      dedupeKey: outbox.dedupeKey,
      kind: outbox.kind,
      to: outbox.to,
      subject: outbox.subject,
      text: outbox.text,
      html: outbox.html,
      attachments: sql<OutboxEntry['attachments']>`(
        select coalesce(jsonb_agg(jsonb_build_object('filename', a->'filename', 'contentType', a->'contentType')), '[]')
        from jsonb_array_elements(coalesce(${outbox.attachments}, '[]')) a)`,
      createdAt: outbox.createdAt,
      sentAt: outbox.sentAt,
      attempts: outbox.attempts,
      lastError: outbox.lastError,
      status: outbox.status,
      smtpResponse: outbox.smtpResponse,
    })
    .from(outbox)
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(page.limit ?? 50)
    .offset(page.offset ?? 0);
  return maskSpentSecrets(db, rows);
}
