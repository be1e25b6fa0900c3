/**
 * The cache of what anonymous visitors are shown: public pages, the public
 * API and feeds are the same for every visitor with the same language, so
 * each answer (compressed, with its headers) is kept in memory and replayed.
 *
 * It stays correct across instances: a write answered by this instance drops
 * the cache at once and bumps the database's content version; every instance
 * reads that version at most once per `checkEveryMs` of its clock (tests bring
 * a clock they move) and drops its cache when it moved. An answer rendered
 * while a write was committing is not kept (the generation it started in is
 * gone). Entries are keyed by the date too (UTC, the `today()` the pages
 * read), so what depends on it ("upcoming", "late") turns over on time, and
 * nothing else does: an hour that passes keeps every entry.
 *
 * The same instance keeps, for signed-in people, who each session signs in
 * (three queries a request otherwise), until the accounts version moves (the
 * database moves it when users, grants or sessions change), and the pages
 * that are the same for everyone with the same rights (`peer-pages.ts`),
 * until the private version moves (every write, including those no visitor
 * sees).
 */

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.ts';
import { bumpVersions, readVersions, type Versions } from '../db/content-version.ts';
import type { AuthenticatedPrincipal } from '../modules/accounts/account.service.ts';
import { SESSION_COOKIE } from './auth.ts';
import { ByteLru } from './byte-lru.ts';
import { chooseEncoding } from './compress.ts';
import type { AppEnv } from './env.ts';
import { type PeerPage, peerPageBytes } from './peer-pages.ts';
import { requestKey } from './request-key.ts';

/** Headers as a plain object: the Node adapter writes those without building a Headers object. */
type Entry = { status: number; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> };
type KeptSession = { principal: AuthenticatedPrincipal; expiresAt: number };

export type PageCacheOptions = {
  /** For the answers to visitors, and as much again for the pages kept for signed-in people. */
  maxBytes: number;
  maxEntryBytes?: number;
  checkEveryMs?: number;
  /** Milliseconds since the epoch; tests pass a clock they move themselves. */
  now?: () => number;
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const CACHEABLE_TYPE = /^(?:text\/html|application\/json|image\/svg\+xml|text\/calendar|text\/csv)/;
/** Sessions kept at most: a few dozen bytes each. */
const MAX_SESSIONS = 10_000;

export class PageCache {
  private readonly answers: ByteLru<Entry>;
  private readonly peerPages: ByteLru<PeerPage>;
  private readonly sessions = new ByteLru<KeptSession>(MAX_SESSIONS, () => 1);
  private generation = 0;
  private privateGeneration = 0;
  private sessionGeneration = 0;
  private versions: Versions | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  readonly maxBytes: number;
  readonly maxEntryBytes: number;
  readonly checkEveryMs: number;
  readonly now: () => number;

  constructor(options: PageCacheOptions) {
    this.maxBytes = options.maxBytes;
    this.maxEntryBytes = options.maxEntryBytes ?? Math.min(2 * 1024 * 1024, options.maxBytes / 8);
    this.checkEveryMs = options.checkEveryMs ?? 1000;
    this.now = options.now ?? Date.now;
    this.answers = new ByteLru(this.maxBytes, (e) => e.body.byteLength);
    this.peerPages = new ByteLru(this.maxBytes, peerPageBytes);
  }

  /** How many answers to visitors are kept. */
  get size(): number {
    return this.answers.size;
  }

  /** How many pages for signed-in people are kept. */
  get peerSize(): number {
    return this.peerPages.size;
  }

  /** Drops every page kept: what was kept may no longer be what the database holds. */
  invalidate(): void {
    this.generation += 1;
    this.answers.clear();
    this.invalidatePrivate();
  }

  /** Drops what signed-in people are shown: a write no visitor sees. */
  invalidatePrivate(): void {
    this.privateGeneration += 1;
    this.peerPages.clear();
  }

  /** Drops who each session signs in: an account, a grant or a session changed. */
  dropSessions(): void {
    this.sessionGeneration += 1;
    this.sessions.clear();
  }

  /** Takes the versions read: what a moved one covers is dropped (everything, when none was read before). */
  private moveTo(versions: Versions): void {
    const before = this.versions;
    this.versions = versions;
    if (before === null || versions.accounts !== before.accounts) this.dropSessions();
    if (before === null || versions.content !== before.content) this.invalidate();
    else if (versions.private !== before.private) this.invalidatePrivate();
  }

  /** Reads the versions when the last reading is old enough; what a moved version covers is dropped. */
  async refresh(db: Db): Promise<void> {
    const now = this.now();
    if (now - this.checkedAt < this.checkEveryMs) return;
    this.checkedAt = now;
    this.moveTo(await readVersions(db));
  }

  /** `refresh`, and when the database cannot be read, nothing kept is trusted. */
  async refreshOrDrop(db: Db, log: Logger): Promise<void> {
    await this.refresh(db).catch((err: unknown) => {
      log.warn({ err }, 'could not read the content version');
      this.invalidate();
      this.dropSessions();
    });
  }

  /**
   * After a write of this instance: drop what it may change here, tell the
   * others. A write no visitor can see leaves the answers to visitors; one
   * that left the accounts as they were (the database's own version says
   * so) leaves the sessions.
   */
  async written(db: Db, seenByVisitors = true): Promise<void> {
    if (seenByVisitors) this.invalidate();
    else this.invalidatePrivate();
    const versions = await bumpVersions(db, seenByVisitors);
    if (this.versions === null || versions.accounts !== this.versions.accounts) this.dropSessions();
    this.versions = versions;
  }

  get(key: string): Entry | undefined {
    return this.answers.get(key);
  }

  currentGeneration(): number {
    return this.generation;
  }

  currentPrivateGeneration(): number {
    return this.privateGeneration;
  }

  currentSessionGeneration(): number {
    return this.sessionGeneration;
  }

  put(key: string, entry: Entry, generation: number): void {
    if (generation !== this.generation || entry.body.byteLength > this.maxEntryBytes) return;
    this.answers.set(key, entry);
  }

  /** The person a session token signs in, while the session lasts. */
  session(token: string): AuthenticatedPrincipal | undefined {
    const kept = this.sessions.get(token);
    if (!kept || kept.expiresAt <= this.now()) return undefined;
    return kept.principal;
  }

  /** Keeps who a session signs in, read while the session generation was `generation`. */
  keepSession(token: string, principal: AuthenticatedPrincipal, expiresAt: Date, generation: number): void {
    if (generation !== this.sessionGeneration) return;
    this.sessions.set(token, { principal: Object.freeze(principal), expiresAt: expiresAt.getTime() });
  }

  peerPage(key: string): PeerPage | undefined {
    return this.peerPages.get(key);
  }

  keepPeerPage(key: string, page: PeerPage, generation: number): void {
    if (generation !== this.privateGeneration || peerPageBytes(page) > this.maxEntryBytes) return;
    this.peerPages.set(key, page);
  }
}

/** The request as far as an anonymous answer depends on it; undefined when it must not be cached. */
function cacheKey(c: Parameters<MiddlewareHandler<AppEnv>>[0], now: number): string | undefined {
  if (c.req.method !== 'GET') return undefined;
  const h = (name: string) => c.req.header(name);
  if (h('authorization') || h('range') || h('if-none-match') || h('if-modified-since')) return undefined;
  if (getCookie(c, SESSION_COOKIE) !== undefined) return undefined;
  // Feeds opened with a personal token are not anonymous.
  if (c.req.query('token') !== undefined) return undefined;
  return requestKey(c, now, chooseEncoding(h('accept-encoding')) ?? '');
}

const unseenWrites = new WeakSet<Request>();

/**
 * Marks the request's write as one no anonymous visitor can see (evidence of
 * a report still being drafted): it leaves the cache, here and on the other
 * instances, as it is. Uploads would otherwise drop it several times a second
 * and have every public page rendered again from the database they keep busy.
 */
export function writeUnseenByVisitors(c: Context): void {
  unseenWrites.add(c.req.raw);
}

export function pageCacheMiddleware(cache: PageCache, log: Logger): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const db = c.var.deps.db;
    if (!SAFE.has(c.req.method)) {
      await next();
      if (c.res.status < 400) {
        await cache
          .written(db, !unseenWrites.has(c.req.raw))
          .catch((err: unknown) => log.warn({ err }, 'could not bump the content version'));
      }
      return;
    }
    const key = cacheKey(c, cache.now());
    if (key === undefined) return next();
    await cache.refreshOrDrop(db, log);
    const hit = cache.get(key);
    if (hit) {
      return new Response(hit.body, { status: hit.status, headers: hit.headers });
    }
    const generation = cache.currentGeneration();
    await next();
    const res = c.res;
    const type = res.headers.get('content-type') ?? '';
    if (res.status !== 200 || res.headers.has('set-cookie') || !CACHEABLE_TYPE.test(type) || !res.body) return;
    if (/no-store|private/i.test(res.headers.get('cache-control') ?? '')) return;
    const body = new Uint8Array(await res.arrayBuffer());
    cache.put(key, { status: res.status, headers: Object.fromEntries(res.headers.entries()), body }, generation);
    c.res = new Response(body, { status: res.status, headers: res.headers });
  };
}
