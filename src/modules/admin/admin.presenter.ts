/** Outbox messages and audit events as the API shows them: dates as ISO strings, no internals. */
import type { listAudit } from '../audit/audit.service.ts';
import type { OutboxEntry } from '../mail/mail.service.ts';

type AuditRow = Awaited<ReturnType<typeof listAudit>>[number];

export function presentOutboxEntry(m: OutboxEntry) {
  return {
    id: m.id,
    kind: m.kind,
    to: m.to,
    subject: m.subject,
    text: m.text,
    createdAt: m.createdAt.toISOString(),
    status: m.status,
    sentAt: m.sentAt ? m.sentAt.toISOString() : null,
    smtpResponse: m.smtpResponse,
    attempts: m.attempts,
    lastError: m.lastError,
  };
}

export function presentAuditEvent(e: AuditRow) {
  return {
    id: e.id,
    at: e.at.toISOString(),
    user: e.user ? { id: e.user.id, name: e.user.name } : null,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: e.before ?? null,
    after: e.after ?? null,
  };
}
