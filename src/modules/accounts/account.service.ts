/**
 * Accounts: users invited by the secretariat, their grants, one-time links
 * (invitation, password reset), sign-in with rate limits, sessions and
 * personal API tokens.
 */
import { and, asc, eq, gt, isNull, ne, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connect.ts';
import {
  actors,
  apiTokens,
  grants,
  knownDevices,
  NEW_FEED_SECRET,
  oneTimeTokens,
  sessions,
  type TokenScope,
  users,
} from '../../db/schema/index.ts';
import type { Grant, Principal } from '../../domain/authz.ts';
import { passwordProblem } from '../../domain/password-policy.ts';
import { AppError, invalidInput, notFound } from '../../errors.ts';
import { type Locale, translator } from '../../web/i18n/i18n.ts';
import { recordAudit } from '../audit/audit.service.ts';
import { queueMail } from '../mail/mail.service.ts';
import type { CreateUserInput, GrantInput } from './account.schema.ts';
import { commonPasswords } from './common-passwords.ts';
import { clearRateLimit, type RateLimit, releaseRateLimit, takeRateLimit } from './rate-limit.service.ts';
import { hashPassword, randomToken, sha256, verifyPassword } from './secrets.ts';

export const SESSION_DAYS = 14;
export const INVITATION_DAYS = 7;
export const RESET_HOURS = 2;
export const TOKEN_DAYS = 365;
export const DEVICE_DAYS = 180;
export const LOGIN_LIMITS: { account: RateLimit; address: RateLimit } = {
  account: { limit: 5, windowMs: 15 * 60_000 },
  address: { limit: 20, windowMs: 15 * 60_000 },
};
/** Reset e-mails: a few per account and per address each hour, so nobody can flood a mailbox. */
export const RESET_LIMITS: { account: RateLimit; address: RateLimit } = {
  account: { limit: 3, windowMs: 60 * 60_000 },
  address: { limit: 10, windowMs: 60 * 60_000 },
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

/** Each grant as a line saying for which actor and what the person will do. */
async function rolesInWords(db: Db, i18n: ReturnType<typeof translator>, list: GrantInput[]): Promise<string> {
  if (list.length === 0) return `- ${i18n.t('mail.invitation.role.none')}`;
  const lines = [];
  for (const g of list) {
    const [actor] = g.actorId
      ? await db.select({ name: actors.name }).from(actors).where(eq(actors.id, g.actorId))
      : [undefined];
    lines.push(`- ${i18n.t(`mail.invitation.role.${g.role}`, { actor: actor ? i18n.pick(actor.name) : '' })}`);
  }
  return lines.join('\n');
}

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
/** Issues an invitation link and writes the message that carries it: who invites, for what, and the link. */
async function mailInvitation(
  tx: Db,
  person: { id: string; email: string; name: string; locale?: string | null | undefined },
  grantList: GrantInput[],
  by: Principal | null,
  mail: MailContext,
): Promise<string> {
  const token = await issueOneTimeToken(tx, person.id, 'invitation');
  const t = translator((person.locale ?? 'es') as Locale);
  const inviter = by?.name ?? t.t('mail.invitation.theSecretariat');
  await queueMail(tx, {
    dedupeKey: `invitation:${sha256(token)}`,
    kind: 'invitation',
    to: person.email,
    subject: t.t('mail.invitation.subject', { inviter }),
    text: t.t('mail.invitation.text', {
      name: person.name,
      inviter,
      roles: await rolesInWords(tx, t, grantList),
      link: `${mail.baseUrl}/invitations/${token}`,
      days: INVITATION_DAYS,
    }),
  });
  return token;
}

/**
 * Sends someone who has not yet chosen a password a new invitation: the
 * earlier links stop working. Refused (409) for an account already in use or
 * deactivated.
 */
export async function resendInvitation(db: Db, userId: string, by: Principal, mail: MailContext) {
  return db.transaction(async (tx) => {
    const [person] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!person) throw notFound('user');
    if (person.passwordHash !== null || person.disabledAt !== null)
      throw new AppError('not_invited', 409, 'error.notInvited');
    await tx
      .update(oneTimeTokens)
      .set({ usedAt: new Date() })
      .where(
        and(eq(oneTimeTokens.userId, userId), eq(oneTimeTokens.purpose, 'invitation'), isNull(oneTimeTokens.usedAt)),
      );
    const held = (await grantsOf(tx, userId)).map((g) => ({ role: g.role, actorId: g.actorId ?? undefined }));
    const token = await mailInvitation(tx, person, held, by, mail);
    await recordAudit(tx, {
      userId: by.userId,
      action: 'user.reinvite',
      entityType: 'user',
      entityId: userId,
      after: { email: person.email },
    });
    return { invitationToken: token };
  });
}

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
    const token = await mailInvitation(tx, { id, ...input }, input.grants, by, mail);
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

/** Refuses a new password that is common, repetitive or the account's own name or address (400 on `password`). */
export async function checkNewPassword(password: string, user: { email: string; name: string }) {
  const problem = passwordProblem(password, await commonPasswords(), user);
  if (problem === null) return;
  const messageKey =
    problem === 'tooShort' || problem === 'tooLong' ? 'error.field.passwordRule' : `error.field.password.${problem}`;
  throw invalidInput([{ field: 'password', messageKey }]);
}

/**
 * Everything that proves to be this user, ended: browser sessions, API tokens,
 * the calendar feed secret and unused one-time links. After a new password or
 * when the account is deactivated.
 */
async function endAccess(tx: Db, userId: string, keepLinkId?: string) {
  const now = new Date();
  await tx.delete(sessions).where(eq(sessions.userId, userId));
  await tx
    .update(apiTokens)
    .set({ revokedAt: now })
    .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt)));
  await tx.update(users).set({ feedSecret: NEW_FEED_SECRET }).where(eq(users.id, userId));
  await tx
    .update(oneTimeTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(oneTimeTokens.userId, userId),
        isNull(oneTimeTokens.usedAt),
        keepLinkId ? ne(oneTimeTokens.id, keepLinkId) : undefined,
      ),
    );
}

/**
 * Uses a one-time link: sets the password. Expired, used or unknown links,
 * and links of a deactivated account, are refused alike. Using one voids the
 * account's other links and ends every session, token and feed secret; it also
 * lifts the sign-in lock-out, since it proves the mailbox is the owner's.
 */
/** What an invitation or reset link is worth when opened: usable, already used, expired, or no link at all. */
export async function passwordLinkState(
  db: Db,
  token: string,
  purpose: 'invitation' | 'password_reset',
): Promise<{ state: 'valid' | 'used' | 'expired' | 'unknown'; expiresAt?: Date }> {
  const [row] = await db
    .select({ usedAt: oneTimeTokens.usedAt, expiresAt: oneTimeTokens.expiresAt, disabledAt: users.disabledAt })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(and(eq(oneTimeTokens.tokenHash, sha256(token)), eq(oneTimeTokens.purpose, purpose)));
  if (!row || row.disabledAt) return { state: 'unknown' };
  if (row.usedAt) return { state: 'used' };
  if (row.expiresAt.getTime() < Date.now()) return { state: 'expired', expiresAt: row.expiresAt };
  return { state: 'valid' };
}

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
    const [user] = row ? await tx.select().from(users).where(eq(users.id, row.userId)) : [];
    if (!row || !user || user.disabledAt || row.usedAt || row.expiresAt.getTime() < Date.now()) {
      throw new AppError('link_invalid', 410, 'error.linkInvalid');
    }
    await checkNewPassword(password, user);
    await tx.update(oneTimeTokens).set({ usedAt: new Date() }).where(eq(oneTimeTokens.id, row.id));
    await endAccess(tx, row.userId, row.id);
    await tx
      .update(users)
      .set({ passwordHash: await hashPassword(password) })
      .where(eq(users.id, row.userId));
    await clearRateLimit(tx, `login:account:${user.email.toLowerCase()}`);
    await recordAudit(tx, {
      userId: row.userId,
      action: `user.${purpose}_used`,
      entityType: 'user',
      entityId: row.userId,
    });
    return row.userId;
  });
}

/**
 * Forgot password: sends a reset link if the account exists; says nothing
 * either way. An address asking too often is refused (429); an account asked
 * for too often gets no more mail this hour, and the answer is the same.
 */
export async function requestPasswordReset(db: Db, email: string, mail: MailContext, address: string) {
  if (!(await takeRateLimit(db, `reset:address:${address}`, RESET_LIMITS.address))) {
    throw new AppError('too_many_requests', 429, 'error.tooManyResets');
  }
  if (!(await takeRateLimit(db, `reset:account:${email.toLowerCase()}`, RESET_LIMITS.account))) return;
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user || user.disabledAt) return;
    const token = await issueOneTimeToken(tx, user.id, 'password_reset');
    const t = translator((user.locale ?? 'es') as Locale);
    await queueMail(tx, {
      dedupeKey: `reset:${sha256(token)}`,
      kind: 'password_reset',
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

/** The user a known-device cookie was given to, if it is still valid. */
async function deviceOwner(db: Db, deviceToken: string | undefined): Promise<string | null> {
  if (!deviceToken) return null;
  const [row] = await db
    .select({ userId: knownDevices.userId })
    .from(knownDevices)
    .where(and(eq(knownDevices.tokenHash, sha256(deviceToken)), gt(knownDevices.expiresAt, new Date())));
  return row?.userId ?? null;
}

/** Remembers this browser as one the user signed in with; returns the cookie's value. */
async function rememberDevice(db: Db, userId: string, current: string | undefined): Promise<string> {
  const expiresAt = new Date(Date.now() + DEVICE_DAYS * 86_400_000);
  if (current && (await deviceOwner(db, current)) === userId) {
    await db
      .update(knownDevices)
      .set({ expiresAt })
      .where(eq(knownDevices.tokenHash, sha256(current)));
    return current;
  }
  const token = randomToken();
  await db.insert(knownDevices).values({ tokenHash: sha256(token), userId, expiresAt });
  return token;
}

/**
 * Checks e-mail and password, limited per account and per address: each
 * attempt takes a slot of both before the password is checked (so a burst
 * gets no more checks than the limits allow); a failure keeps them, a
 * success clears the account's count and gives the address its slot back.
 *
 * A browser that signed in to this account before (its known-device cookie)
 * is counted on its own instead of on the account: five wrong guesses by a
 * stranger lock the account for strangers, never its owner's own browser.
 */
export async function authenticate(
  db: Db,
  email: string,
  password: string,
  address: string,
  deviceToken?: string,
): Promise<{ user: typeof users.$inferSelect; deviceToken: string }> {
  const user = await findUserByEmail(db, email);
  const knownDevice = user !== undefined && (await deviceOwner(db, deviceToken)) === user.id;
  const accountKey =
    knownDevice && deviceToken ? `login:device:${sha256(deviceToken)}` : `login:account:${email.toLowerCase()}`;
  const addressKey = `login:address:${address}`;
  const tooMany = () => new AppError('too_many_attempts', 429, 'error.tooManyAttempts');
  if (!(await takeRateLimit(db, accountKey, LOGIN_LIMITS.account))) throw tooMany();
  if (!(await takeRateLimit(db, addressKey, LOGIN_LIMITS.address))) {
    await releaseRateLimit(db, accountKey);
    throw tooMany();
  }
  // Unknown and disabled accounts are checked against a decoy hash: the time taken tells nothing.
  const ok = await verifyPassword(user && !user.disabledAt ? user.passwordHash : null, password);
  if (!user || !ok) throw invalidCredentials();
  await clearRateLimit(db, accountKey);
  await releaseRateLimit(db, addressKey);
  return { user, deviceToken: await rememberDevice(db, user.id, deviceToken) };
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
  via: 'session' | 'token' | 'feed';
  /** What the credential allows: a read-only API token or a feed secret only reads. */
  scope: TokenScope;
  locale: string | null;
};

async function principalFor(
  db: Db,
  userId: string,
  via: AuthenticatedPrincipal['via'],
  csrfToken: string | null,
  scope: TokenScope = 'read_write',
) {
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
    scope,
  };
  return principal;
}

/** Who a session signs in, and until when. */
export async function principalFromSession(
  db: Db,
  token: string,
): Promise<{ principal: AuthenticatedPrincipal; expiresAt: Date } | null> {
  const [row] = await db
    .select()
    .from(sessions)
    .where(and(eq(sessions.tokenHash, sha256(token)), gt(sessions.expiresAt, new Date())));
  if (!row) return null;
  const principal = await principalFor(db, row.userId, 'session', row.csrfToken);
  return principal && { principal, expiresAt: row.expiresAt };
}

const live = () =>
  and(isNull(apiTokens.revokedAt), or(isNull(apiTokens.expiresAt), gt(apiTokens.expiresAt, new Date())));

export async function principalFromApiToken(db: Db, token: string): Promise<AuthenticatedPrincipal | null> {
  const [row] = await db
    .select()
    .from(apiTokens)
    .where(and(eq(apiTokens.tokenHash, sha256(token)), live()));
  if (!row) return null;
  // Recorded to the minute (the account page shows the day): a write, and a
  // flush to disk, on every API request would buy nothing (bench/writes.ts).
  if (!row.lastUsedAt || Date.now() - row.lastUsedAt.getTime() >= 60_000)
    await db.update(apiTokens).set({ lastUsedAt: new Date() }).where(eq(apiTokens.id, row.id));
  return principalFor(db, row.userId, 'token', null, row.scope);
}

/** The owner of a calendar feed secret, who may read feeds with it and nothing else. */
export async function principalFromFeedSecret(db: Db, secret: string): Promise<AuthenticatedPrincipal | null> {
  const [row] = await db.select({ id: users.id }).from(users).where(eq(users.feedSecret, secret));
  if (!row) return null;
  return principalFor(db, row.id, 'feed', null, 'read');
}

/** The user's settings shown on the account page: the calendar feed secret and how news reaches them by e-mail. */
export async function accountSettingsOf(db: Db, userId: string): Promise<{ feedSecret: string; mailDigest: boolean }> {
  const [row] = await db
    .select({ feedSecret: users.feedSecret, mailDigest: users.mailDigest })
    .from(users)
    .where(eq(users.id, userId));
  if (!row) throw notFound('user');
  return row;
}

/** News by e-mail one message each, at once (`false`), or gathered in a daily digest (`true`). */
export async function setMailDigest(db: Db, userId: string, mailDigest: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.update(users).set({ mailDigest }).where(eq(users.id, userId));
    await recordAudit(tx, {
      userId,
      action: 'user.mail_digest',
      entityType: 'user',
      entityId: userId,
      after: { mailDigest },
    });
  });
}

/** A new feed secret: subscriptions with the old one stop. */
export async function regenerateFeedSecret(db: Db, userId: string): Promise<string> {
  const [row] = await db
    .update(users)
    .set({ feedSecret: NEW_FEED_SECRET })
    .where(eq(users.id, userId))
    .returning({ feedSecret: users.feedSecret });
  if (!row) throw notFound('user');
  return row.feedSecret;
}

export type NewTokenInput = { name: string; scope: TokenScope; expiresInDays: number };

/** A personal API token: returned once, stored as its hash; expires (a year unless asked otherwise). */
export async function createApiToken(db: Db, userId: string, given: Partial<NewTokenInput> = {}) {
  const input: NewTokenInput = { name: 'API token', scope: 'read_write', expiresInDays: TOKEN_DAYS, ...given };
  const secret = `enl_${randomToken(30)}`;
  const id = crypto.randomUUID();
  const expiresAt = new Date(Date.now() + input.expiresInDays * 86_400_000);
  await db.transaction(async (tx) => {
    await tx.insert(apiTokens).values({
      id,
      userId,
      name: input.name,
      tokenHash: sha256(secret),
      prefix: secret.slice(0, 10),
      scope: input.scope,
      expiresAt,
    });
    await recordAudit(tx, {
      userId,
      action: 'token.create',
      entityType: 'api_token',
      entityId: id,
      after: { name: input.name, scope: input.scope, expiresAt: expiresAt.toISOString() },
    });
  });
  return { id, token: secret, name: input.name, scope: input.scope, expiresAt };
}

const tokenColumns = {
  id: apiTokens.id,
  name: apiTokens.name,
  prefix: apiTokens.prefix,
  scope: apiTokens.scope,
  createdAt: apiTokens.createdAt,
  expiresAt: apiTokens.expiresAt,
  lastUsedAt: apiTokens.lastUsedAt,
  revokedAt: apiTokens.revokedAt,
};

export async function listApiTokens(db: Db, userId: string) {
  return db.select(tokenColumns).from(apiTokens).where(eq(apiTokens.userId, userId)).orderBy(asc(apiTokens.createdAt));
}

/** Every token of every user, with its owner (for the secretariat). */
export async function listAllApiTokens(db: Db) {
  return db
    .select({ ...tokenColumns, user: { id: users.id, email: users.email, name: users.name } })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .orderBy(asc(users.email), asc(apiTokens.createdAt));
}
export type TokenRow = Awaited<ReturnType<typeof listApiTokens>>[number];

/** Revokes a token: the owner's own, or any token when `anyOwner` (the secretariat, the command line). */
export async function revokeApiToken(db: Db, by: Principal | null, tokenId: string, anyOwner = false) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, tokenId),
          anyOwner ? undefined : eq(apiTokens.userId, by?.userId ?? NO_USER),
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning({ id: apiTokens.id, userId: apiTokens.userId });
    if (!row) throw notFound('token');
    await recordAudit(tx, {
      userId: by?.userId ?? null,
      action: 'token.revoke',
      entityType: 'api_token',
      entityId: tokenId,
      before: { userId: row.userId },
    });
  });
}

/** Matches no user: a revocation limited to its owner, without an owner, revokes nothing. */
const NO_USER = '00000000-0000-0000-0000-000000000000';

export async function listUsers(db: Db) {
  const rows = await db.select().from(users).orderBy(asc(users.name));
  const all = await db.select().from(grants).orderBy(asc(grants.createdAt));
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    active: u.disabledAt === null,
    invited: u.passwordHash === null,
    grants: all.filter((g) => g.userId === u.id).map((g) => ({ id: g.id, role: g.role, actorId: g.actorId })),
  }));
}
export type UserSummary = Awaited<ReturnType<typeof listUsers>>[number];

export async function findUser(db: Db, id: string): Promise<UserSummary> {
  const user = (await listUsers(db)).find((u) => u.id === id);
  if (!user) throw notFound('user');
  return user;
}

const cannot = (code: string, messageKey: string) => new AppError(code, 409, messageKey);

/**
 * Deactivates an account (every session, token, feed secret and link ends at
 * once) or restores it (it signs in again with its password; old tokens stay
 * revoked). Nobody deactivates their own account: the last secretariat could.
 */
export async function setUserActive(db: Db, userId: string, active: boolean, by: Principal | null) {
  if (!active && userId === by?.userId) throw cannot('cannot_deactivate_self', 'error.cannotDeactivateSelf');
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
    if (!user) throw notFound('user');
    if ((user.disabledAt === null) === active) return;
    await tx
      .update(users)
      .set({ disabledAt: active ? null : new Date() })
      .where(eq(users.id, userId));
    if (!active) await endAccess(tx, userId);
    await recordAudit(tx, {
      userId: by?.userId ?? null,
      action: active ? 'user.activate' : 'user.deactivate',
      entityType: 'user',
      entityId: userId,
      before: { active: !active },
      after: { active },
    });
  });
}

/** Gives one more grant (none twice); returns its id. */
export async function grantRole(db: Db, userId: string, grant: GrantInput, by: Principal | null): Promise<string> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId));
    if (!user) throw notFound('user');
    await addGrants(tx, userId, [grant]);
    const [row] = await tx
      .select({ id: grants.id })
      .from(grants)
      .where(
        and(
          eq(grants.userId, userId),
          eq(grants.role, grant.role),
          grant.actorId ? eq(grants.actorId, grant.actorId) : isNull(grants.actorId),
        ),
      );
    if (!row) throw new Error('grant vanished after insert');
    await recordAudit(tx, {
      userId: by?.userId ?? null,
      action: 'grant.add',
      entityType: 'user',
      entityId: userId,
      after: grant,
    });
    return row.id;
  });
}

/** Takes a grant away; it stops at the user's next request. Nobody removes their own secretariat grant. */
export async function removeGrant(db: Db, userId: string, grantId: string, by: Principal | null) {
  await db.transaction(async (tx) => {
    const [grant] = await tx
      .select()
      .from(grants)
      .where(and(eq(grants.id, grantId), eq(grants.userId, userId)));
    if (!grant) throw notFound('grant');
    if (grant.role === 'secretariat' && userId === by?.userId)
      throw cannot('cannot_remove_own_secretariat', 'error.cannotRemoveOwnSecretariat');
    await tx.delete(grants).where(eq(grants.id, grantId));
    await recordAudit(tx, {
      userId: by?.userId ?? null,
      action: 'grant.remove',
      entityType: 'user',
      entityId: userId,
      before: { role: grant.role, actorId: grant.actorId },
    });
  });
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

/** A new password from the command line: ends every session, token and link of the account, like a reset. */
export async function setPassword(db: Db, email: string, password: string) {
  const passwordHash = await hashPassword(password);
  await db.transaction(async (tx) => {
    const user = await findUserByEmail(tx, email);
    if (!user) throw notFound('user');
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    await endAccess(tx, user.id);
    await clearRateLimit(tx, `login:account:${user.email.toLowerCase()}`);
    await recordAudit(tx, { userId: null, action: 'user.reset_password', entityType: 'user', entityId: user.id });
  });
}

export async function countUsers(db: Db): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(users);
  return row?.n ?? 0;
}
