/**
 * Interface text: message catalogs (es, en), the user's language, and
 * dates and numbers through Intl.
 */
import en from './en.json' with { type: 'json' };
import es from './es.json' with { type: 'json' };

export const LOCALES = ['es', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'es';

export type MessageKey = keyof typeof es;
export type Params = Record<string, string | number>;

const catalogs: Record<Locale, Record<string, string>> = { es, en };

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/** Chooses a locale from the remembered choice, then Accept-Language, then the default. */
export function negotiateLocale(cookie: string | undefined, acceptLanguage: string | undefined): Locale {
  if (isLocale(cookie)) return cookie;
  const ranked = (acceptLanguage ?? '')
    .split(',')
    .map((part) => {
      const [tag = '', ...rest] = part.trim().split(';');
      const q = rest.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { lang: tag.toLowerCase().split('-')[0] ?? '', q: q ? Number(q.slice(2)) : 1 };
    })
    .filter((r) => r.lang && Number.isFinite(r.q) && r.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((r) => r.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

export type Translator = {
  locale: Locale;
  t(key: MessageKey, params?: Params): string;
  /** A text kept in several languages: the user's, else the original's. */
  pick(text: Record<string, string> | null | undefined, fallback?: string): string;
  /** A day (`long`, `medium`, `month`), or a moment with its time in UTC (`dateTime`: "2 dic 2026, 14:05 UTC"). */
  date(iso: string | Date, style?: 'long' | 'medium' | 'month' | 'dateTime'): string;
  number(value: number, options?: Intl.NumberFormatOptions): string;
};

const pluralRules = new Map<string, Intl.PluralRules>();

/**
 * ICU plural arguments — `{count, plural, one {# fila} other {# filas}}` —
 * replaced by the branch CLDR's rules choose for the value (`=0` first, then
 * the category: Spanish has `one`, `many` and `other`), `#` by the number.
 */
export function choosePlurals(message: string, params: Params, locale: string): string {
  let out = '';
  let at = 0;
  const start = /\{(\w+), plural,/g;
  for (let m = start.exec(message); m; m = start.exec(message)) {
    // The branches: `key {text}` pairs up to the brace that closes the argument.
    const branches = new Map<string, string>();
    let i = m.index + m[0].length;
    while (i < message.length) {
      while (message[i] === ' ') i++;
      if (message[i] === '}') break;
      const open = message.indexOf('{', i);
      const name = message.slice(i, open).trim();
      let depth = 1;
      let j = open + 1;
      for (; j < message.length && depth > 0; j++) depth += message[j] === '{' ? 1 : message[j] === '}' ? -1 : 0;
      branches.set(name, message.slice(open + 1, j - 1));
      i = j;
    }
    const value = Number(params[m[1] as string]);
    let rules = pluralRules.get(locale);
    if (!rules) {
      rules = new Intl.PluralRules(locale);
      pluralRules.set(locale, rules);
    }
    const branch = branches.get(`=${value}`) ?? branches.get(rules.select(value)) ?? branches.get('other') ?? '';
    out += message.slice(at, m.index) + branch.replace(/#/g, value.toLocaleString(locale));
    at = i + 1;
    start.lastIndex = at;
  }
  return out + message.slice(at);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** Building an Intl.NumberFormat costs far more than using one: a page formats hundreds of numbers. */
const numberFormats = new Map<string, Intl.NumberFormat>();

export function translator(locale: Locale): Translator {
  const catalog = catalogs[locale];
  const dateFormat = (style: 'long' | 'medium' | 'month' | 'dateTime') => {
    const key = `${locale}:${style}`;
    let f = formatters.get(key);
    if (!f) {
      const options: Intl.DateTimeFormatOptions =
        style === 'month'
          ? { year: 'numeric', month: 'long' }
          : style === 'dateTime'
            ? {
                year: 'numeric',
                month: 'short',
                day: 'numeric',
                hour: '2-digit',
                minute: '2-digit',
                timeZoneName: 'short',
              }
            : { dateStyle: style };
      f = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
      formatters.set(key, f);
    }
    return f;
  };
  return {
    locale,
    t(key, params) {
      const message = catalog[key] ?? key;
      if (!params) return message;
      return choosePlurals(message, params, locale).replace(/\{(\w+)\}/g, (_, name: string) => {
        const value = params[name];
        if (value === undefined) return `{${name}}`;
        return typeof value === 'number' ? value.toLocaleString(locale) : value;
      });
    },
    pick(text, fallback = '') {
      if (!text) return fallback;
      return text[locale] ?? text[DEFAULT_LOCALE] ?? Object.values(text)[0] ?? fallback;
    },
    date(iso, style = 'long') {
      const d = typeof iso === 'string' ? new Date(`${iso.slice(0, 10)}T00:00:00Z`) : iso;
      return dateFormat(style).format(d);
    },
    number(value, options) {
      const key = options ? `${locale}:${JSON.stringify(options)}` : locale;
      let f = numberFormats.get(key);
      if (!f) {
        f = new Intl.NumberFormat(locale, options);
        numberFormats.set(key, f);
      }
      return f.format(value);
    },
  };
}

export function catalogKeys(locale: Locale): string[] {
  return Object.keys(catalogs[locale]);
}
