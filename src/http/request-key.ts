/**
 * What a kept answer depends on in every request, for the visitors' cache and
 * the pages kept for signed-in peers alike: the day (pages say "today" and
 * count days), the origin the page links to, the path and query as sent,
 * and the language. Read from the raw address without parsing it as a URL,
 * and with the day worked out once a day: this runs for every page answered.
 */
import type { Context } from 'hono';
import { requestLocale } from './locale.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
let day = { start: Number.NaN, iso: '' };

/** The UTC day of `now` as YYYY-MM-DD. */
export function dayOf(now: number): string {
  const start = now - (now % DAY_MS);
  if (start !== day.start) day = { start, iso: new Date(start).toISOString().slice(0, 10) };
  return day.iso;
}

/** Scheme and authority of an absolute address, and the rest of it (path and query) as sent. */
export function splitAddress(url: string): { origin: string; pathAndQuery: string } {
  const authority = url.indexOf('//') + 2;
  const slash = url.indexOf('/', authority);
  return slash < 0
    ? { origin: url, pathAndQuery: '/' }
    : { origin: url.slice(0, slash), pathAndQuery: url.slice(slash) };
}

/** The parts of the request every kept answer depends on, joined; the caller adds its own. */
export function requestKey(c: Context, now: number, ...more: string[]): string {
  const { origin, pathAndQuery } = splitAddress(c.req.url);
  const proto = c.req.header('x-forwarded-proto');
  const host = c.req.header('host');
  const scheme = proto ? `${proto}:` : origin.slice(0, origin.indexOf(':') + 1);
  const authority = host ?? origin.slice(origin.indexOf('//') + 2);
  return [dayOf(now), `${scheme}//${authority}`, pathAndQuery, requestLocale(c), ...more].join('\u0001');
}
