/**
 * Pages for signed-in people that are the same for everyone with the same
 * rights (their grants: roles and actors), but for the person's name in the
 * header and the token of their forms. A route says so with `sameForPeers(c)`
 * before it renders; the page is then rendered once with markers where those
 * two go, its parts compressed once, and every peer's later request is
 * answered by writing their values between the parts (`gzip-splice.ts`)
 * without querying or rendering anything.
 *
 * A route opts in only when nothing on its page depends on who the person is
 * beyond their rights: the page for one focal point of Mexico is the page for
 * the other. As a net, a page whose marked rendering still holds the person's
 * own token, id, e-mail address or name is not kept.
 *
 * Kept with the sessions in the `PageCache`: dropped on every write (the
 * private version), keyed by the date as the answers to visitors are.
 */
import type { Context, MiddlewareHandler } from 'hono';
import { escapeToBuffer, type StringBuffer } from 'hono/utils/html';
import type { AuthenticatedPrincipal } from '../modules/accounts/account.service.ts';
import type { PageUser } from '../web/session-context.ts';
import { sessionPrincipal, sessionToken } from './auth.ts';
import { chooseEncoding } from './compress.ts';
import type { AppEnv } from './env.ts';
import { compressSegments, gzipSpliced, type Segments, segmentBytes } from './gzip-splice.ts';
import type { PageCache } from './page-cache.ts';
import { requestKey } from './request-key.ts';

type Slot = 'name' | 'csrf';
export type PeerPage = { headers: Record<string, string>; slots: Slot[]; segments: Segments };

const MARKS: Record<Slot, string> = { name: '\uE000enlace-name\uE001', csrf: '\uE000enlace-csrf\uE001' };
const MARKED = /\uE000enlace-(name|csrf)\uE001/;
/** Left out of what is kept: written again for each answer. */
const PER_ANSWER = new Set(['content-encoding', 'content-length', 'etag', 'set-cookie']);

export const peerPageBytes = (page: PeerPage) => segmentBytes(page.segments);

const optedIn = new WeakSet<Request>();
const rendered = new WeakMap<Request, { slots: Slot[]; parts: string[] }>();

/** Marks the page this request renders as the same for every peer of the person (see above). */
export function sameForPeers(c: Context<AppEnv>): void {
  optedIn.add(c.req.raw);
}

/** Whether `render` draws this page with markers: opted in, for a session, on an instance that keeps pages. */
export function rendersForPeers(c: Context<AppEnv>): boolean {
  return optedIn.has(c.req.raw) && c.var.principal?.via === 'session' && c.var.deps.pageCache !== undefined;
}

/** The page user whose name and form token are the markers. */
export const markedUser = (user: PageUser): PageUser => ({ ...user, name: MARKS.name, csrfToken: MARKS.csrf });

/** Escaped as the pages escape text and attributes, so the name is found in a page as it is printed there. */
function escapeHtml(s: string): string {
  const buffer: StringBuffer = [''];
  escapeToBuffer(s, buffer);
  return buffer[0] as string;
}

const escapedOf = new WeakMap<AuthenticatedPrincipal, Record<Slot, string>>();

/** What goes in each slot for this person, escaped as the markup needs (once for a kept session's principal). */
function valuesFor(p: AuthenticatedPrincipal, slots: readonly Slot[]): string[] {
  let escaped = escapedOf.get(p);
  if (escaped === undefined) {
    escaped = { name: escapeHtml(p.name), csrf: escapeHtml(p.csrfToken ?? '') };
    escapedOf.set(p, escaped);
  }
  const values = escaped;
  return slots.map((slot) => values[slot]);
}

/** Whether a page drawn with markers still shows something of the person's own: then it is not theirs to share. */
function showsThePerson(page: string, p: AuthenticatedPrincipal): boolean {
  const own = [p.userId, p.email, escapeHtml(p.name), p.csrfToken ?? ''].filter((v) => v.length > 0);
  return own.some((v) => page.includes(v));
}

/**
 * The page for this person from its rendering with markers, recording the
 * parts for `peerPagesMiddleware` to keep when the page is the same for peers.
 */
export function fillPeerPage(c: Context<AppEnv>, marked: string): string {
  const principal = c.var.principal as AuthenticatedPrincipal;
  const split = marked.split(MARKED);
  const parts = split.filter((_, i) => i % 2 === 0);
  const slots = split.filter((_, i) => i % 2 === 1) as Slot[];
  if (!showsThePerson(marked, principal)) rendered.set(c.req.raw, { slots, parts });
  const values = valuesFor(principal, slots);
  return parts.map((part, i) => (i < values.length ? part + values[i] : part)).join('');
}

/** Each person's rights as one string, worked out once for the principal a kept session holds. */
const rightsOf = new WeakMap<AuthenticatedPrincipal, string>();

/** The request as far as a page for peers depends on it. */
function peerKey(c: Context<AppEnv>, now: number, p: AuthenticatedPrincipal): string | undefined {
  if (c.req.header('range') || c.req.header('authorization')) return undefined;
  let rights = rightsOf.get(p);
  if (rights === undefined) {
    rights = p.grants
      .map((g) => `${g.role}:${g.actorId ?? ''}`)
      .sort()
      .join(',');
    rightsOf.set(p, rights);
  }
  return requestKey(c, now, rights);
}

/**
 * The last body written from each kept page, with the values and encoding it
 * was written for: the same person asking again (a reload, the next tab) is
 * answered it as it is, without splicing the page again.
 */
const lastBody = new WeakMap<PeerPage, { values: string; gzip: boolean; body: Buffer }>();

function bodyFor(page: PeerPage, values: string[], gzip: boolean): Buffer {
  const joined = values.join('\u0000');
  const last = lastBody.get(page);
  if (last && last.gzip === gzip && last.values === joined) return last.body;
  const body = gzip
    ? gzipSpliced(page.segments, values)
    : Buffer.concat(
        page.segments.raw.flatMap((part, i) => (i < values.length ? [part, Buffer.from(values[i] as string)] : [part])),
      );
  lastBody.set(page, { values: joined, gzip, body });
  return body;
}

function answer(c: Context<AppEnv>, page: PeerPage, p: AuthenticatedPrincipal): Response {
  const gzip = chooseEncoding(c.req.header('accept-encoding')) === 'gzip';
  const body = bodyFor(page, valuesFor(p, page.slots), gzip);
  const headers: Record<string, string> = { ...page.headers, 'content-length': String(body.byteLength) };
  if (gzip) headers['content-encoding'] = 'gzip';
  return new Response(new Uint8Array(body.buffer as ArrayBuffer, body.byteOffset, body.byteLength), {
    status: 200,
    headers,
  });
}

/**
 * Answers a signed-in person's GET from a page kept for their peers, or
 * keeps the page the route rendered for them when it opted in. It runs
 * before any other middleware (the kept page carries its headers) and reads
 * the session as `authenticate` does, which then finds it kept.
 */
export function peerPagesMiddleware(cache: PageCache): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (c.req.method !== 'GET') return next();
    const token = sessionToken(c);
    if (token === undefined || c.req.header('authorization') !== undefined) return next();
    const principal = await sessionPrincipal(c, token);
    const key = principal ? peerKey(c, cache.now(), principal) : undefined;
    if (!principal || key === undefined) return next();
    const kept = cache.peerPage(key);
    if (kept) return answer(c, kept, principal);
    const generation = cache.currentPrivateGeneration();
    await next();
    const made = rendered.get(c.req.raw);
    const res = c.res;
    if (!made || res.status !== 200 || res.headers.has('set-cookie')) return;
    const headers: Record<string, string> = {};
    for (const [name, value] of res.headers) if (!PER_ANSWER.has(name)) headers[name] = value;
    cache.keepPeerPage(key, { headers, slots: made.slots, segments: compressSegments(made.parts) }, generation);
  };
}
