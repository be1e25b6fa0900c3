/** API routes of accounts: sign-in, sign-out, invitations, password resets, users, grants and API tokens. */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { canAdminister } from '../../domain/authz.ts';
import { createApiRouter, problemResponses, problemsFor, UuidParam } from '../../http/api.ts';
import {
  authorize,
  baseUrl,
  clearSessionCookie,
  deviceCookie,
  requirePrincipal,
  SESSION_COOKIE,
  setDeviceCookie,
  setSessionCookie,
} from '../../http/auth.ts';
import { clientAddress } from '../../http/client-address.ts';
import type { AppEnv } from '../../http/env.ts';
import { feedUrl, presentToken, presentUser } from './account.presenter.ts';
import {
  CreateTokenInput,
  CreateUserInput,
  ForgotPasswordInput,
  GrantInput,
  LoginInput,
  SetPasswordInput,
  TokenListQuery,
  TokenParam,
  UserChangeInput,
} from './account.schema.ts';
import {
  accountSettingsOf,
  authenticate,
  createApiToken,
  createSession,
  deleteSession,
  findUser,
  grantRole,
  grantsOf,
  inviteUser,
  listAllApiTokens,
  listApiTokens,
  listUsers,
  regenerateFeedSecret,
  removeGrant,
  requestPasswordReset,
  resendInvitation,
  revokeApiToken,
  setMailDigest,
  setUserActive,
  usePasswordLink,
} from './account.service.ts';

const tags = ['Accounts'];
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const GrantOut = z.object({ role: z.string(), actorId: z.uuid().nullable() });
const GrantRow = GrantOut.extend({ id: z.uuid() }).openapi('Grant');
const Me = z.object({ id: z.uuid(), email: z.string(), name: z.string(), grants: z.array(GrantOut) });
const MeOut = Me.extend({
  feedUrl: z.string().openapi({
    description: 'The personal calendar subscription URL: every meeting the user may see, read-only',
  }),
  mailDigest: z.boolean().openapi({
    description:
      'true: news of reports, comments, agreements and reminders comes in one e-mail a day (around 12:00 UTC); false: one e-mail each, at once',
  }),
}).openapi('Me');
const MeChange = z.object({ mailDigest: z.boolean() }).strict().openapi('MeChange');
async function me(c: Context<AppEnv>) {
  const p = requirePrincipal(c);
  const settings = await accountSettingsOf(c.var.deps.db, p.userId);
  return {
    id: p.userId,
    email: p.email,
    name: p.name,
    grants: [...p.grants],
    feedUrl: feedUrl(baseUrl(c), settings.feedSecret),
    mailDigest: settings.mailDigest,
  };
}

const FeedOut = z.object({ feedUrl: z.string() }).openapi('FeedUrl');
const UserOut = z
  .object({
    id: z.uuid(),
    email: z.string(),
    name: z.string(),
    active: z.boolean().openapi({ description: 'false: deactivated, cannot sign in or use tokens' }),
    invited: z.boolean().openapi({ description: 'true: has not yet chosen a password' }),
    grants: z.array(GrantRow),
  })
  .openapi('User');
const TokenOut = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string(),
    scope: z.enum(['read', 'read_write']),
    createdAt: z.string(),
    expiresAt: z.string().nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .openapi('ApiToken');
const TokenWithOwner = TokenOut.extend({
  user: z.object({ id: z.uuid(), email: z.string(), name: z.string() }).optional(),
});
const GrantParams = z.object({
  id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
  grantId: z.uuid().openapi({ param: { name: 'grantId', in: 'path' } }),
});
const noContent = { 204: { description: 'Done' }, ...problemResponses };

export const accountApi = createApiRouter()
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/login',
      tags,
      summary: 'Sign in: sets the session cookie',
      request: { body: json(LoginInput) },
      responses: {
        200: {
          description: 'Signed in',
          content: { 'application/json': { schema: Me.extend({ csrfToken: z.string() }) } },
        },
        ...problemResponses,
        ...problemsFor(429),
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const { db } = c.var.deps;
      const { user, deviceToken } = await authenticate(db, email, password, clientAddress(c), deviceCookie(c));
      const session = await createSession(db, user.id);
      setSessionCookie(c, session.token);
      setDeviceCookie(c, deviceToken);
      return c.json(
        {
          id: user.id,
          email: user.email,
          name: user.name,
          grants: await grantsOf(db, user.id),
          csrfToken: session.csrfToken,
        },
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/logout',
      tags,
      summary: 'Sign out: ends the session',
      responses: noContent,
    }),
    async (c) => {
      const token = getCookie(c, SESSION_COOKIE);
      if (token) await deleteSession(c.var.deps.db, token);
      clearSessionCookie(c);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/me',
      tags,
      summary: 'The signed-in user, their grants and their calendar subscription URL',
      responses: {
        200: { description: 'Me', content: { 'application/json': { schema: MeOut } } },
        ...problemResponses,
      },
    }),
    async (c) => c.json(await me(c), 200),
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/me',
      tags,
      summary: 'Changes how news reaches me by e-mail: at once, or in a daily digest',
      request: { body: { content: { 'application/json': { schema: MeChange } }, required: true } },
      responses: {
        200: { description: 'Me', content: { 'application/json': { schema: MeOut } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      await setMailDigest(c.var.deps.db, p.userId, c.req.valid('json').mailDigest);
      return c.json(await me(c), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/me/feed-secret',
      tags,
      summary: 'Replaces my calendar feed secret: subscriptions with the old URL stop',
      responses: {
        200: { description: 'The new subscription URL', content: { 'application/json': { schema: FeedOut } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const secret = await regenerateFeedSecret(c.var.deps.db, p.userId);
      return c.json({ feedUrl: feedUrl(baseUrl(c), secret) }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset',
      tags,
      summary: 'Forgot password: e-mails a reset link if the account exists (a few per hour at most)',
      request: { body: json(ForgotPasswordInput) },
      responses: {
        202: { description: 'Accepted (whether or not the account exists)' },
        ...problemResponses,
        ...problemsFor(429),
      },
    }),
    async (c) => {
      await requestPasswordReset(c.var.deps.db, c.req.valid('json').email, { baseUrl: baseUrl(c) }, clientAddress(c));
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/password-resets/{token}',
      tags,
      summary: 'Sets a new password with the link of a reset e-mail; ends every session and token of the account',
      request: { params: TokenParam, body: json(SetPasswordInput) },
      responses: { ...noContent, ...problemsFor(410) },
    }),
    async (c) => {
      await usePasswordLink(c.var.deps.db, c.req.valid('param').token, c.req.valid('json').password, 'password_reset');
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/invitations/{token}',
      tags,
      summary: 'Accepts an invitation: sets the first password',
      request: { params: TokenParam, body: json(SetPasswordInput) },
      responses: { ...noContent, ...problemsFor(410) },
    }),
    async (c) => {
      await usePasswordLink(c.var.deps.db, c.req.valid('param').token, c.req.valid('json').password, 'invitation');
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users',
      tags,
      summary: 'Invites a user (secretariat)',
      request: { body: json(CreateUserInput) },
      responses: {
        201: { description: 'Invited', content: { 'application/json': { schema: z.object({ id: z.uuid() }) } } },
        ...problemResponses,
        ...problemsFor(409),
      },
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      const { id } = await inviteUser(c.var.deps.db, c.req.valid('json'), by, { baseUrl: baseUrl(c) });
      return c.json({ id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/users',
      tags,
      summary: 'Every user with their grants (secretariat)',
      responses: {
        200: { description: 'Users', content: { 'application/json': { schema: z.array(UserOut) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      authorize(c, canAdminister);
      return c.json((await listUsers(c.var.deps.db)).map(presentUser), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'patch',
      path: '/users/{id}',
      tags,
      summary: 'Deactivates (`active: false`: sessions, tokens and feed end at once) or restores a user (secretariat)',
      request: { params: UuidParam, body: json(UserChangeInput) },
      responses: {
        200: { description: 'The user as now', content: { 'application/json': { schema: UserOut } } },
        ...problemResponses,
        ...problemsFor(409),
      },
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      const { id } = c.req.valid('param');
      const { active } = c.req.valid('json');
      if (active !== undefined) await setUserActive(c.var.deps.db, id, active, by);
      return c.json(presentUser(await findUser(c.var.deps.db, id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/invitation',
      tags,
      summary:
        'Sends a user who has not yet chosen a password a new invitation; the earlier links stop working (secretariat). 409 for an account in use or deactivated',
      request: { params: UuidParam },
      responses: {
        200: { description: 'The user as now', content: { 'application/json': { schema: UserOut } } },
        ...problemResponses,
        ...problemsFor(409),
      },
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      const { id } = c.req.valid('param');
      await resendInvitation(c.var.deps.db, id, by, { baseUrl: baseUrl(c) });
      return c.json(presentUser(await findUser(c.var.deps.db, id)), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/users/{id}/grants',
      tags,
      summary: 'Gives a user one more grant (secretariat)',
      request: { params: UuidParam, body: json(GrantInput) },
      responses: {
        201: { description: 'Granted', content: { 'application/json': { schema: z.object({ id: z.uuid() }) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      const id = await grantRole(c.var.deps.db, c.req.valid('param').id, c.req.valid('json'), by);
      return c.json({ id }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/users/{id}/grants/{grantId}',
      tags,
      summary: 'Takes a grant away from a user, from their next request on (secretariat)',
      request: { params: GrantParams },
      responses: { ...noContent, ...problemsFor(409) },
    }),
    async (c) => {
      const by = authorize(c, canAdminister);
      const { id, grantId } = c.req.valid('param');
      await removeGrant(c.var.deps.db, id, grantId, by);
      return c.body(null, 204);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/tokens',
      tags,
      summary: 'Creates a personal API token; the token is shown only in this answer',
      request: { body: { content: { 'application/json': { schema: CreateTokenInput } }, required: false } },
      responses: {
        201: {
          description: 'Created',
          content: {
            'application/json': {
              schema: TokenOut.pick({ id: true, name: true, scope: true, expiresAt: true }).extend({
                token: z.string(),
              }),
            },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : CreateTokenInput.parse({});
      const created = await createApiToken(c.var.deps.db, p.userId, body);
      return c.json({ ...created, expiresAt: created.expiresAt.toISOString() }, 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags,
      summary: 'My API tokens, or with `all=true` every user’s (secretariat); never the secrets',
      request: { query: TokenListQuery },
      responses: {
        200: { description: 'Tokens', content: { 'application/json': { schema: z.array(TokenWithOwner) } } },
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      if (c.req.valid('query').all === 'true') {
        authorize(c, canAdminister);
        const rows = await listAllApiTokens(c.var.deps.db);
        return c.json(
          rows.map((r) => ({ ...presentToken(r), user: r.user })),
          200,
        );
      }
      return c.json((await listApiTokens(c.var.deps.db, p.userId)).map(presentToken), 200);
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags,
      summary: 'Revokes one of my API tokens, or anyone’s (secretariat)',
      request: { params: UuidParam },
      responses: noContent,
    }),
    async (c) => {
      const p = requirePrincipal(c);
      await revokeApiToken(c.var.deps.db, p, c.req.valid('param').id, canAdminister(p));
      return c.body(null, 204);
    },
  );
