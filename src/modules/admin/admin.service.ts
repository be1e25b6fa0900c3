/** What the administration pages read: users with their actors' names, audit and outbox pages, actor choices. */
import { asc } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { auditEvents } from '../../db/schema/index.ts';
import { notFound } from '../../errors.ts';
import { listUsers } from '../accounts/account.service.ts';
import { listActors } from '../actors/actor.service.ts';
import { listAudit } from '../audit/audit.service.ts';
import { listOutbox } from '../mail/mail.service.ts';
import { PAGE_SIZE } from './admin.schema.ts';

export type ActorChoice = Awaited<ReturnType<typeof listActors>>[number];

/** Every user with each grant's actor resolved, so the page can name it. */
export async function listUserDirectory(db: Db) {
  const [users, actors] = await Promise.all([listUsers(db), listActors(db)]);
  const byId = new Map(actors.map((a) => [a.id, a]));
  return users.map((u) => ({
    ...u,
    grants: u.grants.map((g) => ({
      id: g.id,
      role: g.role,
      actor: g.actorId ? (byId.get(g.actorId) ?? null) : null,
    })),
  }));
}
export type DirectoryUser = Awaited<ReturnType<typeof listUserDirectory>>[number];

export async function findDirectoryUser(db: Db, id: string): Promise<DirectoryUser> {
  const user = (await listUserDirectory(db)).find((u) => u.id === id);
  if (!user) throw notFound('user');
  return user;
}

/** One page of a newest-first list, fetching one row more to know whether a next page exists. */
async function pageOf<T>(page: number, fetch: (limit: number, offset: number) => Promise<T[]>) {
  const rows = await fetch(PAGE_SIZE + 1, (page - 1) * PAGE_SIZE);
  return { rows: rows.slice(0, PAGE_SIZE), page, hasNext: rows.length > PAGE_SIZE };
}

export const auditPage = (db: Db, page: number, entityType: string | undefined) =>
  pageOf(page, (limit, offset) => listAudit(db, { limit, offset, entityType }));

export const outboxPage = (db: Db, page: number) => pageOf(page, (limit, offset) => listOutbox(db, { limit, offset }));

/** The kinds of entity the audit trail speaks of, for its filter. */
export async function auditEntityTypes(db: Db): Promise<string[]> {
  const rows = await db
    .selectDistinct({ entityType: auditEvents.entityType })
    .from(auditEvents)
    .orderBy(asc(auditEvents.entityType));
  return rows.map((r) => r.entityType);
}
