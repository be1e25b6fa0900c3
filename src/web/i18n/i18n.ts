/**
 * Interface text: message catalogs (es, en), the user's language, and
 * dates and numbers through Intl.
 */
import { IntlMessageFormat } from 'intl-messageformat';
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

const compiled = new Map<string, IntlMessageFormat>();

// Element types of intl-messageformat's syntax tree.
const ARGUMENT = 1;
const NUMBER = 2;
type Element = ReturnType<IntlMessageFormat['getAst']>[number];

/** The tree with every plain `{name}` of a number argument written as `{name, number}`, in plural branches too. */
function numbersFormatted(elements: Element[], numeric: Set<string>): Element[] {
  return elements.map((el) => {
    if (el.type === ARGUMENT && numeric.has(el.value)) return { ...el, type: NUMBER, style: null } as Element;
    if ('options' in el) {
      const options = Object.fromEntries(
        Object.entries(el.options).map(([k, o]) => [k, { ...o, value: numbersFormatted(o.value, numeric) }]),
      );
      return { ...el, options } as Element;
    }
    return el;
  });
}

/**
 * An ICU MessageFormat message (`{count, plural, one {# fila} other {# filas}}`,
 * `{role, select, …}`, `{name}`) filled in for `locale` by intl-messageformat: plural
 * branches by CLDR's rules, and every number as the language writes it (also a plain
 * `{count}`, which ICU would print unformatted). Each message is parsed once per set of
 * number arguments. Tags in a message (`<periodo>`) are text, not markup.
 */
export function formatMessage(message: string, params: Params, locale: string): string {
  const numeric = Object.keys(params)
    .filter((name) => typeof params[name] === 'number')
    .sort();
  const key = `${locale}\u0000${numeric.join(',')}\u0000${message}`;
  let format = compiled.get(key);
  if (!format) {
    const parsed = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
    format =
      numeric.length === 0
        ? parsed
        : new IntlMessageFormat(numbersFormatted(parsed.getAst(), new Set(numeric)), locale);
    compiled.set(key, format);
  }
  try {
    return String(format.format(params));
  } catch {
    // A value the message asks for and the caller did not give: the text, never a failed page.
    return message.replace(/\{(\w+)\}/g, (whole, name: string) => String(params[name] ?? whole));
  }
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
      // A message without arguments reads as it is written (the catalog test holds them to that).
      return params ? formatMessage(message, params, locale) : message;
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
