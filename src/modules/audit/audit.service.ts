/** The audit trail: every change to shared data, who made it, when, before and after. */
import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { auditEvents, users } from '../../db/schema/index.ts';

export type AuditInput = {
  userId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
};

export async function recordAudit(db: Db, event: AuditInput): Promise<void> {
  await db.insert(auditEvents).values({
    id: crypto.randomUUID(),
    userId: event.userId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    before: event.before ?? null,
    after: event.after ?? null,
  });
}

export async function listAudit(db: Db, options: { limit?: number; offset?: number; entityType?: string } = {}) {
  const query = db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      before: auditEvents.before,
      after: auditEvents.after,
      user: { id: users.id, name: users.name, email: users.email },
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.userId))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(options.limit ?? 100)
    .offset(options.offset ?? 0);
  return options.entityType ? query.where(eq(auditEvents.entityType, options.entityType)) : query;
}
