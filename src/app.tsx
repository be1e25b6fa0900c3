/** Assembles the application: middleware, the JSON API, the pages and error handling. */
import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { setCookie } from 'hono/cookie';
import { secureHeaders } from 'hono/secure-headers';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { localPathOr } from './domain/local-path.ts';
import { AppError, invalidInput, notFound } from './errors.ts';
import { authenticate, csrfProtection, isHttps } from './http/auth.ts';
import { compressResponses } from './http/compress.ts';
import type { AppDeps, AppEnv } from './http/env.ts';
import { LANG_COOKIE, requestLocale } from './http/locale.ts';
import { allowedMethodsOf, methodNotAllowed } from './http/method-not-allowed.ts';
import { isMultipart, openMultipartForm } from './http/multipart.ts';
import { refuseNulCharacters } from './http/nul-guard.ts';
import { API_BASE, completeDocument, DOCUMENT_PATH, type OpenApiDocument } from './http/openapi-document.ts';
import { pageCacheMiddleware } from './http/page-cache.ts';
import { currentUrl } from './http/pages.ts';
import { peerPagesMiddleware } from './http/peer-pages.ts';
import { problemResponse, toAppError, wantsJson } from './http/problem.ts';
import { render } from './http/render.tsx';
import { refuseUnknownQueryParameters } from './http/unknown-query.ts';
import { accountApi } from './modules/accounts/account.api.ts';
import { accountPages } from './modules/accounts/account.pages.tsx';
import { actorApi } from './modules/actors/actor.api.ts';
import { actorPages } from './modules/actors/actor.pages.tsx';
import { adminApi } from './modules/admin/admin.api.ts';
import { adminPages } from './modules/admin/admin.pages.tsx';
import { consolidatedApi } from './modules/consolidated/consolidated.api.tsx';
import { bestPracticeApi, legislationApi } from './modules/library/entries.api.ts';
import { entriesPages } from './modules/library/entries.pages.tsx';
import { libraryApi } from './modules/library/library.api.ts';
import { libraryPages } from './modules/library/library.pages.tsx';
import { meetingApi } from './modules/meetings/meeting.api.ts';
import { meetingPages } from './modules/meetings/meeting.pages.tsx';
import { planImportApi } from './modules/plan-import/plan-import.api.ts';
import { planImportPages } from './modules/plan-import/plan-import.pages.tsx';
import { programmeApi } from './modules/programmes/programme.api.ts';
import { programmePages } from './modules/programmes/programme.pages.tsx';
import { programmeEditingApi } from './modules/programmes/programme-editing.api.ts';
import { programmeEditingPages } from './modules/programmes/programme-editing.pages.tsx';
import { programmeEditionsApi } from './modules/programmes/programme-editions.api.ts';
import { programmeEditionPages } from './modules/programmes/programme-editions.pages.tsx';
import { programmeExportApi } from './modules/programmes/programme-export.api.ts';
import { progressApi } from './modules/progress/progress.api.ts';
import { progressPages } from './modules/progress/progress.pages.tsx';
import { evidenceApi, reportingApi } from './modules/reporting/reporting.api.ts';
import { reportingPages } from './modules/reporting/reporting.pages.tsx';
import { searchApi } from './modules/search/search.api.ts';
import { searchPages } from './modules/search/search.pages.tsx';
import { myWorkPages } from './modules/work/my-work.pages.tsx';
import { assets } from './web/assets.ts';
import { ErrorPage } from './web/error.views.tsx';
import { isLocale, negotiateLocale, translator } from './web/i18n/i18n.ts';
import { americasShapes } from './web/map-assets.ts';

const ONE_YEAR = 60 * 60 * 24 * 365;
/** Evidence files are limited to 10 MB each; a request carries at most a little more. */
export const MAX_REQUEST_BYTES = 12 * 1024 * 1024;

export function createApp(deps: AppDeps) {
  const app = new OpenAPIHono<AppEnv>();

  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('principal', null);
    const started = performance.now();
    await next();
    deps.log.debug(
      { method: c.req.method, path: c.req.path, status: c.res.status, ms: Math.round(performance.now() - started) },
      'request',
    );
  });
  // Outermost after the dependencies: a cached answer already carries its headers and compression.
  if (deps.pageCache) app.use(pageCacheMiddleware(deps.pageCache, deps.log));
  // Next, a page kept for a signed-in person's peers: it too carries its headers.
  if (deps.pageCache) app.use(peerPagesMiddleware(deps.pageCache));
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
  app.use(compressResponses);
  app.use(async (c, next) => {
    const locale = requestLocale(c);
    c.set('locale', locale);
    c.set('i18n', translator(locale));
    await next();
    // On the answer's own headers: `c.header` after `next()` has Hono build the answer again, through a web stream.
    c.res.headers.set('Content-Language', locale);
    c.res.headers.append('Vary', 'Accept-Language, Cookie');
  });
  const payloadTooLarge = () => new AppError('payload_too_large', 413, 'error.payloadTooLarge');
  const limitBody = bodyLimit({
    maxSize: MAX_REQUEST_BYTES,
    onError: () => {
      throw payloadTooLarge();
    },
  });
  app.use((c, next) => {
    // A multipart form is counted against the limit as it streams (below), never buffered here first.
    if (isMultipart(c.req.header('content-type'))) return next();
    // A body of a declared length is judged by it, without making a web stream of it as bodyLimit does to look.
    const declared = c.req.header('content-length');
    if (declared !== undefined && c.req.header('transfer-encoding') === undefined) {
      if (Number(declared) > MAX_REQUEST_BYTES) throw payloadTooLarge();
      return next();
    }
    // Neither is a GET's body (the web Request has none), which bodyLimit would have to build a Request to see.
    if (c.req.method === 'GET' || c.req.method === 'HEAD') return next();
    return limitBody(c, next);
  });
  app.use(authenticate);
  // A form body that cannot be read (a broken multipart) is the sender's mistake, refused before anything reads it.
  // A multipart form is read here only up to its first file (the CSRF check below sees a `_csrf` field put before
  // it); the route that takes the upload streams the rest.
  app.use(async (c, next) => {
    const type = c.req.header('content-type');
    if (isMultipart(type)) {
      const form = await openMultipartForm(c, MAX_REQUEST_BYTES);
      try {
        return await next();
      } finally {
        form.discardRest();
      }
    }
    if (/^application\/x-www-form-urlencoded/i.test(type ?? '')) {
      await c.req.parseBody().catch(() => {
        throw invalidInput([{ field: 'body', messageKey: 'error.field.malformedForm' }]);
      });
    }
    await next();
  });
  app.use(csrfProtection);
  app.use(refuseNulCharacters);
  app.use(async (c, next) => {
    await next();
    // Pages for a signed-in user are private: never cached by shared caches.
    if (c.var.principal) c.res.headers.set('Cache-Control', 'private, no-store');
  });

  app.get(assets.cssPath, (c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(assets.css, 200, { 'content-type': 'text/css; charset=utf-8' });
  });
  app.get(assets.jsPath, (c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(assets.js, 200, { 'content-type': 'text/javascript; charset=utf-8' });
  });

  for (const [path, body] of [
    [assets.editorPath, assets.editor],
    [assets.squirePath, assets.squire],
  ] as const) {
    app.get(path, (c) => {
      c.header('Cache-Control', 'public, max-age=31536000, immutable');
      return c.body(body, 200, { 'content-type': 'text/javascript; charset=utf-8' });
    });
  }

  app.get(assets.faviconPath, (c) => {
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(assets.favicon, 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
  });
  // Browsers and crawlers ask for /favicon.ico whatever the page says.
  app.get('/favicon.ico', (c) => c.redirect(assets.faviconPath, 301));

  app.get('/assets/:file{americas\\.[0-9a-f]{12}\\.svg}', (c) => {
    const shapes = americasShapes();
    if (c.req.path !== shapes.path) throw notFound('asset');
    c.header('Cache-Control', 'public, max-age=31536000, immutable');
    return c.body(shapes.body, 200, { 'content-type': 'image/svg+xml; charset=utf-8' });
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
      secure: isHttps(c),
    });
    return c.redirect(localPathOr(c.req.query('next')), 303);
  });

  const api = new OpenAPIHono<AppEnv>();
  api.openAPIRegistry.registerComponent('securitySchemes', 'bearer', { type: 'http', scheme: 'bearer' });
  api.openAPIRegistry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'enlace_session',
  });
  for (const router of [
    programmeApi,
    programmeExportApi,
    programmeEditionsApi,
    programmeEditingApi,
    planImportApi,
    actorApi,
    accountApi,
    reportingApi,
    evidenceApi,
    consolidatedApi,
    progressApi,
    meetingApi,
    libraryApi,
    bestPracticeApi,
    legislationApi,
    searchApi,
    adminApi,
  ]) {
    api.route('/', router);
  }
  let document: OpenApiDocument | undefined;
  // Made on first use: generating it takes time that start-up need not spend.
  const openApiDocument = () => {
    document ??= completeDocument(
      api.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Enlace API',
          version: '1',
          description: 'Follow-up of inter-governmental programmes on migration and the human rights of migrants.',
        },
        security: [{ bearer: [] }, { session: [] }, {}],
      }),
    );
    return document;
  };
  api.get(DOCUMENT_PATH, (c) => c.json(openApiDocument()));
  app.use(`${API_BASE}/*`, refuseUnknownQueryParameters(openApiDocument));
  app.route(API_BASE, api);

  for (const pages of [
    planImportPages,
    programmeEditionPages,
    programmePages,
    programmeEditingPages,
    actorPages,
    accountPages,
    myWorkPages,
    reportingPages,
    progressPages,
    meetingPages,
    libraryPages,
    entriesPages,
    searchPages,
    adminPages,
  ]) {
    app.route('/', pages);
  }

  const allowedMethods = allowedMethodsOf(app.routes);
  app.notFound((c) => {
    const allowed = allowedMethods(c.req.path);
    if (allowed.length === 0) return respondWithError(c, notFound('route'));
    c.header('Allow', allowed.join(', '));
    return respondWithError(c, methodNotAllowed(allowed));
  });
  app.onError((err, c) => respondWithError(c, toAppError(err, c)));
  return app;
}

function respondWithError(c: Context<AppEnv>, error: AppError): Response | Promise<Response> {
  if (!c.var.i18n) c.set('i18n', translator(negotiateLocale(undefined, c.req.header('accept-language'))));
  if (wantsJson(c)) return problemResponse(c, error);
  // A page that needs an account sends the visitor to sign in and back.
  if (error.code === 'unauthenticated' && c.req.method === 'GET') {
    return c.redirect(`/login?next=${encodeURIComponent(currentUrl(c))}`, 303);
  }
  return render(
    c,
    <ErrorPage i18n={c.var.i18n} error={error} currentUrl={currentUrl(c)} />,
    error.status as ContentfulStatusCode,
  );
}

export type App = ReturnType<typeof createApp>;
