/** The language of a request: `?lang=` (but where it filters by language), else the remembered choice (a cookie), else Accept-Language. */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { isLocale, type Locale, negotiateLocale } from '../web/i18n/i18n.ts';

export const LANG_COOKIE = 'lang';

const ofRequest = new WeakMap<Request, Locale>();
/** Browsers send a handful of different Accept-Language headers: each is negotiated once (at most 100 kept). */
const ofHeader = new Map<string, Locale>();

function fromHeaders(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie) || acceptLanguage === undefined) return negotiateLocale(cookie, acceptLanguage);
  let locale = ofHeader.get(acceptLanguage);
  if (locale === undefined) {
    locale = negotiateLocale(undefined, acceptLanguage);
    if (ofHeader.size >= 100) ofHeader.clear();
    ofHeader.set(acceptLanguage, locale);
  }
  return locale;
}

/** Where `?lang=` is a filter (the records' language), not the language of the answer. */
const LANG_FILTERS = new Set(['/search', '/api/v1/search']);

/** Worked out once per request: the caches' keys and the pages all ask. */
export function requestLocale(c: Context): Locale {
  const known = ofRequest.get(c.req.raw);
  if (known) return known;
  const query = LANG_FILTERS.has(c.req.path) ? undefined : c.req.query('lang');
  const locale = isLocale(query) ? query : fromHeaders(getCookie(c, LANG_COOKIE), c.req.header('accept-language'));
  ofRequest.set(c.req.raw, locale);
  return locale;
}
