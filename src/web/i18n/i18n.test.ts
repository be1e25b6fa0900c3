import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { ITEM_STATUSES } from '../../domain/status.ts';
import {
  ACTOR_TYPES,
  ASSIGNMENT_ROLES,
  MEMBERSHIP_ROLES,
  PROGRAMME_ACTOR_ROLES,
  PROGRAMME_KINDS,
  PROGRAMME_STATUSES,
} from '../../domain/vocabulary.ts';
import { catalogKeys, formatMessage, LOCALES, negotiateLocale, translator } from './i18n.ts';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.(ts|tsx)$/.test(name) && !name.endsWith('.test.ts') ? [full] : [];
  });
}

describe('message catalogs', () => {
  it('have the same keys in every language, none empty', () => {
    const es = catalogKeys('es').sort();
    for (const locale of LOCALES) {
      expect(catalogKeys(locale).sort()).toEqual(es);
      const t = translator(locale);
      for (const key of es) expect(t.t(key as never).trim()).not.toBe('');
    }
  });

  it('are ICU MessageFormat: every message parses, and one without arguments reads as written', () => {
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const key of catalogKeys(locale)) {
        const message = t.t(key as never);
        const format = new IntlMessageFormat(message, locale, undefined, { ignoreTag: true });
        if (!/[{}]/.test(message)) expect(format.format(), `${locale} ${key}`).toBe(message);
      }
    }
  });

  it('hold every key the code uses', () => {
    const src = path.resolve(import.meta.dirname, '../..');
    const used = new Set<string>();
    for (const file of sourceFiles(src)) {
      const text = readFileSync(file, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*'([a-zA-Z]+(?:\.[a-zA-Z_]+)+)'/g)) used.add(m[1] as string);
      for (const m of text.matchAll(/'(error\.[a-zA-Z.]+)'/g)) used.add(m[1] as string);
    }
    const vocabularies: [string, readonly string[]][] = [
      ['status', [...ITEM_STATUSES, 'none']],
      ['actorType', ACTOR_TYPES],
      ['assignmentRole', ASSIGNMENT_ROLES],
      ['membership.role', MEMBERSHIP_ROLES],
      ['programme.kind', PROGRAMME_KINDS],
      ['programme.status', PROGRAMME_STATUSES],
      ['programme.actorRole', PROGRAMME_ACTOR_ROLES],
      ['language', LOCALES],
    ];
    for (const [prefix, values] of vocabularies) for (const v of values) used.add(`${prefix}.${v}`);
    const keys = new Set(catalogKeys('es'));
    const missing = [...used].filter((k) => !keys.has(k));
    expect(missing).toEqual([]);
    expect(used.size).toBeGreaterThan(80);
  });
});

describe('negotiateLocale', () => {
  it('prefers the remembered choice, then Accept-Language by weight, then Spanish', () => {
    expect(negotiateLocale('en', 'es-MX,es;q=0.9')).toBe('en');
    expect(negotiateLocale(undefined, 'fr-CA,en-US;q=0.8,es;q=0.5')).toBe('en');
    expect(negotiateLocale(undefined, 'es;q=0.2,en;q=0.9')).toBe('en');
    expect(negotiateLocale('xx', 'de')).toBe('es');
    expect(negotiateLocale(undefined, undefined)).toBe('es');
  });
});

describe('translator', () => {
  it('fills parameters and formats numbers and dates by locale', () => {
    expect(translator('en').t('filter.count', { shown: 1200, total: 1500 })).toBe('1,200 of 1,500 items');
    expect(translator('es').t('filter.count', { shown: 1200, total: 1500 })).toBe('1200 de 1500 elementos');
    expect(translator('es').t('calendar.count', { count: 1 })).toBe('1 reunión');
    expect(translator('es').t('calendar.count', { count: 2 })).toBe('2 reuniones');
    expect(translator('en').t('board.count', { shown: 1, total: 1 })).toBe('1 of 1 report');
    expect(translator('es').date('2023-11-19')).toBe('19 de noviembre de 2023');
    expect(translator('en').date('2023-11-19')).toBe('November 19, 2023');
    expect(translator('es').date(new Date('2026-12-02T14:05:09Z'), 'dateTime')).toBe('2 dic 2026, 14:05 UTC');
    expect(translator('en').date(new Date('2026-12-02T14:05:09Z'), 'dateTime')).toBe('Dec 2, 2026, 02:05 PM UTC');
  });
  it('picks the user language of a translated text, falling back to Spanish', () => {
    expect(translator('en').pick({ es: 'Hola', en: 'Hello' })).toBe('Hello');
    expect(translator('en').pick({ es: 'Hola' })).toBe('Hola');
  });
});

describe('formatMessage', () => {
  const rows = '{count, plural, one {# fila} other {# filas}}';
  it('takes the branch CLDR chooses for the number, in each language', () => {
    expect(formatMessage(rows, { count: 1 }, 'es')).toBe('1 fila');
    expect(formatMessage(rows, { count: 0 }, 'es')).toBe('0 filas');
    expect(formatMessage(`Hay ${rows} y ${rows}.`, { count: 2500 }, 'es')).toBe('Hay 2500 filas y 2500 filas.');
    expect(formatMessage('{n, plural, =0 {none} one {# row} other {# rows}}', { n: 0 }, 'en')).toBe('none');
    expect(formatMessage('{n, plural, one {# row} other {# rows}}', { n: 1 }, 'en')).toBe('1 row');
  });
  it('follows CLDR where languages differ: French counts 0 and 1 as one, Spanish a million as many', () => {
    const rows = '{n, plural, one {# ligne} many {# de lignes} other {# lignes}}';
    expect(formatMessage(rows, { n: 0 }, 'fr')).toBe('0 ligne');
    expect(formatMessage(rows, { n: 1 }, 'fr')).toBe('1 ligne');
    expect(formatMessage('{n, plural, one {# fila} many {# de filas} other {# filas}}', { n: 1000000 }, 'es')).toBe(
      '1.000.000 de filas',
    );
  });
  it('leaves an argument nobody gave as it is written rather than failing', () => {
    expect(formatMessage('{who} abrió {cycle}', { who: 'Ana' }, 'es')).toBe('Ana abrió {cycle}');
  });
  it('chooses by select and leaves tags as text', () => {
    const m = '{role, select, focal_point {Punto focal} other {Otro}} de <país>';
    expect(formatMessage(m, { role: 'focal_point' }, 'es')).toBe('Punto focal de <país>');
    expect(formatMessage(m, { role: 'x' }, 'es')).toBe('Otro de <país>');
  });
  it('formats the number in the message as the language writes it', () => {
    expect(translator('en').t('import.rows', { count: 12345 })).toBe('12,345 rows');
    expect(translator('es').t('import.commit', { count: 1 })).toBe('Importar 1 elemento');
  });
});
