/**
 * Accounts: users invited by the secretariat, their grants, one-time links
 * (invitation, password reset), sign-in with rate limits, sessions and
 * personal API tokens.
 */
import { and, asc, eq, gt, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import { actors, apiTokens, grants, oneTimeTokens, sessions, users } from '../../db/schema/index.ts';
import type { Grant, Principal } from '../../domain/authz.ts';
import { AppError } from '../../errors.ts';
import { type Locale, translator } from '../../web/i18n/i18n.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import type { CreateUserInput, GrantInput } from './account.schema.ts';
import { clearRateLimit, type RateLimit, releaseRateLimit, takeRateLimit } from './rate-limit.service.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets.ts';

export const SESSION_DAYS = 14;
export const INVITATION_DAYS = 7;
export const RESET_HOURS = 2;
export const LOGIN_LIMITS: { account: RateLimit; address: RateLimit } = {
  account: { limit: 5, windowMs: 15 * 60_000 },
  address: { limit: 20, windowMs: 15 * 60_000 },
};

const invalidCredentials = () => new AppError('invalid_credentials', 401, 'error.invalidCredentials');

export async function findUserByEmail(db: Db, email: string) {
  const [user] = await db.select().from(users).where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return user;
}

export async function grantsOf(db: Db, userId: string): Promise<Grant[]> {
  return db.select({ role: grants.role, actorId: grants.actorId }).from(grants).where(eq(grants.userId, userId));
}

async function checkActors(db: Db, list: GrantInput[]) {
  for (const [index, g] of list.entries()) {
    if (!g.actorId) continue;
    const [actor] = await db.select({ id: actors.id }).from(actors).where(eq(actors.id, g.actorId));
    if (!actor) {
      throw new AppError('invalid_input', 400, 'error.invalidInput', {
        fields: [{ field: `grants.${index}.actorId`, messageKey: 'error.field.unknownActor' }],
      });
    }
  }
}

export async function addGrants(db: Db, userId: string, list: GrantInput[]) {
  await checkActors(db, list);
  if (list.length === 0) return;
  await db
    .insert(grants)
    .values(list.map((g) => ({ id: crypto.randomUUID(), userId, role: g.role, actorId: g.actorId ?? null })))
    .onConflictDoNothing();
}

type MailContext = { baseUrl: string };

async function issueOneTimeToken(db: Db, userId: string, purpose: 'invitation' | 'password_reset') {
  const token = randomToken();
  const ms = purpose === 'invitation' ? INVITATION_DAYS * 86_400_000 : RESET_HOURS * 3_600_000;
  await db.insert(oneTimeTokens).values({
    id: crypto.randomUUID(),
    userId,
    purpose,
    tokenHash: sha256(token),
    expiresAt: new Date(Date.now() + ms),
  });
  return token;
}

/** The secretariat invites someone: the account, its grants, and an e-mail with a one-time link. */
export async function inviteUser(db: Db, input: CreateUserInput, by: Principal | null, mail: MailContext) {
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) {
      throw new AppError('email_taken', 409, 'error.emailTaken', {
        fields: [{ field: 'email', messageKey: 'error.field.emailTaken' }],
      });
    }
    const id = crypto.randomUUID();
    await tx.insert(users).values({ id, email: input.email, name: input.name, locale: input.locale ?? null });
    await addGrants(tx, id, input.grants);
    const token = await issueOneTimeToken(tx, id, 'invitation');
    const t = translator((input.locale ?? 'es') as Locale);
    const link = `${mail.baseUrl}/invitations/${token}`;
    await queueMail(tx, {
      dedupeKey: `invitation:${sha256(token)}`,
      to: input.email,
      subject: t.t('mail.invitation.subject'),
      text: t.t('mail.invitation.text', { name: input.name, link, days: INVITATION_DAYS }),
    });
    await recordAudit(tx, {
      userId: by?.userId ?? null,
      action: 'user.invite',
      entityType: 'user',
      entityId: id,
      after: { email: input.email, name: input.name, grants: input.grants },
    });
    return { id, invitationToken: token };
  });
}

/** Uses a one-time link: sets the password. Expired, used or unknown links are refused alike. */
export async function usePasswordLink(
  db: Db,
  token: string,
  password: string,
  purpose: 'invitation' | 'password_reset',
) {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select()
      .from(oneTimeTokens)
      .where(and(eq(oneTimeTokens.tokenHash, sha256(token)), eq(oneTimeTokens.purpose, purpose)))
      .for('update');
    if (!row || row.usedAt || row.expiresAt.getTime() < Date.now()) {
      throw new AppError('link_invalid', 410, 'error.linkInvalid');
    }
    await tx.update(oneTimeTokens).set({ usedAt: new Date() }).where(eq(oneTimeTokens.id, row.id));
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, row.userId));
    // A new password ends every open session of the account.
    await tx.delete(sessions).where(eq(sessions.userId, row.userId));
    await recordAudit(tx, {
      userId: row.userId,
      action: `user.${purpose}_used`,
      entityType: 'user',
      entityId: row.userId,
    });
    return row.userId;
  });
}

/** Forgot password: sends a reset link if the account exists; says nothing either way. */
export async function requestPasswordReset(db: Db, email: string, mail: MailContext) {
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user || user.disabledAt) return;
    const token = await issueOneTimeToken(tx, user.id, 'password_reset');
    const t = translator((user.locale ?? 'es') as Locale);
    await queueMail(tx, {
      dedupeKey: `reset:${sha256(token)}`,
      to: user.email,
      subject: t.t('mail.reset.subject'),
      text: t.t('mail.reset.text', {
        name: user.name,
        link: `${mail.baseUrl}/reset-password/${token}`,
        hours: RESET_HOURS,
      }),
    });
  });
}

/**
 * Checks e-mail and password, limited per account and per address: each
 * attempt takes a slot of both before the password is checked (so a burst
 * gets no more checks than the limits allow); a failure keeps them, a
 * success clears the account's count and gives the address its slot back.
 */
export async function authenticate(db: Db, email: string, password: string, address: string) {
  const accountKey = `login:account:${email.toLowerCase()}`;
  const addressKey = `login:address:${address}`;
  const tooMany = () => new AppError('too_many_attempts', 429, 'error.tooManyAttempts');
  if (!(await takeRateLimit(db, accountKey, LOGIN_LIMITS.account))) throw tooMany();
  if (!(await takeRateLimit(db, addressKey, LOGIN_LIMITS.address))) {
    await releaseRateLimit(db, accountKey);
    throw tooMany();
  }
  const user = await findUserByEmail(db, email);
  // Unknown and disabled accounts are checked against a decoy hash: the time taken tells nothing.
  const ok = await verifyPassword(user && !user.disabledAt ? user.passwordHash : null, password);
  if (!user || !ok) throw invalidCredentials();
  await clearRateLimit(db, accountKey);
  await releaseRateLimit(db, addressKey);
  return user;
}

export async function createSession(db: Db, userId: string) {
  const token = randomToken();
  const csrfToken = randomToken(24);
  const expiresAt = new Date(Date.now() + SESSION_DAYS * 86_400_000);
  await db.insert(sessions).values({ tokenHash: sha256(token), userId, csrfToken, expiresAt });
  return { token, csrfToken, expiresAt };
}

export async function deleteSession(db: Db, token: string) {
  await db.delete(sessions).where(eq(sessions.tokenHash, sha256(token)));
}

export type AuthenticatedPrincipal = Principal & {
  csrfToken: string | null;
  via: 'session' | 'token';
  locale: string | null;
};

async function principalFor(db: Db, userId: string, via: 'session' | 'token', csrfToken: string | null) {
  const [user] = await db
    .select()
    .from(users)
    .where(and(eq(users.id, userId), isNull(users.disabledAt)));
  if (!user) return null;
  const principal: AuthenticatedPrincipal = {
    userId: user.id,
    email: user.email,
    name: user.name,
    locale: user.locale,
    grants: await grantsOf(db, user.id),
    via,
    csrfToken,
  };
  return principal;
}

export async function principalFromSession(db: Db, token: string): Promise<AuthenticatedPrincipal | null> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date())));
  if (!row) return null;
  return principalFor(db, row.userId, 'session', row.csrfToken);
}

export async function principalFromApiToken(db: Db, token: string): Promise<AuthenticatedPrincipal | null> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), isNull(apiTokens.revokedAt)));
  if (!row) return null;
  // Recorded to the minute (the account page shows the day): a write, and a
  // flush to disk, on every API request would buy nothing (bench/writes.ts).
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= 60_000)
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return principalFor(db, row.userId, 'token', null);
}

/** A personal API token: returned once, stored as its hash. */
export async function createApiToken(db: Db, userId: string, name: string) {
  const secret = `enl_${randomToken(30)}`;
  const id = crypto.randomUUID();
  await db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({ id, userId, name, tokenHash: sha256(secret), prefix: secret.slice(0, 10) });
    await recordAudit(tx, { userId, action: 'token.create', entityType: 'api_token', entityId: id, after: { name } });
  });
  return { id, token: secret, name };
}

export async function listApiTokens(db: Db, userId: string) {
  return db
    .select({
      id: apiTokens.id,
      name: apiTokens.name,
      prefix: apiTokens.prefix,
      createdAt: apiTokens.createdAt,
      lastUsedAt: apiTokens.lastUsedAt,
      revokedAt: apiTokens.revokedAt,
    })
    .from(apiTokens)
    .where(eq(apiTokens.userId, userId))
    .orderBy(asc(apiTokens.createdAt));
}

export async function revokeApiToken(db: Db, userId: string, tokenId: string) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(and(eq(apiTokens.id, tokenId), eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)))
      .returning({ id: apiTokens.id });
    if (!row) throw new AppError('not_found', 404, 'error.notFound');
    await recordAudit(tx, { userId, action: 'token.revoke', entityType: 'api_token', entityId: tokenId });
  });
}

export async function listUsers(db: Db) {
  const rows = await db.select().from(users).orderBy(asc(users.name));
  const all = await db.select().from(grants);
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    active: u.passwordHash !== null && u.disabledAt === null,
    grants: all.filter((g) => g.userId === u.id).map((g) => ({ role: g.role, actorId: g.actorId })),
  }));
}

/** Creates a user with a password directly (CLI, first start). */
export async function createUserWithPassword(
  db: Db,
  input: { email: string; name: string; password: string; grants: GrantInput[] },
) {
  return db.transaction(async (tx) => {
    if (await findUserByEmail(tx, input.email)) throw new AppError('email_taken', 409, 'error.emailTaken');
    const id = crypto.randomUUID();
    await tx.insert(users).values({
      id,
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
    });
    await addGrants(tx, id, input.grants);
    await recordAudit(tx, {
      userId: null,
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: { email: input.email, grants: input.grants },
    });
    return id;
  });
}

export async function setPassword(db: Db, email: string, password: string) {
  const passwordHash = await hashPassword(password);
  // A new password and the end of the old sessions: both or neither.
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw new AppError('not_found', 404, 'error.notFound');
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await tx.delete(sessions).where(eq(sessions.userId, user.id));
    await recordAudit(tx, { userId: null, action: 'user.reset_password', entityType: 'user', entityId: user.id });
  });
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
