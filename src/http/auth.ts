/**
 * Who is calling: a personal API token (`Authorization: Bearer`) or a
 * session cookie. Also the CSRF defences for state-changing requests.
 */

import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { createMiddleware } from 'hono/factory';
import type { Principal } from '../domain/authz.ts';
import { AppError, forbidden, unauthenticated } from '../errors.ts';
import {
  type AuthenticatedPrincipal,
  DEVICE_DAYS,
  principalFromApiToken,
  principalFromSession,
  SESSION_DAYS,
} from '../modules/accounts/account.service.ts';
import type { AppEnv } from './env.ts';

export const SESSION_COOKIE = 'enlace_session';
/** Marks a browser that signed in to an account before (see `authenticate` in the account service). */
export const DEVICE_COOKIE = 'enlace_device';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function isHttps(c: Context<AppEnv>): boolean {
  const publicUrl = c.var.deps.publicUrl;
  if (publicUrl) return publicUrl.startsWith('https:');
  return new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';
}

export function setSessionCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: SESSION_DAYS * 86_400,
  });
}

export const clearSessionCookie = (c: Context<AppEnv>) => deleteCookie(c, SESSION_COOKIE, { path: '/' });

export const deviceCookie = (c: Context<AppEnv>) => {
  const value = getCookie(c, DEVICE_COOKIE);
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
};

export function setDeviceCookie(c: Context<AppEnv>, token: string) {
  setCookie(c, DEVICE_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'Lax',
    secure: isHttps(c),
    maxAge: DEVICE_DAYS * 86_400,
  });
}

export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const { db } = c.var.deps;
  const header = c.req.header('authorization');
  let principal: AuthenticatedPrincipal | null = null;
  if (header !== undefined) {
    const match = /^Bearer\s+([A-Za-z0-9_-]{10,200})$/i.exec(header.trim());
    principal = match?.[1] ? await principalFromApiToken(db, match[1]) : null;
    if (!principal) throw new AppError('invalid_token', 401, 'error.invalidToken');
    if (principal.scope === 'read' && UNSAFE.has(c.req.method)) {
      throw new AppError('token_read_only', 403, 'error.tokenReadOnly');
    }
  } else {
    const token = sessionToken(c);
    if (token) principal = await sessionPrincipal(c, token);
  }
  c.set('principal', principal);
  await next();
};

const tokenOf = new WeakMap<Request, string | null>();

/** The session cookie's token when it has the shape of one; read once per request (both caches and `authenticate` ask). */
export function sessionToken(c: Context): string | undefined {
  const known = tokenOf.get(c.req.raw);
  if (known !== undefined) return known ?? undefined;
  const cookie = getCookie(c, SESSION_COOKIE);
  const token = cookie && /^[A-Za-z0-9_-]{20,100}$/.test(cookie) ? cookie : null;
  tokenOf.set(c.req.raw, token);
  return token ?? undefined;
}

/** Who a session signs in: kept by the page cache, when there is one, until a write or the session's end. */
export async function sessionPrincipal(c: Context<AppEnv>, token: string): Promise<AuthenticatedPrincipal | null> {
  const { db, log, pageCache } = c.var.deps;
  if (!pageCache) return (await principalFromSession(db, token))?.principal ?? null;
  await pageCache.refreshOrDrop(db, log);
  const kept = pageCache.session(token);
  if (kept) return kept;
  const generation = pageCache.currentSessionGeneration();
  const found = await principalFromSession(db, token);
  if (!found) return null;
  pageCache.keepSession(token, found.principal, found.expiresAt, generation);
  return found.principal;
}

/**
 * Refuses cross-site state-changing requests (Origin / Sec-Fetch-Site), and
 * for requests authenticated by the session cookie requires proof they come
 * from our pages: the form's `_csrf` field, an `X-CSRF-Token` header, or a
 * JSON body (which no other site can send without CORS).
 */
export const csrfProtection: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (!UNSAFE.has(c.req.method)) return next();
  const origin = c.req.header('origin');
  if (origin && origin !== 'null' && new URL(c.req.url).host !== safeHost(origin)) throw forbiddenCsrf();
  if (c.req.header('sec-fetch-site') === 'cross-site') throw forbiddenCsrf();
  const principal = c.var.principal;
  if (principal?.via === 'session') {
    const type = c.req.header('content-type') ?? '';
    const header = c.req.header('x-csrf-token');
    if (header !== undefined) {
      if (header !== principal.csrfToken) throw forbiddenCsrf();
    } else if (type.startsWith('application/x-www-form-urlencoded') || type.startsWith('multipart/form-data')) {
      const body = await c.req.parseBody();
      if (body._csrf !== principal.csrfToken) throw forbiddenCsrf();
    } else if (!type.startsWith('application/json') && c.req.method !== 'DELETE') {
      throw forbiddenCsrf();
    }
  }
  return next();
};

function safeHost(origin: string): string | null {
  try {
    return new URL(origin).host;
  } catch {
    return null;
  }
}

const forbiddenCsrf = () => new AppError('csrf', 403, 'error.csrf');

export function requirePrincipal(c: Context<AppEnv>): AuthenticatedPrincipal {
  const p = c.var.principal;
  if (!p) throw unauthenticated();
  return p;
}

/**
 * The signed-in caller, when `allowed` holds for them; else 401 for anonymous,
 * 403 for the signed-in. For rules only a signed-in user can pass.
 */
export function authorize(c: Context<AppEnv>, allowed: (p: Principal | null) => boolean): AuthenticatedPrincipal {
  const p = c.var.principal;
  if (!p) throw unauthenticated();
  if (!allowed(p)) throw forbidden();
  return p;
}

/** Links in messages and feeds when neither a public address nor a listening one is known (tests in-process). */
export const FALLBACK_BASE_URL = 'http://localhost:3000';

/** The base URL for links in e-mails and feeds: configured or where the server listens, never the request's host. */
export function baseUrl(c: Context<AppEnv>): string {
  const { publicUrl, listenUrl } = c.var.deps;
  return (publicUrl ?? listenUrl ?? FALLBACK_BASE_URL).replace(/\/$/, '');
}

/**
 * A route's middleware that checks the role before the query or body is
 * validated: a stranger gets 401/403, never a 400 that tells them more.
 */
export const allowOnly = (allowed: (p: Principal | null) => boolean) =>
  createMiddleware<AppEnv>(async (c, next) => {
    // The rule may let visitors through: only a caller it refuses is stopped.
    const p = c.var.principal;
    if (!allowed(p)) throw p ? forbidden() : unauthenticated();
    await next();
  });
