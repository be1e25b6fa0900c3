/** Background jobs (claimed with FOR UPDATE SKIP LOCKED) and the outbox of every e-mail sent. */
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    payload: jsonb('payload').notNull().default({}),
    /** At most one job per key: enqueueing the same key twice is a no-op. */
    uniqueKey: text('unique_key'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull().defaultNow(),
    attempts: integer('attempts').notNull().default(0),
    lockedBy: text('locked_by'),
    lockedAt: timestamp('locked_at', { withTimezone: true }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('jobs_unique_key_idx').on(t.uniqueKey), index('jobs_due_idx').on(t.doneAt, t.runAt)],
);

/** `held`: waiting for its recipient's daily digest; `digested`: sent as part of one. */
export const OUTBOX_STATUSES = ['queued', 'sent', 'failed', 'not_configured', 'held', 'digested'] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Why a message was sent, as the API names it. */
export const MAIL_KINDS = [
  'cycle_opened',
  'report_submitted',
  'report_approved',
  'report_returned',
  'report_accepted',
  'report_comment',
  'agreement_assigned',
  'agreement_status',
  'meeting_invitation',
  'invitation',
  'password_reset',
  'reminder',
  'digest',
] as const;
export type MailKind = (typeof MAIL_KINDS)[number];

export const outbox = pgTable(
  'outbox',
  {
    id: uuid('id').primaryKey(),
    /** A message with the same key is never written (nor sent) twice. */
    dedupeKey: text('dedupe_key').notNull(),
    kind: text('kind').$type<MailKind>().notNull(),
    to: text('to').notNull(),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html'),
    attachments: jsonb('attachments').$type<{ filename: string; contentType: string; content: string }[]>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    /** queued → sent, or failed (retried), or not_configured (no SMTP server: kept, never delivered); held → digested. */
    status: text('status').$type<OutboxStatus>().notNull().default('queued'),
    /** What the SMTP server answered when it took the message. */
    smtpResponse: text('smtp_response'),
  },
  (t) => [uniqueIndex('outbox_dedupe_idx').on(t.dedupeKey), index('outbox_created_idx').on(t.createdAt)],
);
