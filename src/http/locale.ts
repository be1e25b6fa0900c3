/** The language of a request: `?lang=`, else the remembered choice (a cookie), else Accept-Language. */
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { isLocale, type Locale, negotiateLocale } from '../web/i18n/i18n.ts';

export const LANG_COOKIE = 'lang';

export function requestLocale(c: Context): Locale {
  const query = c.req.query('lang');
  return isLocale(query) ? query : negotiateLocale(getCookie(c, LANG_COOKIE), c.req.header('accept-language'));
}
