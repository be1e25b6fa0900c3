/** The application in-process on a loaded database, for HTTP-level tests. */
import { createApp } from '../../src/app.tsx';
import type { Database } from '../../src/db/connect.ts';
import { PageCache } from '../../src/http/page-cache.ts';
import { silentLog } from './databases.ts';
import { PASSWORD } from './factories.ts';

export function appOn(database: Database) {
  const app = createApp({ db: database.db, log: silentLog });
  return {
    app,
    get: (path: string, headers: Record<string, string> = {}) => app.request(path, { headers }),
    json: async <T = unknown>(path: string, headers: Record<string, string> = {}) => {
      const res = await app.request(path, { headers });
      return { status: res.status, type: res.headers.get('content-type') ?? '', body: (await res.json()) as T };
    },
  };
}

/** What the helpers below need of an application: Hono's in-process `request`. */
type InProcess = { request: ReturnType<typeof createApp>['request'] };

export type Sending = {
  json?: unknown;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  /** The client address a per-address limit sees (in-process requests have no socket). */
  address?: string;
};

/** A request to an in-process application with a JSON or form body, from a given address. */
export function sender(app: InProcess, defaultAddress = '192.0.2.1') {
  return (method: string, path: string, options: Sending = {}) =>
    app.request(
      path,
      {
        method,
        redirect: 'manual',
        headers: {
          ...(options.json !== undefined ? { 'content-type': 'application/json' } : {}),
          ...(options.form ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
          ...options.headers,
        },
        body:
          options.json !== undefined
            ? JSON.stringify(options.json)
            : options.form
              ? new URLSearchParams(options.form).toString()
              : undefined,
      },
      { incoming: { socket: { remoteAddress: options.address ?? defaultAddress } } },
    );
}

/** An answer read as an API client reads it: the body parsed when JSON, as text otherwise, null when empty. */
// biome-ignore lint/suspicious/noExplicitAny: a test reads the JSON it expects
export type Answer<T = any> = { status: number; body: T; headers: Headers };

/** JSON requests to an in-process application: `send(method, path, headers, body?)`, the answer read. */
export function jsonSender(app: InProcess) {
  const send = sender(app);
  // biome-ignore lint/suspicious/noExplicitAny: a test reads the JSON it expects
  return async <T = any>(
    method: string,
    path: string,
    headers: Record<string, string> = {},
    body?: unknown,
  ): Promise<Answer<T>> => {
    const res = await send(method, path, { headers, ...(body !== undefined ? { json: body } : {}) });
    const text = await res.text();
    const json = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, body: (text ? (json ? JSON.parse(text) : text) : null) as T, headers: res.headers };
  };
}

export type JsonSend = ReturnType<typeof jsonSender>;

/** A browser signed in: its cookies and the CSRF token its forms carry (empty when the sign-in was refused). */
export type Session = { status: number; cookie: string; csrfToken: string };

/** The cookies an answer sets, as a browser sends them back. */
export const cookiesOf = (res: Response) =>
  res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .join('; ');

/** Signs in like a browser, through the sign-in API, with the cookies it already has and from an address. */
export async function signIn(
  app: InProcess,
  email: string,
  password = PASSWORD,
  options: { cookie?: string; address?: string } = {},
): Promise<Session> {
  const res = await sender(app)('POST', '/api/v1/auth/login', {
    json: { email, password },
    headers: options.cookie ? { cookie: options.cookie } : {},
    address: options.address,
  });
  const body = (await res.json()) as { csrfToken?: string };
  return { status: res.status, cookie: cookiesOf(res), csrfToken: body.csrfToken ?? '' };
}

/** Posts a form as the signed-in browser would (its cookies, its CSRF token); without a session, as a visitor. */
export function postForm(
  app: InProcess,
  path: string,
  fields: Record<string, string>,
  session?: Pick<Session, 'cookie' | 'csrfToken'>,
) {
  return sender(app)('POST', path, {
    form: session ? { _csrf: session.csrfToken, ...fields } : fields,
    headers: session ? { cookie: session.cookie } : {},
  });
}

/**
 * Two instances of Enlace on one database, each with its page cache, and the
 * clock they both read (a test moves it: "within a second" is then certain).
 */
export function cachedInstances(database: Database, startMs = Date.UTC(2026, 2, 10, 9)) {
  const clock = {
    ms: startMs,
    advance(ms: number) {
      clock.ms += ms;
    },
  };
  const app = () =>
    createApp({
      db: database.db,
      log: silentLog,
      pageCache: new PageCache({ maxBytes: 8 * 1024 * 1024, now: () => clock.ms }),
    });
  return { here: app(), there: app(), clock };
}
