/** API routes of accounts: sign-in, sign-out, invitations, password resets, users and API tokens. */
import { createRoute, z } from '@hono/zod-openapi';
import { getCookie } from 'hono/cookie';
import { canAdminister } from '../../domain/authz.ts';
import { createApiRouter, problemResponses } from '../../http/api.ts';
import {
  authorize,
  baseUrl,
  clearSessionCookie,
  requirePrincipal,
  SESSION_COOKIE,
  setSessionCookie,
} from '../../http/auth.ts';
import { clientAddress } from '../../http/client-address.ts';
import {
  CreateTokenInput,
  CreateUserInput,
  ForgotPasswordInput,
  LoginInput,
  SetPasswordInput,
  TokenParam,
} from './account.schema.ts';
import {
  authenticate,
  createApiToken,
  createSession,
  deleteSession,
  grantsOf,
  inviteUser,
  listApiTokens,
  listUsers,
  requestPasswordReset,
  revokeApiToken,
  usePasswordLink,
} from './account.service.ts';

const tags = ['Accounts'];
const json = <T extends z.ZodType>(schema: T) => ({ content: { 'application/json': { schema } }, required: true });
const GrantOut = z.object({ role: z.string(), actorId: z.uuid().nullable() });
const Me = z.object({ id: z.uuid(), email: z.string(), name: z.string(), grants: z.array(GrantOut) }).openapi('Me');
const IdParam = z.object({ id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }) });
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
      },
    }),
    async (c) => {
      const { email, password } = c.req.valid('json');
      const { db } = c.var.deps;
      const user = await authenticate(db, email, password, clientAddress(c));
      const session = await createSession(db, user.id);
      setSessionCookie(c, session.token);
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
      summary: 'The signed-in user and their grants',
      responses: { 200: { description: 'Me', content: { 'application/json': { schema: Me } } }, ...problemResponses },
    }),
    (c) => {
      const p = requirePrincipal(c);
      return c.json({ id: p.userId, email: p.email, name: p.name, grants: [...p.grants] }, 200);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/auth/password-reset',
      tags,
      summary: 'Forgot password: e-mails a reset link if the account exists',
      request: { body: json(ForgotPasswordInput) },
      responses: { 202: { description: 'Accepted (whether or not the account exists)' }, ...problemResponses },
    }),
    async (c) => {
      await requestPasswordReset(c.var.deps.db, c.req.valid('json').email, { baseUrl: baseUrl(c) });
      return c.body(null, 202);
    },
  )
  .openapi(
    createRoute({
      method: 'post',
      path: '/password-resets/{token}',
      tags,
      summary: 'Sets a new password with the link of a reset e-mail',
      request: { params: TokenParam, body: json(SetPasswordInput) },
      responses: noContent,
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
      responses: noContent,
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
        200: {
          description: 'Users',
          content: {
            'application/json': {
              schema: z.array(
                z.object({
                  id: z.uuid(),
                  email: z.string(),
                  name: z.string(),
                  active: z.boolean(),
                  grants: z.array(GrantOut),
                }),
              ),
            },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      authorize(c, canAdminister);
      return c.json(await listUsers(c.var.deps.db), 200);
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
          content: { 'application/json': { schema: z.object({ id: z.uuid(), name: z.string(), token: z.string() }) } },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const body = c.req.header('content-type')?.includes('json') ? c.req.valid('json') : { name: 'API token' };
      return c.json(await createApiToken(c.var.deps.db, p.userId, body.name ?? 'API token'), 201);
    },
  )
  .openapi(
    createRoute({
      method: 'get',
      path: '/tokens',
      tags,
      summary: 'My API tokens (never the secrets)',
      responses: {
        200: {
          description: 'Tokens',
          content: {
            'application/json': {
              schema: z.array(
                z.object({
                  id: z.uuid(),
                  name: z.string(),
                  prefix: z.string(),
                  createdAt: z.string(),
                  lastUsedAt: z.string().nullable(),
                  revokedAt: z.string().nullable(),
                }),
              ),
            },
          },
        },
        ...problemResponses,
      },
    }),
    async (c) => {
      const p = requirePrincipal(c);
      const rows = await listApiTokens(c.var.deps.db, p.userId);
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      return c.json(
        rows.map((r) => ({
          ...r,
          createdAt: r.createdAt.toISOString(),
          lastUsedAt: iso(r.lastUsedAt),
          revokedAt: iso(r.revokedAt),
        })),
        200,
      );
    },
  )
  .openapi(
    createRoute({
      method: 'delete',
      path: '/tokens/{id}',
      tags,
      summary: 'Revokes one of my API tokens',
      request: { params: IdParam },
      responses: noContent,
    }),
    async (c) => {
      const p = requirePrincipal(c);
      await revokeApiToken(c.var.deps.db, p.userId, c.req.valid('param').id);
      return c.body(null, 204);
    },
  );
