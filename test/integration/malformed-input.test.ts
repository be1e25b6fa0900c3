/**
 * Malformed input, generated (fast-check): for every route of the table, as a
 * user the route lets through, requests that are wrong in one known way — the
 * JSON body or the form, a path id, the query string or a header — with
 * harmless noise around the fault. Whatever is sent: never a 5xx; an API
 * error is `application/problem+json` in the caller's language and, when the
 * fault is a field, names it; a page error is an HTML page (the error page or
 * the form again) showing the field; and nothing is written.
 *
 * `npm test` draws the same cases on every run (a fixed seed, printed) and
 * sends again every counterexample ever found (malformed-input.regressions.ts);
 * `npm run test:fuzz` draws fresh ones, many more, and prints any
 * counterexample in the form that file keeps (test/support/property-runs.ts).
 */
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import en from '../../src/web/i18n/en.json' with { type: 'json' };
import es from '../../src/web/i18n/es.json' with { type: 'json' };
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { databaseDigest } from '../support/db-digest.ts';
import { buildCast, type Cast } from '../support/factories.ts';
import { fuzzing, fuzzScale, propertySeed, runsOf } from '../support/property-runs.ts';
import { buildRouteTable, type Role, type RouteTable, type Row, routeKeys } from '../support/route-table.ts';
import { REGRESSIONS, type RegressionCase } from './malformed-input.regressions.ts';

/** Runs per route and kind of fault: about 35–55 s per dialect on two cores (the brief allows 90). */
const RUNS = { body: 100, form: 120, path: 50, query: 30, header: 30 };

/** Each property walks every route: minutes, not the 30 s of a single test (and more when fuzzing). */
const PROPERTY_TIMEOUT = 180_000 * fuzzScale;

/** Every property of every route draws from this seed (each its own, derived from it): printed, fixed in `npm test`. */
const SEED = propertySeed('test/integration/malformed-input.test.ts', 1_000_601);

/** Tables that change on reads: sessions and rate limits; API tokens' last use is compared apart. */
const CHANGE_ON_READS = ['sessions', 'rate_limits', 'api_tokens'];

type Locale = 'es' | 'en';
const catalogs: Record<Locale, Record<string, string>> = { es, en };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------------------
// What is sent, and what the answer must be
// ---------------------------------------------------------------------------

type Fault = {
  /** What is wrong, for the failure message. */
  note: string;
  /** The field at fault, which a 400 (415, 428) must name; `null`: some field; `undefined`: none (a bad token). */
  field?: string | null;
  /** The answer must be exactly this status. */
  status?: number;
  /** A success is acceptable: a read with harmless noise. */
  mayPass?: boolean;
  /** The whole body is at fault (unreadable), not one of its fields. */
  wholeBody?: boolean;
  /** Catalog key of the field's label, for forms whose messages name the field by its label. */
  label?: string | undefined;
};

type Sent = Fault & {
  route: string;
  method: string;
  url: string;
  headers: Record<string, string>;
  body?: BodyInit;
  /** The language the answer must be in; null when Accept-Language is junk. */
  locale: Locale | null;
};

const STACK_TRACE = /\bat [^\n]*\.(?:ts|tsx|js|mjs):\d+|node_modules\/|\/src\/(?:modules|http|db)\//;

/** The messages of a catalog whose keys start with `prefix`, as patterns (a parameter matches anything). */
const templates = new Map<string, RegExp[]>();
function templatesOf(locale: Locale, prefix: string): RegExp[] {
  const key = `${locale}:${prefix}`;
  let list = templates.get(key);
  if (!list) {
    list = Object.entries(catalogs[locale])
      .filter(([k]) => k.startsWith(prefix))
      .map(([, text]) =>
        text
          // A plural argument (`{count, plural, one {…} other {…}}`) and a parameter match anything.
          .replace(/\{\w+, plural,(?:[^{}]|\{[^{}]*\})*\}/g, '{plural}')
          .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
          .replace(/\{\w+\}/g, '[\\s\\S]*'),
      )
      .map((source) => new RegExp(`^${source}$`, 'u'));
    templates.set(key, list);
  }
  return list;
}
const inCatalog = (text: string, locale: Locale, prefix: string) =>
  templatesOf(locale, prefix).some((t) => t.test(text));
const inSomeCatalog = (text: string, prefix: string) => inCatalog(text, 'es', prefix) || inCatalog(text, 'en', prefix);

const lastPart = (name: string) => name.split(/[.:-]/).pop();
/** Messages about an uploaded file name no field, being about the one file: their fixed beginnings. */
const fileMessages = (['es', 'en'] as const).flatMap((l) =>
  Object.entries(catalogs[l])
    .filter(([key]) => key.startsWith('error.field.file'))
    .map(([, text]) => text.split('{')[0] as string),
);

/**
 * The page shows the field: its control marked invalid, or a message quoting
 * it — by its name, its label, or its path in the input (`title.en` for the
 * form's `title-en`, `sections.calendar` for `section:calendar`).
 */
function pageShowsField(page: string, sent: Sent): boolean {
  const html = page
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
  const field = sent.field as string;
  if (sent.wholeBody)
    return (['es', 'en'] as const).some((l) => html.includes(catalogs[l]['error.field.malformedForm'] ?? '\0'));
  const controls = html.match(/<(?:input|select|textarea)\b[^>]*>/g) ?? [];
  if (controls.some((tag) => tag.includes(`name="${field}"`) && tag.includes('aria-invalid="true"'))) return true;
  if (field === 'file') return fileMessages.some((m) => html.includes(m));
  const quoted = [...html.matchAll(/«([^»]+)»|“([^”]+)”/g)].map((m) => m[1] ?? m[2] ?? '');
  const label = sent.label && sent.locale ? catalogs[sent.locale][sent.label] : undefined;
  const labels = controlLabels(html, field);
  return quoted.some(
    (q) => q === field || q === label || labels.includes(q) || (/[.:-]/.test(field) && lastPart(q) === lastPart(field)),
  );
}

/** The texts of the labels of the page's controls named `field`. */
function controlLabels(html: string, field: string): string[] {
  const ids = (html.match(/<(?:input|select|textarea)\b[^>]*>/g) ?? [])
    .filter((tag) => tag.includes(`name="${field}"`))
    .map((tag) => / id="([^"]+)"/.exec(tag)?.[1])
    .filter((id): id is string => id !== undefined);
  return ids.flatMap((id) =>
    [
      ...html.matchAll(
        new RegExp(`<label\\b[^>]*for="${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*>([\\s\\S]*?)</label>`, 'g'),
      ),
    ].map((m) => (m[1] ?? '').replace(/<[^>]+>/g, '').trim()),
  );
}
/**
 * The fields an error message on the page quotes by their names in the code
 * («deadline», «actorId») instead of as the form labels them.
 */
function internalNamesQuoted(page: string, sent: Sent): string[] {
  const errors = [
    ...(page.match(/<div class="alert alert-error"[\s\S]*?<\/div>/g) ?? []),
    ...(page.match(/<p class="field-error"[^>]*>[\s\S]*?<\/p>/g) ?? []),
  ].join('\n');
  const quoted = [...errors.matchAll(/«([^»]+)»|“([^”]+)”/g)].map((m) => m[1] ?? m[2] ?? '');
  const labels = new Set(
    [...page.matchAll(/<(label|legend)\b[^>]*>([\s\S]*?)<\/\1>/g)].map((m) =>
      (m[2] ?? '').replace(/<[^>]+>/g, '').trim(),
    ),
  );
  const names = new Set([...Object.keys(FORMS[sent.route] ?? {}), ...(sent.field ? [sent.field] : [])]);
  return quoted.filter((q) => names.has(q) && !labels.has(q));
}
const pageShowsSomeField = (html: string) => /aria-invalid="true"|«[^»]+»|“[^”]+”/.test(html);

/** Answers about a request's fields, which name them: invalid input, a refused Content-Type, a missing If-Match. */
const NAMING = [400, 415, 428];
const names = (problem: { errors?: { field: string }[] }) => (problem.errors ?? []).map((e) => e.field);
const namesField = (fields: string[], field: string) =>
  fields.some((f) => f === field || f.startsWith(`${field}.`) || f.toLowerCase() === field.toLowerCase());

async function expectRefused(web: ReturnType<typeof appOn>, sent: Sent): Promise<void> {
  const res = await web.app.request(sent.url, { method: sent.method, headers: sent.headers, body: sent.body });
  const text = await res.text();
  const what = `${sent.route} — ${sent.note}\n${sent.method} ${sent.url.slice(0, 300)}\n→ ${res.status} ${text.slice(0, 600)}`;
  expect(res.status, what).toBeLessThan(500);
  if (sent.status !== undefined) expect(res.status, what).toBe(sent.status);
  if (!sent.mayPass) expect(res.status, what).toBeGreaterThanOrEqual(400);
  if (res.status < 400) return;
  expect(text, what).not.toMatch(STACK_TRACE);
  const type = res.headers.get('content-type') ?? '';
  if (new URL(sent.url, 'http://localhost').pathname.startsWith('/api/')) {
    expect(type, what).toMatch(/^application\/problem\+json/);
    const problem = JSON.parse(text) as {
      title: unknown;
      status: unknown;
      code: unknown;
      errors?: { field: string; message: string }[];
    };
    expect(problem.status, what).toBe(res.status);
    expect(typeof problem.code, what).toBe('string');
    expect(typeof problem.title === 'string' && problem.title !== '', what).toBe(true);
    const title = problem.title as string;
    expect(sent.locale ? inCatalog(title, sent.locale, 'error.') : inSomeCatalog(title, 'error.'), what).toBe(true);
    for (const e of problem.errors ?? []) {
      expect(typeof e.field === 'string' && e.field !== '', what).toBe(true);
      const ok = sent.locale ? inCatalog(e.message, sent.locale, 'error.') : inSomeCatalog(e.message, 'error.');
      expect(ok, `${what}\nmessage not in the ${sent.locale} catalog: ${e.message}`).toBe(true);
    }
    if (NAMING.includes(res.status) && sent.field !== undefined) {
      expect(names(problem).length, `${what}\nno field named`).toBeGreaterThan(0);
      if (sent.field !== null)
        expect(namesField(names(problem), sent.field), `${what}\nexpected ${sent.field}`).toBe(true);
    }
  } else {
    expect(type, what).toMatch(/^text\/html/);
    if (sent.locale) expect(text, what).toContain(`<html lang="${sent.locale}"`);
    if (res.status === 400 && sent.field !== undefined) {
      const shown = sent.field === null ? pageShowsSomeField(text) : pageShowsField(text, sent);
      expect(shown, `${what}\nthe page does not show ${sent.field ?? 'the field'}`).toBe(true);
    }
    if (res.status === 400)
      expect(internalNamesQuoted(text, sent), `${what}\nan error names a field by its name in the code`).toEqual([]);
  }
}

// ---------------------------------------------------------------------------
// Building blocks of malformed values
// ---------------------------------------------------------------------------

/** Accept-Language values and the language they ask for. */
const language = fc.constantFrom<[string, Locale]>(
  ['es', 'es'],
  ['en', 'en'],
  ['es-MX,es;q=0.9', 'es'],
  ['en-US,en;q=0.8,es;q=0.5', 'en'],
  ['fr-CA, en;q=0.3', 'en'],
  ['de', 'es'],
);

/** Always has a character no identifier, key, enum value, date or e-mail of the application allows. */
const junk = fc.oneof(
  fc.constantFrom(
    "1' OR '1'='1",
    "'; DROP TABLE users; --",
    '1; select pg_sleep(1)',
    "' UNION SELECT * FROM users --",
    '<script>alert(1)</script>',
    '{{7*7}}',
    'ñandú',
    '💥',
    'a b',
    '\u0000',
    '\u202eabc',
    // A multipart part drops a leading BOM: something must follow it.
    '\ufeffabc',
  ),
  fc.string({ unit: 'grapheme', maxLength: 20 }).map((s) => `¿${s}`),
  fc.string({ unit: 'binary', maxLength: 20 }).map((s) => `${s} ~`),
);
/** Identifier-looking strings that are not UUIDs. */
const notUuid = fc.oneof(
  fc.constantFrom('not-a-uuid', '123', '0', '-1', 'null', 'undefined', 'true', 'NaN', 'ffffffff'),
  fc.uuid().map((u) => u.slice(0, 35)),
  fc.uuid().map((u) => `${u}0`),
  fc.uuid().map((u) => `${u.slice(0, 8)}g${u.slice(9)}`),
  fc.uuid().map((u) => u.replace(/-/g, '')),
);
const overlong = (max: number) => fc.integer({ min: 1, max: Math.min(max, 5000) }).map((n) => 'x'.repeat(max + n));
const badDate = fc.constantFrom(
  '2026-02-30',
  '2026-13-01',
  '2026-00-10',
  '2026-1-1',
  '26-01-01',
  '2026/01/01',
  '01/02/2026',
  '2026-01-01T25:00:00Z',
  '2026-01-01T10:00:00',
  'tomorrow',
  '¿2026-01-01',
  '99999-01-01',
  '2026-01-01 OR 1=1',
);
const badEmail = fc.oneof(fc.constantFrom('nobody', 'a@', '@example.org', 'a b@example.org', 'a@@b.c'), junk);
const badUrl = fc.constantFrom(
  'javascript:alert(1)',
  'ftp://example.org/x',
  'not a url',
  '//example.org/x',
  'http://',
  'data:text/html,<b>x</b>',
  'file:///etc/passwd',
);
const badInteger = fc.constantFrom('0', '-1', '1.5', 'abc', '1e999', '99999999999999999999', '0x10', '½', ' ');
/** An object nested deeper than any input of the application. */
const deeplyNested = fc.integer({ min: 50, max: 3000 }).map((depth) => {
  let value: unknown = 'x';
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
});
const anyJson = fc.jsonValue({ maxDepth: 2 });
const extraFields = fc.dictionary(
  fc.string({ minLength: 1, maxLength: 12 }).map((k) => `x-${k}`),
  fc.oneof(anyJson, deeplyNested),
  { maxKeys: 3 },
);

// ---------------------------------------------------------------------------
// JSON bodies, from the OpenAPI document
// ---------------------------------------------------------------------------

type Schema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  format?: string;
  pattern?: string;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  default?: unknown;
};
type OpenApi = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; schema: Schema }[];
        requestBody?: { content: Record<string, { schema: Schema }> };
      }
    >
  >;
  components: { schemas: Record<string, Schema> };
};

function resolve(doc: OpenApi, schema: Schema): Schema {
  return schema.$ref ? resolve(doc, doc.components.schemas[schema.$ref.split('/').pop() as string] as Schema) : schema;
}

function jsonTypes(doc: OpenApi, schema: Schema): Set<string> {
  const s = resolve(doc, schema);
  if (s.anyOf) return new Set(s.anyOf.flatMap((a) => [...jsonTypes(doc, a)]));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  return new Set(types.flatMap((t) => (t === 'integer' ? ['number'] : [t])));
}

/** Values of another JSON type than the schema's. */
function wrongType(doc: OpenApi, schema: Schema): fc.Arbitrary<unknown> {
  const types = jsonTypes(doc, schema);
  const options: fc.Arbitrary<unknown>[] = [];
  if (!types.has('string')) options.push(fc.string({ maxLength: 10 }));
  if (!types.has('number')) options.push(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }));
  if (!types.has('boolean')) options.push(fc.boolean());
  if (!types.has('null')) options.push(fc.constant(null));
  if (!types.has('array')) options.push(fc.array(anyJson, { maxLength: 3 }));
  if (!types.has('object'))
    options.push(fc.dictionary(fc.string({ maxLength: 5 }), anyJson, { maxKeys: 3 }), deeplyNested);
  return fc.oneof(...options);
}

/** Values that break the schema for certain (its type, format, enum, pattern, length or range). */
function badJson(doc: OpenApi, schema: Schema): fc.Arbitrary<unknown> {
  const s = resolve(doc, schema);
  const options: fc.Arbitrary<unknown>[] = [wrongType(doc, s)];
  const formats = new Set([s.format, ...(s.anyOf ?? []).map((a) => resolve(doc, a).format)].filter(Boolean));
  const types = jsonTypes(doc, s);
  if (types.has('string')) {
    if (s.enum || s.pattern || formats.size > 0) options.push(junk);
    if (formats.has('uuid')) options.push(notUuid);
    if (formats.has('date') || formats.has('date-time')) options.push(badDate);
    if (formats.has('email')) options.push(badEmail);
    if (formats.has('uri')) options.push(badUrl);
    if (s.maxLength !== undefined) options.push(overlong(s.maxLength));
    if ((s.minLength ?? 0) > 0) options.push(fc.constant(''));
  }
  if (types.has('number')) {
    if (s.minimum !== undefined) options.push(fc.integer({ min: 1, max: 1e6 }).map((n) => (s.minimum as number) - n));
    if (s.maximum !== undefined) options.push(fc.integer({ min: 1, max: 1e6 }).map((n) => (s.maximum as number) + n));
    if (s.type === 'integer') options.push(fc.constant(1.5));
  }
  if (types.has('array') && s.items) {
    options.push(badJson(doc, s.items).map((item) => [item]));
    if ((s.minItems ?? 0) > 0) options.push(fc.constant([]));
  }
  if (types.has('object') && s.properties) {
    const props = Object.entries(s.properties);
    if (props.length > 0)
      options.push(fc.constantFrom(...props).chain(([name, p]) => badJson(doc, p).map((value) => ({ [name]: value }))));
  }
  return fc.oneof(...options);
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/json;charset=UTF-8'];
const ODD_JSON_TYPES = [
  'application/json; charset=latin1',
  'application/json; charset=utf-16',
  'application/json; charset="utf-8"',
];

function jsonBodyFaults(doc: OpenApi, schema: Schema, sample: Record<string, unknown>): fc.Arbitrary<Partial<Sent>> {
  const s = resolve(doc, schema);
  const properties = Object.entries(s.properties ?? {});
  const sampleText = JSON.stringify(sample);
  const type = fc.constantFrom(...JSON_TYPES, ...ODD_JSON_TYPES);
  const send = (body: string, note: string, field: string | null) =>
    type.map((t) => ({ body, headers: { 'content-type': t }, note, field }));
  const notJson = fc.oneof(
    fc.constantFrom('', '{', '{"a":}', "{'a':1}", '[1,]', 'NaN', '{"a":1,}', 'undefined', '\u0000', '{"a":"\\x"}'),
    fc.integer({ min: 1, max: Math.max(1, sampleText.length - 1) }).map((n) => sampleText.slice(0, n)),
    fc.string({ unit: 'binary', maxLength: 30 }).filter((t) => !parses(t)),
  );
  const faults: fc.Arbitrary<Partial<Sent>>[] = [
    notJson.chain((text) => send(text, `invalid JSON ${JSON.stringify(text).slice(0, 40)}`, 'body')),
    fc
      .oneof(fc.array(anyJson, { maxLength: 3 }), fc.string(), fc.integer(), fc.boolean(), fc.constant(null))
      .chain((v) => send(JSON.stringify(v), `a body that is not an object: ${JSON.stringify(v).slice(0, 40)}`, 'body')),
    fc
      .constantFrom(
        'text/plain',
        'application/xml',
        'application/x-www-form-urlencoded',
        'application/jsonx',
        'text/json',
      )
      .map((t) => ({
        body: sampleText,
        headers: { 'content-type': t },
        note: `a JSON body sent as ${t}`,
        field: null,
      })),
    fc.constant({
      body: new TextEncoder().encode(sampleText),
      headers: {},
      note: 'a JSON body without a content type',
      field: 'Content-Type',
      status: 415,
    }),
  ];
  if (properties.length > 0)
    faults.push(
      fc
        .tuple(fc.constantFrom(...properties), extraFields)
        .chain(([[name, p], extra]) =>
          badJson(doc, p).chain((value) =>
            send(
              JSON.stringify({ ...extra, ...sample, [name]: value }),
              `${name} = ${JSON.stringify(value)?.slice(0, 60)}`,
              name,
            ),
          ),
        ),
    );
  const required = (s.required ?? []).filter((r) => r in sample);
  if (required.length > 0)
    faults.push(
      fc.tuple(fc.constantFrom(...required), extraFields).chain(([name, extra]) => {
        const { [name]: _, ...rest } = sample;
        return send(JSON.stringify({ ...extra, ...rest }), `${name} missing`, name);
      }),
    );
  return fc.oneof(...faults);
}

/** Uploads to a route that also takes multipart: no file, a file no upload accepts, or a bad field beside a good file. */
function multipartFaults(doc: OpenApi, schema: Schema): fc.Arbitrary<Partial<Sent>> {
  const properties = Object.entries(resolve(doc, schema).properties ?? {});
  const file = properties.find(([, p]) => p.format === 'binary')?.[0] ?? 'file';
  // Fields beside the file that some string breaks (a format, an enum, a pattern or a length).
  const others = properties.filter(
    ([name, p]) => name !== file && (p.format || p.enum || p.pattern || p.maxLength !== undefined),
  );
  const upload = (parts: [string, string | File][], note: string, field: string): Partial<Sent> => {
    const form = new FormData();
    for (const [k, v] of parts) form.append(k, v);
    return { body: form, headers: {}, note, field };
  };
  const faults: fc.Arbitrary<Partial<Sent>>[] = [
    fc.constant(upload([['title', 'Sin archivo']], `multipart without ${file}`, file)),
    badFile.map((f) => upload([[file, f]], `multipart ${file} = ${f.name}`, file)),
  ];
  if (others.length > 0)
    faults.push(
      fc.constantFrom(...others).chain(([name, p]) =>
        badJson(doc, p)
          .filter((v) => typeof v === 'string' && v !== '')
          .map((v) =>
            upload(
              [
                [file, goodFile()],
                [name, v as string],
              ],
              `multipart ${name} = ${String(v).slice(0, 40)}`,
              name,
            ),
          ),
      ),
    );
  return fc.oneof(...faults);
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

// ---------------------------------------------------------------------------
// Forms: what each form's fields must be
// ---------------------------------------------------------------------------

type FormField = {
  kind: 'text' | 'enum' | 'date' | 'email' | 'url' | 'key' | 'uuid' | 'integer' | 'password' | 'codes' | 'file';
  required?: boolean;
  max?: number;
  /** Catalog key of the label its messages use, for a hidden field with no control to mark. */
  label?: string;
};
const text = (max: number, required = true): FormField => ({ kind: 'text', max, required });
const required = (kind: FormField['kind'], max?: number): FormField => ({
  kind,
  required: true,
  ...(max ? { max } : {}),
});
const optional = (kind: FormField['kind'], max?: number): FormField => ({ kind, ...(max ? { max } : {}) });

/** The fields of every form route that can be wrong; a form route without an entry fails the test. */
const FORMS: Record<string, Record<string, FormField>> = {
  'POST /items/:id/edit': {
    text: text(10_000),
    code: text(40),
    calendar: text(2_000, false),
    startsOn: optional('date'),
    endsOn: optional('date'),
  },
  'POST /items/:id/status': { status: required('enum'), date: required('date'), note: text(5_000) },
  'POST /items/:id/assignments': { actorId: required('key', 120), role: required('enum') },
  'POST /items/:id/assignments/remove': {
    actorId: { ...required('key', 120), label: 'filter.actor' },
    role: { ...required('enum'), label: 'actor.role' },
  },
  'POST /items/:id/children': { level: required('key', 60), code: text(40), text: text(10_000) },
  'POST /login': { email: required('email', 254) },
  'POST /logout': {},
  'POST /invitations/:token': { password: required('password', 200) },
  'POST /reset-password/:token': { password: required('password', 200) },
  'POST /forgot-password': { email: required('email', 254) },
  'POST /account/tokens': { name: text(100, false), scope: optional('enum'), expiresInDays: optional('integer') },
  'POST /account/tokens/:id/revoke': {},
  'POST /account/feed-secret': {},
  'POST /account/mail': { mail: { ...required('enum'), label: 'account.mailLegend' } },
  'POST /cycles': {
    programme: required('key', 120),
    period: text(40),
    opensAt: required('date'),
    deadline: required('date'),
  },
  'POST /reports/:id': { version: required('integer'), 'section:calendar': text(100_000, false) },
  'POST /reports/:id/:action{submit|withdraw|approve|accept}': {},
  'POST /reports/:id/return': { comment: { ...text(10_000), label: 'report.returnComment' } },
  'POST /reports/:id/status-proposals': {
    decision: { ...required('enum'), label: 'proposals.decide' },
    entryId: { ...optional('uuid'), label: 'proposals.item' },
  },
  'POST /reports/:id/comments': { entryId: { ...required('uuid'), label: 'proposals.item' }, body: text(5_000) },
  'POST /reports/:id/evidence': { title: text(300), url: required('url', 2_000), file: optional('file') },
  'POST /reports/:id/evidence/:attachment/remove': {},
  'POST /cycles/:id/edit': {
    introduction: text(50_000, false),
    background: text(50_000, false),
    conclusion: text(50_000, false),
    'title-es': text(500, false),
    'title-en': text(500, false),
    documentSymbol: text(500, false),
    documentDate: optional('date'),
    paper: optional('enum'),
  },
  'POST /meetings': {
    body: required('key', 120),
    kind: required('enum'),
    title: text(500),
    startsAt: required('date'),
    endsAt: required('date'),
    location: text(500, false),
    description: text(20_000, false),
  },
  'POST /meetings/:id/edit': {
    kind: required('enum'),
    title: text(500),
    description: text(20_000, false),
    startsAt: required('date'),
    endsAt: required('date'),
    location: text(500, false),
    guests: optional('email', 254),
  },
  'POST /meetings/:id/agreements': {
    text: text(10_000),
    owner: required('key', 120),
    items: optional('codes'),
    dueDate: optional('date'),
  },
  'POST /meetings/:id/agenda': { title: text(1_000), item: optional('codes') },
  'POST /meetings/:id/agenda/:itemId/remove': {},
  'POST /meetings/:id/documents/:documentId/remove': {},
  'POST /meetings/:id/documents': {
    kind: required('enum'),
    title: text(300),
    url: required('url', 2_000),
    file: optional('file'),
  },
  'POST /meetings/:id/state': { state: required('enum') },
  'POST /library': {
    title: text(500),
    summary: text(5_000, false),
    type: required('enum'),
    languages: required('enum'),
    url: required('url', 2_000),
    issuedOn: optional('date'),
    visibility: optional('enum'),
    file: optional('file'),
  },
  'POST /library/documents/:id': {
    title: text(500),
    summary: text(5_000, false),
    type: required('enum'),
    languages: required('enum'),
    url: optional('url', 2_000),
    issuedOn: optional('date'),
    visibility: optional('enum'),
  },
  'POST /library/best-practices': {
    title: text(300),
    actor: required('key', 120),
    summary: text(5_000, false),
    done: text(20_000, false),
    results: text(20_000, false),
    periodStart: optional('date'),
    periodEnd: optional('date'),
    language: optional('enum'),
    visibility: optional('enum'),
  },
  'POST /library/best-practices/:id': {
    title: text(300),
    actor: required('key', 120),
    summary: text(5_000, false),
    done: text(20_000, false),
    results: text(20_000, false),
    periodStart: optional('date'),
    periodEnd: optional('date'),
    language: optional('enum'),
    visibility: optional('enum'),
  },
  'POST /library/best-practices/:id/publish': {},
  'POST /library/best-practices/:id/discard': {},
  'POST /library/legislation': {
    country: required('key', 60),
    title: text(500),
    kind: required('enum'),
    number: text(100, false),
    adoptedOn: optional('date'),
    status: optional('enum'),
    amendedBy: text(500, false),
    url: optional('url', 2_000),
    language: optional('enum'),
    visibility: optional('enum'),
  },
  'POST /library/legislation/:id': {
    country: required('key', 60),
    title: text(500),
    kind: required('enum'),
    number: text(100, false),
    adoptedOn: optional('date'),
    status: optional('enum'),
    amendedBy: text(500, false),
    url: optional('url', 2_000),
    language: optional('enum'),
    visibility: optional('enum'),
  },
  'POST /library/legislation/:id/publish': {},
  'POST /library/legislation/:id/discard': {},
  'POST /library/legislation/topics': { key: required('key', 60), 'name.es': text(120, false) },
  'POST /agreements/:id/status': { status: required('enum'), note: text(10_000), date: optional('date') },
  'POST /programmes/new': {
    slug: required('key', 80),
    titleEs: text(500, false),
    adoptionDate: optional('date'),
    status: optional('enum'),
  },
  'POST /programmes/:slug/import': { file: required('file') },
  'POST /imports/:id/mapping': { headerRow: optional('integer'), role0: required('enum') },
  'POST /imports/:id/commit': {},
  'POST /programmes/:slug/editions/new': { slug: required('key', 80), edition: text(60) },
  'POST /admin/users': {
    email: required('email', 254),
    name: text(200),
    locale: required('enum'),
    role: required('enum'),
    actorId: optional('uuid'),
  },
  'POST /admin/users/:id/active': { active: required('enum') },
  'POST /admin/users/:id/invitation': {},
  'POST /admin/users/:id/grants': { role: required('enum'), actorId: optional('uuid') },
  'POST /admin/users/:id/grants/:grantId/remove': {},
  'POST /admin/users/:id/tokens/:tokenId/revoke': {},
  'POST /cycles/:id/:action{open|close|publish}': {},
  'POST /cycles/:id/:action{reopen|unpublish}': { reason: text(2_000) },
  'POST /cycles/:id/reminders': { actor: text(200, false) },
  'POST /cycles/:id/addressees': { actor: text(200) },
  'POST /cycles/:id/addressees/:actor/remove': {},
};

/** Values a form field must refuse; `undefined` leaves the field out. */
function badFormValue(field: FormField): fc.Arbitrary<string | File | undefined> {
  if (field.kind === 'file') return badFile;
  const options: fc.Arbitrary<string | File | undefined>[] = [];
  if (field.required) options.push(fc.constantFrom(undefined, '', '   ', '\t\n'));
  if (field.max !== undefined) options.push(overlong(field.max));
  const byKind: Partial<Record<FormField['kind'], fc.Arbitrary<string>>> = {
    enum: junk,
    key: junk,
    date: badDate,
    email: badEmail,
    url: badUrl,
    uuid: fc.oneof(junk, notUuid),
    integer: badInteger,
    password: fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 11 }).map((s) => s.replace(/\s/g, 'x')),
    codes: junk.map((s) => `ZZ.${s}`),
  };
  const kind = byKind[field.kind];
  if (kind) options.push(kind);
  return fc.oneof(...options);
}

/** Files no upload accepts: a program, or content that is not what its name says. */
const badFile = fc
  .constantFrom(
    () => new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0])], 'tool.exe'),
    () => new File(['<html><script>alert(1)</script></html>'], 'informe.pdf'),
    () => new File(['%PDF-1.4 but not really'], 'imagen.png'),
  )
  .map((make) => make());
const goodFile = () => new File(['%PDF-1.4\n%test\n'], 'informe.pdf');

const garbledTail = fc.constantFrom(
  '',
  '&%ZZ=%E0%A4%A',
  '&&&==&',
  '&=x',
  '&x[]=1&x[]=2',
  '&_csrf=junk',
  `&${'k'.repeat(2000)}=v`,
  '&a=%F0%9F%92',
);
const FORM_TYPES = [
  'application/x-www-form-urlencoded',
  'application/x-www-form-urlencoded; charset=latin1',
  'application/x-www-form-urlencoded;charset=utf-16',
  'application/x-www-form-urlencoded; charset="utf-8"; boundary=x',
];

function encodeForm(entries: [string, string][], tail: string): string {
  return entries.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&') + tail;
}

function formFaults(route: string, sample: Record<string, string>): fc.Arbitrary<Partial<Sent>> | null {
  const fields = Object.entries(FORMS[route] ?? {});
  if (fields.length === 0) return null;
  const garbledMultipart = fc.constantFrom(
    { type: 'multipart/form-data; boundary=xyz', body: 'not a multipart body' },
    { type: 'multipart/form-data', body: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--' },
    { type: 'multipart/form-data; boundary=xyz', body: '--xyz\r\nContent-Disposition: form-data\r\n\r\n' },
    { type: 'multipart/form-data; boundary=', body: '--\r\n\r\n' },
  );
  const faults: fc.Arbitrary<Partial<Sent>>[] = [
    fc
      .tuple(fc.constantFrom(...fields), fc.nat(), garbledTail, fc.constantFrom(...FORM_TYPES), fc.boolean())
      .chain(([[name, field], duplicate, tail, type, multipart]) =>
        badFormValue(field).map((value): Partial<Sent> => {
          const entries: [string, string | File][] = Object.entries(sample).filter(([k]) => k !== name);
          if (value !== undefined) {
            // The browser's last value wins; a valid one before it must not.
            if (duplicate % 3 === 1 && sample[name] !== undefined) entries.push([name, sample[name]]);
            if (duplicate % 3 === 2) entries.push([name, value]);
            entries.push([name, value]);
          }
          entries.push(['x-unknown', 'ignored']);
          const shown = value instanceof File ? `file ${value.name}` : JSON.stringify(value)?.slice(0, 60);
          const note = `${name} = ${shown}${multipart ? ' (multipart)' : ''}`;
          if (multipart || value instanceof File) {
            const form = new FormData();
            for (const [k, v] of entries) form.append(k, v);
            return { body: form, headers: {}, note, field: name, label: field.label };
          }
          return {
            body: encodeForm(entries as [string, string][], tail),
            headers: { 'content-type': type },
            note,
            field: name,
            label: field.label,
          };
        }),
      ),
    garbledMultipart.map(({ type, body }) => ({
      body,
      headers: { 'content-type': type },
      note: `garbled multipart (${type})`,
      field: 'body',
      wholeBody: true,
    })),
  ];
  if (fields.some(([, f]) => f.required))
    faults.push(
      fc
        .constantFrom(
          { type: 'application/json', body: JSON.stringify(sample) },
          { type: 'text/plain', body: encodeForm(Object.entries(sample), '') },
          { type: 'application/x-www-form-urlencoded', body: '' },
        )
        .map(({ type, body }) => ({
          body,
          headers: { 'content-type': type },
          note: `the form sent as ${type}${body ? '' : ', empty'}`,
          field: null,
        })),
    );
  return fc.oneof(...faults);
}

// ---------------------------------------------------------------------------
// Path ids
// ---------------------------------------------------------------------------

/** Values of a path segment that no parameter of the application accepts. */
const badSegment = fc.oneof(
  junk.map((s) => encodeURIComponent(s)),
  fc.integer({ min: 121, max: 4000 }).map((n) => 'a'.repeat(n)),
  fc.uuid().map((u) => `${u}${'0'.repeat(100)}`),
  fc.constantFrom('%E0%A4%A', '%00', '%ZZ', '%C0%AF', '%uFFFF', 'a%2Fb', '%252e%252e', '%0d%0aSet-Cookie:x=1'),
);
/** Segments that change which route is reached (dot segments, separators): any refusal will do. */
const reroutingSegment = fc.constantFrom('..', '.', '%2e%2e', '%2E.', '', 'a/b', 'a?b=1', '#x', 'a\\..\\b', '..;');

type PathParam = { name: string; index: number; strict: boolean; uuid: boolean };

function pathParams(route: string, url: string, doc: OpenApi): PathParam[] {
  const pattern = route.split(' ')[1] as string;
  const segments = pattern.split('/');
  const values = url.split('?')[0]?.split('/') ?? [];
  const op = operation(doc, route);
  return segments.flatMap((segment, index) => {
    if (!segment.startsWith(':')) return [];
    const name = segment.slice(1).replace(/\{.*\}$/, '');
    const regex = segment.includes('{');
    const value = values[index] ?? '';
    const schema = op?.parameters?.find((p) => p.in === 'path' && p.name === name)?.schema;
    // The API validates every path parameter; pages validate the ids (UUIDs).
    const strict = !regex && (schema !== undefined || UUID.test(value));
    return [{ name, index, strict, uuid: schema?.format === 'uuid' || (!schema && UUID.test(value)) }];
  });
}

/** The API operation of a route (`undefined` for pages), from the OpenAPI document. */
function operation(doc: OpenApi, route: string) {
  const [method, pattern] = route.split(' ') as [string, string];
  if (!pattern.startsWith('/api/v1/')) return undefined;
  const path = pattern.replace(/^\/api\/v1/, '').replace(/:(\w+)(\{[^}]*\})?/g, '{$1}');
  return doc.paths[path]?.[method.toLowerCase()];
}

// ---------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------

/** Query parameters the pages read; garbling one that a page ignores is harmless noise. */
const PAGE_QUERY = [
  'lang',
  'next',
  'done',
  'view',
  'level',
  'actor',
  'status',
  'q',
  'type',
  'state',
  'month',
  'when',
  'body',
  'kind',
  'item',
  'page',
  'entityType',
  'token',
  'invited',
  'saved',
];
const hugeValue = fc.integer({ min: 1000, max: 20_000 }).map((n) => 'q'.repeat(n));
const unknownParams = fc.array(
  fc.tuple(
    fc.string({ minLength: 1, maxLength: 8 }).map((k) => `zz${k}`),
    fc.oneof(junk, hugeValue, fc.constant('')),
  ),
  { maxLength: 3 },
);
/** Values that are odd but may be valid: they must never make a read fail. */
const oddQueryValue = fc.constantFrom(
  '\u0000',
  'a\u0000b',
  '\\',
  '%',
  '_',
  '%_\\',
  "'",
  '"',
  '\u202e',
  '0',
  '-0',
  '1e999',
  ' ',
  'NULL',
  '[]',
  '{}',
  'ñ',
);
/** Raw bytes after the query: broken percent-encoding, empty pairs. */
const rawQueryTail = fc.constantFrom('', '&%ZZ=%E0%A4%A', '&zz=%ED%A0%80', '&&&==&', '&=x', '&zz%00=1', '&zz=%C0%AF');
/** Values a declared query parameter must refuse (any value will do for the pages' parameters). */
function badQueryValue(schema: Schema | undefined): fc.Arbitrary<string> {
  if (!schema) return fc.oneof(junk, badDate, hugeValue);
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  const options: fc.Arbitrary<string>[] = [];
  if (schema.enum || schema.pattern || schema.format) options.push(junk);
  if (schema.format === 'date') options.push(badDate);
  if (schema.format === 'uuid') options.push(notUuid);
  if (schema.maxLength !== undefined) options.push(overlong(schema.maxLength));
  if (types.includes('integer'))
    options.push(fc.constantFrom('-1', '1.5', 'abc', '1e999', '99999999999999999999', '½', 'NaN'));
  return fc.oneof(...options);
}

// ---------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------

/** Header values (ISO-8859-1, no line breaks) that are not what the header should hold. */
const headerJunk = fc.oneof(
  fc.string({
    unit: fc
      .integer({ min: 0x20, max: 0xff })
      .filter((c) => c < 0x7f || c > 0x9f)
      .map((c) => String.fromCharCode(c)),
    maxLength: 40,
  }),
  fc.constantFrom('', ' ', ';;;', '=', 'a=b=c', '"', '%E0%A4%A', 'ñ', '*', 'W/', '\t'),
  fc.integer({ min: 1000, max: 8000 }).map((n) => 'h'.repeat(n)),
);
const badBearer = fc.oneof(
  fc.constantFrom(
    'Bearer',
    'Bearer ',
    'bearer x',
    'Basic dXNlcjpwYXNz',
    `Bearer ${'A'.repeat(43)}`,
    'Bearer enl_000000000000',
  ),
  headerJunk.map((h) => `Bearer ${h}`),
  headerJunk,
);
const cookieJunk = fc.oneof(
  headerJunk,
  headerJunk.map((h) => `enlace_session=${h}; lang=${h}`),
  fc.constantFrom(
    'enlace_session=%E0%A4%A',
    `enlace_session=${'A'.repeat(40)}`,
    `enlace_session=${'A'.repeat(40)}; enlace_session=x`,
    'lang=%ZZ; lang=xx',
    '=;=;',
    'a=%',
  ),
);
const noiseHeaders = fc.record(
  {
    'accept-language': headerJunk,
    cookie: cookieJunk,
    'if-none-match': headerJunk,
    'x-csrf-token': headerJunk,
    range: fc.constantFrom('bytes=9999999-', 'bytes=-1', 'junk'),
    'content-type': fc.constantFrom(
      'application/json; charset=utf-16',
      'text/html; charset=ebcdic',
      'multipart/form-data',
    ),
  },
  { requiredKeys: [] },
);

// ---------------------------------------------------------------------------
// Regression cases: counterexamples kept in malformed-input.regressions.ts
// ---------------------------------------------------------------------------

/** Values of a row that change from one run to the next: ids and tokens. */
const VOLATILE = /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{20,})$/i;

/** A row's ids and tokens, by the placeholder a regression case writes in their place (`{:id}`, `{body.actorId}`). */
function volatileValues(route: string, row: Row): Map<string, string> {
  const values = new Map<string, string>();
  const [path, query = ''] = row.url.split('?') as [string, string | undefined];
  const segments = path.split('/');
  for (const [i, segment] of (route.split(' ')[1] as string).split('/').entries()) {
    const value = segments[i] ?? '';
    if (segment.startsWith(':') && VOLATILE.test(value))
      values.set(`{:${segment.slice(1).replace(/\{.*$/, '')}}`, value);
  }
  for (const [name, value] of new URLSearchParams(query))
    if (VOLATILE.test(value)) values.set(`{query.${name}}`, value);
  const leaves = (value: unknown, at: string) => {
    if (typeof value === 'string') {
      if (VOLATILE.test(value)) values.set(`{${at}}`, value);
    } else if (value !== null && typeof value === 'object') {
      for (const [key, inner] of Object.entries(value)) leaves(inner, `${at}.${key}`);
    }
  };
  leaves(row.body, 'body');
  leaves(row.form, 'form');
  return values;
}

const hide = (text: string, values: Map<string, string>) =>
  [...values].reduce((t, [placeholder, value]) => t.replaceAll(value, placeholder), text);

function reveal(text: string, values: Map<string, string>, route: string): string {
  return text.replace(/\{(?::\w+|(?:query|body|form)\.[^}]+)\}/g, (placeholder) => {
    const value = values.get(placeholder);
    if (value === undefined) throw new Error(`${route}: the route table's row has no ${placeholder} any more`);
    return value;
  });
}

/** The first query parameter holding U+0000, named as the answer names it (a NUL in a name written `\u0000`). */
function queryParamWithNul(url: string): string | null {
  for (const [name, value] of new URL(url, 'http://localhost').searchParams)
    if (name.includes('\u0000') || value.includes('\u0000')) return name.replaceAll('\u0000', '\\u0000');
  return null;
}

/** Prints a counterexample in the form malformed-input.regressions.ts keeps (keys unquoted, as Biome writes them). */
function printRegression(kept: RegressionCase) {
  const literal = JSON.stringify(kept, null, 2).replace(/^(\s*)"([A-Za-z_$][\w$]*)":/gm, '$1$2:');
  console.error(
    `malformed input: a counterexample for ${kept.route}. Fix what it found, then keep it at the end of ` +
      `REGRESSIONS in test/integration/malformed-input.regressions.ts:\n${literal},`,
  );
}

// ---------------------------------------------------------------------------
// The properties
// ---------------------------------------------------------------------------

/** Whoever the table lets through: the secretariat when it can, else the role marked `ok`. */
function callerOf(row: Row): Role {
  const order: Role[] = ['secretariat', 'focalPoint', 'validator', 'member', 'otherFocalPoint', 'otherValidator'];
  const passes = (role: Role) => ['ok', 'public'].includes(String(row.expect[role] ?? row.expect.rest));
  return order.find(passes) ?? 'anonymous';
}

/** Heavy downloads are rendered only when a request reaches them; noise-only reads leave them out. */
const HEAVY = /(report|export)\.(docx|xlsx)$/;

describe.each(dialects())('malformed input on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let cast: Cast;
  let table: RouteTable;
  let doc: OpenApi;

  const tokensDigest = async () =>
    (
      (await database.db.execute(sql`select id, user_id, name, revoked_at from api_tokens order by id`)) as unknown as {
        rows: unknown[];
      }
    ).rows;
  let before: { tables: Awaited<ReturnType<typeof databaseDigest>>; tokens: unknown[] };

  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    cast = await buildCast(database.db);
    table = await buildRouteTable(database.db, cast);
    doc = (await (await web.get('/api/v1/openapi.json')).json()) as OpenApi;
    before = { tables: await databaseDigest(database.db, CHANGE_ON_READS), tokens: await tokensDigest() };
  });
  afterAll(async () => {
    await database?.close();
  });

  async function expectNothingWritten() {
    expect(await databaseDigest(database.db, CHANGE_ON_READS)).toEqual(before.tables);
    expect(await tokensDigest()).toEqual(before.tokens);
  }

  /** The request a row describes, as its caller, with `change` applied. */
  function sample(route: string, row: Row, locale: [string, Locale]): Sent {
    const method = route.split(' ')[0] as string;
    const caller = cast[callerOf(row)];
    const headers: Record<string, string> = { ...(caller?.auth ?? {}), 'accept-language': locale[0] };
    let body: string | undefined;
    if (row.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(row.body);
    } else if (row.form !== undefined) {
      headers['content-type'] = 'application/x-www-form-urlencoded';
      body = new URLSearchParams(row.form).toString();
    }
    if (route.startsWith('PATCH /api/v1/reports/')) headers['if-match'] = '1';
    return { route, method, url: row.url, headers, body, locale: locale[1], note: 'sample' };
  }

  const rows = () => Object.entries(table);

  /** Runs a property over the requests it draws, collecting a counterexample instead of stopping at the first route that fails. */
  async function holds(failures: string[], kind: string, route: string, requests: fc.Arbitrary<Sent>, numRuns: number) {
    const details = await fc.check(
      fc.asyncProperty(requests, (sent) => expectRefused(web, sent)),
      runsOf(SEED, `${kind} ${route}`, numRuns),
    );
    if (!details.failed) return;
    const error = details.errorInstance as Error | undefined;
    const answer = error?.message.match(/^→ (\d{3})[\s\S]*?: (expected [^\n]*)/m);
    const found = answer ? `answered ${answer[1]}, ${answer[2]}` : (error?.message.split('\n')[0] ?? '');
    failures.push(`${kind} ${route} (seed ${details.seed}, path ${details.counterexamplePath}):\n${error?.message}`);
    const sent = details.counterexample?.[0];
    const row = table[route];
    if (sent && row) printRegression(await asRegressionCase(sent, row, found));
  }

  /** A counterexample as a case of malformed-input.regressions.ts, with the row's ids as placeholders. */
  async function asRegressionCase(sent: Sent, row: Row, found: string): Promise<RegressionCase> {
    const values = volatileValues(sent.route, row);
    const credentials: Record<string, string> = cast[callerOf(row)]?.auth ?? {};
    const asCaller = Object.entries(credentials).every(([name, value]) => sent.headers[name] === value);
    const headers = Object.fromEntries(
      Object.entries(sent.headers)
        .filter(([name]) => !(asCaller && name in credentials))
        .map(([name, value]) => [name, hide(value, values)]),
    );
    let body: RegressionCase['body'];
    if (typeof sent.body === 'string') body = hide(sent.body, values);
    else if (sent.body instanceof Uint8Array) body = { bytes: hide(new TextDecoder().decode(sent.body), values) };
    else if (sent.body instanceof FormData) {
      const parts: [string, string | { file: string; type?: string; base64: string }][] = [];
      for (const [name, value] of sent.body) {
        if (typeof value === 'string') parts.push([name, hide(value, values)]);
        else {
          const base64 = Buffer.from(await value.arrayBuffer()).toString('base64');
          parts.push([name, { file: value.name, ...(value.type ? { type: value.type } : {}), base64 }]);
        }
      }
      body = { multipart: parts };
    }
    const { route, note, field, status, mayPass, wholeBody, label, locale } = sent;
    const expected = { note, field, status, mayPass, wholeBody, label, locale };
    return {
      route,
      found: `${fuzzing ? 'npm run test:fuzz' : 'npm test'} with seed ${SEED}: ${found.slice(0, 200)}`,
      url: hide(sent.url, values),
      asCaller,
      headers,
      ...(body === undefined ? {} : { body }),
      ...(Object.fromEntries(Object.entries(expected).filter(([, v]) => v !== undefined)) as typeof expected),
    };
  }

  /** The request a regression case describes, with this run's ids and credentials. */
  function fromRegressionCase(kept: RegressionCase, row: Row): Sent {
    const values = volatileValues(kept.route, row);
    const show = (text: string) => reveal(text, values, kept.route);
    const credentials = kept.asCaller ? (cast[callerOf(row)]?.auth ?? {}) : {};
    const headers = {
      ...credentials,
      ...Object.fromEntries(Object.entries(kept.headers).map(([k, v]) => [k, show(v)])),
    };
    let body: BodyInit | undefined;
    if (typeof kept.body === 'string') body = show(kept.body);
    else if (kept.body && 'bytes' in kept.body) body = new TextEncoder().encode(show(kept.body.bytes));
    else if (kept.body) {
      const form = new FormData();
      for (const [name, value] of kept.body.multipart) {
        if (typeof value === 'string') form.append(name, show(value));
        else form.append(name, new File([Buffer.from(value.base64, 'base64')], value.file, { type: value.type ?? '' }));
      }
      body = form;
    }
    const { route, note, field, status, mayPass, wholeBody, label, locale } = kept;
    const method = route.split(' ')[0] as string;
    return {
      route,
      method,
      url: show(kept.url),
      headers,
      body,
      note,
      field,
      status,
      mayPass,
      wholeBody,
      label,
      locale,
    };
  }

  it('has a malformed-input case for every route of the application', () => {
    const routes = routeKeys(web.app.routes);
    expect([...routes].filter((r) => !(r in table)).sort()).toEqual([]);
    const forms = rows()
      .filter(([, row]) => row.form !== undefined)
      .map(([route]) => route);
    expect(forms.filter((r) => !(r in FORMS)).sort()).toEqual([]);
    const bodies = rows()
      .filter(([, row]) => row.body !== undefined)
      .map(([route]) => route);
    const undocumented = bodies.filter((r) => !operation(doc, r)?.requestBody?.content['application/json']);
    expect(undocumented).toEqual([]);
  });

  it('answers every request the properties once found answered wrongly as it must now', async () => {
    const failures: string[] = [];
    for (const kept of REGRESSIONS) {
      const row = table[kept.route];
      if (!row) {
        failures.push(`${kept.route}: no longer in the route table; move the case to the route it belongs to`);
        continue;
      }
      try {
        await expectRefused(web, fromRegressionCase(kept, row));
      } catch (err) {
        failures.push(`${kept.route} — ${kept.found}\n${(err as Error).message}`);
      }
    }
    expect(failures).toEqual([]);
    await expectNothingWritten();
  });

  /** The route's sample request with its body (and content type) replaced by each generated fault: always refused. */
  const withBodyFault = (route: string, row: Row, faults: fc.Arbitrary<Partial<Sent>>) =>
    fc.tuple(language, faults).map(([locale, fault]): Sent => {
      const base = sample(route, row, locale);
      const { 'content-type': _, ...headers } = base.headers;
      return { ...base, ...fault, headers: { ...headers, ...fault.headers } };
    });

  it(
    'refuses malformed JSON bodies, naming the field',
    async () => {
      const failures: string[] = [];
      for (const [route, row] of rows()) {
        if (row.body === undefined) continue;
        const schema = operation(doc, route)?.requestBody?.content['application/json']?.schema as Schema;
        const multipart = operation(doc, route)?.requestBody?.content['multipart/form-data']?.schema;
        const json = jsonBodyFaults(doc, schema, row.body as Record<string, unknown>);
        const faults = multipart ? fc.oneof(json, multipartFaults(doc, multipart)) : json;
        await holds(failures, 'body', route, withBodyFault(route, row, faults), RUNS.body);
      }
      expect.soft(failures).toEqual([]);
      await expectNothingWritten();
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'refuses malformed forms, showing the field',
    async () => {
      const failures: string[] = [];
      for (const [route, row] of rows()) {
        if (row.form === undefined) continue;
        const faults = formFaults(route, row.form);
        if (!faults) continue;
        await holds(failures, 'form', route, withBodyFault(route, row, faults), RUNS.form);
      }
      expect.soft(failures).toEqual([]);
      await expectNothingWritten();
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'refuses malformed ids in the path, naming them',
    async () => {
      const failures: string[] = [];
      for (const [route, row] of rows()) {
        const params = pathParams(route, row.url, doc);
        if (params.length === 0) continue;
        const [path, query] = row.url.split('?') as [string, string | undefined];
        const fault = fc.constantFrom(...params).chain((param) =>
          fc.oneof(
            badSegment.map((segment) => ({ param, segment, strict: param.strict })),
            (param.uuid ? notUuid : junk).map((s) => ({ param, segment: encodeURIComponent(s), strict: param.strict })),
            reroutingSegment.map((segment) => ({ param, segment, strict: false })),
          ),
        );
        const requests = fc.tuple(language, fault).map(([locale, { param, segment, strict }]): Sent => {
          const base = sample(route, row, locale);
          const segments = path.split('/');
          segments[param.index] = segment;
          return {
            ...base,
            url: segments.join('/') + (query ? `?${query}` : ''),
            note: `${param.name} = ${segment.slice(0, 80)}`,
            ...(strict ? { field: param.name, status: 400 } : {}),
            mayPass: base.method === 'GET' && !strict,
          };
        });
        await holds(failures, 'path', route, requests, RUNS.path);
      }
      expect.soft(failures).toEqual([]);
      await expectNothingWritten();
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'answers malformed query strings without failing, naming a refused parameter',
    async () => {
      const failures: string[] = [];
      for (const [route, row] of rows()) {
        const [method, pattern] = route.split(' ') as [string, string];
        if (method !== 'GET') continue;
        const [path, query = ''] = row.url.split('?') as [string, string | undefined];
        const declared = (operation(doc, route)?.parameters ?? []).filter((p) => p.in === 'query');
        const api = pattern.startsWith('/api/');
        const known = api ? declared.map((p) => p.name) : PAGE_QUERY;
        // A refused value of a declared parameter: the API answers 400 naming it.
        const refused = known.length
          ? [
              fc.constantFrom(...known).chain((name) =>
                badQueryValue(api ? declared.find((p) => p.name === name)?.schema : undefined).map((value) => ({
                  name,
                  value,
                  strict: api,
                })),
              ),
            ]
          : [];
        // Odd values (NUL, LIKE wildcards, quotes) of any parameter, known or not: never a failure.
        const odd = fc
          .tuple(fc.constantFrom(...known, 'q', 'zz'), oddQueryValue)
          .map(([name, value]) => ({ name, value, strict: false }));
        // Heavy downloads get only values they refuse (odd ones would render the whole document).
        const choices = HEAVY.test(pattern) && refused.length > 0 ? refused : [...refused, odd];
        const fault = fc.record({
          param: fc.oneof(...choices),
          repeat: fc.boolean(),
          unknown: unknownParams,
          tail: rawQueryTail,
        });
        const requests = fc.tuple(language, fault).map(
          ([
            locale,
            {
              param: { name, value, strict },
              repeat,
              unknown,
              tail,
            },
          ]): Sent => {
            const base = sample(route, row, locale);
            const params = new URLSearchParams(query);
            params.delete(name);
            params.append(name, value);
            if (repeat) params.append(name, value);
            for (const [k, v] of unknown) params.append(k, v);
            const url = `${path}?${params.toString()}${tail}`;
            // A NUL anywhere in the query is refused before anything reads it, naming the first parameter holding it.
            const nul = queryParamWithNul(url);
            // The API takes only the parameters its document lists: an unknown one is refused by name.
            const unknownName = api
              ? [...new URLSearchParams(url.slice(url.indexOf('?') + 1)).keys()].find(
                  (k) => k !== '' && !known.includes(k),
                )
              : undefined;
            return {
              ...base,
              url,
              note: `?${name}=${JSON.stringify(value).slice(0, 60)}${repeat ? ' (twice)' : ''}${tail}`,
              field: nul ?? unknownName ?? name,
              // The API validates every declared parameter; pages may ignore a filter they cannot use.
              ...(nul !== null || unknownName !== undefined || strict ? { status: 400 } : { mayPass: true }),
              locale: name === 'lang' ? null : base.locale,
            };
          },
        );
        await holds(failures, 'query', route, requests, RUNS.query);
      }
      expect.soft(failures).toEqual([]);
      await expectNothingWritten();
    },
    PROPERTY_TIMEOUT,
  );

  it(
    'answers malformed headers without failing',
    async () => {
      const failures: string[] = [];
      for (const [route, row] of rows()) {
        const method = route.split(' ')[0] as string;
        const faults: fc.Arbitrary<Partial<Sent> & { junkLanguage?: boolean; anonymous?: boolean }>[] = [
          fc.tuple(badBearer, noiseHeaders).map(([authorization, noise]) => ({
            headers: { ...noise, authorization },
            note: `Authorization: ${authorization.slice(0, 60)}, ${Object.keys(noise).join(', ')}`,
            status: 401,
            junkLanguage: 'accept-language' in noise || 'cookie' in noise,
          })),
        ];
        if (route.startsWith('PATCH /api/v1/reports/'))
          faults.push(
            fc
              .oneof(
                headerJunk.filter((h) => !/^\s*(?:W\/)?"?\d{1,9}"?\s*$/.test(h)),
                fc.constantFrom('99999999999', '1,2', '*', '-1', 'W/', '""'),
              )
              .map((ifMatch) => ({
                headers: { 'if-match': ifMatch },
                note: `If-Match: ${ifMatch.slice(0, 40)}`,
                field: 'If-Match',
                status: 400,
              })),
          );
        if (method === 'GET' && !HEAVY.test(route))
          faults.push(
            noiseHeaders.map((noise) => ({
              headers: noise,
              note: `noise: ${JSON.stringify(noise).slice(0, 200)}`,
              mayPass: true,
              junkLanguage: 'accept-language' in noise || 'cookie' in noise,
            })),
            // No token: a session cookie that is junk, or of no session, is nobody's.
            cookieJunk.map((cookie) => ({
              headers: { cookie },
              note: `anonymous, Cookie: ${cookie.slice(0, 80)}`,
              mayPass: true,
              junkLanguage: true,
              anonymous: true,
            })),
          );
        const requests = fc
          .tuple(language, fc.oneof(...faults))
          .map(([locale, { junkLanguage, anonymous, ...fault }]): Sent => {
            const base = sample(route, row, locale);
            const headers = { ...base.headers, ...fault.headers };
            if (anonymous) delete headers.authorization;
            if (row.body === undefined && row.form === undefined && method !== 'GET') delete headers['content-type'];
            return { ...base, ...fault, headers, locale: junkLanguage ? null : base.locale };
          });
        await holds(failures, 'header', route, requests, RUNS.header);
      }
      expect.soft(failures).toEqual([]);
      await expectNothingWritten();
    },
    PROPERTY_TIMEOUT,
  );
});
