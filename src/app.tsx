/** Assembles the application: middleware, the JSON API, the pages and error handling. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { compress } from 'hono/compress';
import { getCookie, setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { type AppError, notFound } from './errors.ts';
import type { AppDeps, AppEnv } from './http/env.ts';
import { currentUrl } from './http/pages.ts';
import { problemResponse, toAppError, wantsJson } from './http/problem.ts';
import { actorPages } from './modules/actors/actor.pages.tsx';
import { actorApi } from './modules/actors/actor.routes.ts';
import { programmePages } from './modules/programmes/programme.pages.tsx';
import { programmeApi } from './modules/programmes/programme.routes.ts';
import { assets } from './web/assets.ts';
import { ErrorPage } from './web/error.views.tsx';
import { isLocale, negotiateLocale, translator } from './web/i18n/i18n.ts';

const LANG_COOKIE = 'lang';
const ONE_YEAR = 60 * 60 * 24 * 365;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.use(async (c, next) => {
    c.set('deps', deps);
    const started = performance.now();
    await next();
    deps.log.debug(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: 'strict-origin-when-cross-origin',
      crossOriginEmbedderPolicy: false,
    }),
  );
  app.use(compress());
  app.use(async (c, next) => {
    const query = c.req.query('lang');
    const locale = isLocale(query)
      ? query
      : negotiateLocale(getCookie(c, LANG_COOKIE), c.req.header('accept-language'));
    c.set('locale', locale);
    c.set('i18n', translator(locale));
    await next();
    c.header('Content-Language', locale);
    c.header('Vary', 'Accept-Language, Cookie', { append: true });
  });

  app.get(assets.cssPath, (c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(assets.css, 200, { 'content-type': 'text/css; charset=utf-8' });
  });

  // The visible language switch: remembers the choice and returns to the page.
  app.get('/lang/:locale', (c) => {
    const locale = c.req.param('locale');
    if (!isLocale(locale)) throw notFound('language');
    setCookie(c, LANG_COOKIE, locale, {
      path: '/',
      maxAge: ONE_YEAR,
      sameSite: 'Lax',
      httpOnly: true,
      secure: new URL(c.req.url).protocol === 'https:',
    });
    const next = c.req.query('next') ?? '/';
    return c.redirect(isLocalPath(next) ? next : '/', 303);
  });

  const api = new OpenAPIHono<AppEnv>();
  api.route('/', programmeApi);
  api.route('/', actorApi);
  api.doc31('/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'Enlace API',
      version: '1',
      description: 'Follow-up of inter-governmental programmes on migration and the human rights of migrants.',
    },
  });
  app.route('/api/v1', api);

  app.route('/', programmePages);
  app.route('/', actorPages);

  app.notFound((c) => respondWithError(c, notFound('route')));
  app.onError((err, c) => respondWithError(c, toAppError(err, c)));
  return app;
}

function respondWithError(c: Context<AppEnv>, error: AppError): Response | Promise<Response> {
  if (!c.var.i18n) c.set('i18n', translator(negotiateLocale(undefined, c.req.header('accept-language'))));
  if (wantsJson(c)) return problemResponse(c, error);
  return c.html(
    <ErrorPage i18n={c.var.i18n} error={error} currentUrl={currentUrl(c)} />,
    error.status as ContentfulStatusCode,
  );
}

/** Only same-site paths: `/x` but not `//evil.example` or `/\evil`. */
export function isLocalPath(value: string): boolean {
  return value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\');
}

export type App = ReturnType<typeof createApp>;
