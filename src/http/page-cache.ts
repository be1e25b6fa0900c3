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
 */

import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Logger } from 'pino';
import type { Db } from '../db/connect.ts';
import { bumpContentVersion, readContentVersion } from '../db/content-version.ts';
import { SESSION_COOKIE } from './auth.ts';
import { chooseEncoding } from './compress.ts';
import type { AppEnv } from './env.ts';
import { requestLocale } from './locale.ts';

/** Headers as a plain object: the Node adapter writes those without building a Headers object. */
type Entry = { status: number; headers: Record<string, string>; body: Uint8Array<ArrayBuffer> };

export type PageCacheOptions = {
  maxBytes: number;
  maxEntryBytes?: number;
  checkEveryMs?: number;
  /** Milliseconds since the epoch; tests pass a clock they move themselves. */
  now?: () => number;
};

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const CACHEABLE_TYPE = /^(?:text\/html|application\/json|image\/svg\+xml|text\/calendar|text\/csv)/;

export class PageCache {
  private readonly entries = new Map<string, Entry>();
  private bytes = 0;
  private generation = 0;
  private version: string | null = null;
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
  }

  get size(): number {
    return this.entries.size;
  }

  /** Drops everything: what was kept may no longer be what the database holds. */
  invalidate(): void {
    this.generation += 1;
    this.entries.clear();
    this.bytes = 0;
  }

  /** Reads the content version when the last reading is old enough; a changed version drops the cache. */
  async refresh(db: Db): Promise<void> {
    const now = this.now();
    if (now - this.checkedAt < this.checkEveryMs) return;
    this.checkedAt = now;
    const version = await readContentVersion(db);
    if (version !== this.version) {
      if (this.version !== null) this.invalidate();
      this.version = version;
    }
  }

  /** After a write of this instance: drop the cache here, tell the others. */
  async written(db: Db): Promise<void> {
    this.invalidate();
    await bumpContentVersion(db);
    this.version = await readContentVersion(db);
  }

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) {
      // Most recently used last: the oldest is evicted first.
      this.entries.delete(key);
      this.entries.set(key, entry);
    }
    return entry;
  }

  currentGeneration(): number {
    return this.generation;
  }

  put(key: string, entry: Entry, generation: number): void {
    if (generation !== this.generation || entry.body.byteLength > this.maxEntryBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.byteLength;
    this.entries.set(key, entry);
    this.bytes += entry.body.byteLength;
    for (const [k, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= e.body.byteLength;
    }
  }
}

/** The request as far as an anonymous answer depends on it; undefined when it must not be cached. */
function cacheKey(c: Parameters<MiddlewareHandler<AppEnv>>[0], now: number): string | undefined {
  if (c.req.method !== 'GET') return undefined;
  const h = (name: string) => c.req.header(name);
  if (h('authorization') || h('range') || h('if-none-match') || h('if-modified-since')) return undefined;
  if (getCookie(c, SESSION_COOKIE) !== undefined) return undefined;
  const url = new URL(c.req.url);
  // Feeds opened with a personal token are not anonymous.
  if (url.searchParams.has('token')) return undefined;
  const origin = `${h('x-forwarded-proto') ?? url.protocol}//${h('host') ?? url.host}`;
  const date = new Date(now).toISOString().slice(0, 10);
  return [date, origin, url.pathname, url.search, requestLocale(c), chooseEncoding(h('accept-encoding')) ?? ''].join(
    '\u0001',
  );
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
      if (c.res.status < 400 && !unseenWrites.has(c.req.raw)) {
        await cache.written(db).catch((err: unknown) => log.warn({ err }, 'could not bump the content version'));
      }
      return;
    }
    const key = cacheKey(c, cache.now());
    if (key === undefined) return next();
    await cache.refresh(db).catch((err: unknown) => {
      log.warn({ err }, 'could not read the content version');
      cache.invalidate();
    });
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
