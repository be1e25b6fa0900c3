/**
 * The API's OpenAPI document tells the truth: it passes an OpenAPI 3.1
 * validator, names its server and every operation, lists the answers the
 * middleware gives, and decides which query parameters an operation takes;
 * addresses asked with a method they do not take answer 405 with `Allow`.
 * (Every answer of every API test is held to the document by
 * test/support/openapi-conformance.ts; its own failures are tested here.)
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/connect.ts';
import type { OpenApiDocument } from '../../src/http/openapi-document.ts';
import { appOn } from '../support/app.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildUser } from '../support/factories.ts';
import { checkedAgainstDocument } from '../support/openapi-conformance.ts';

type Problem = { status: number; code: string; title: string; errors?: { field: string; message: string }[] };

describe.each(dialects().filter((d) => d.name === 'pglite'))('the OpenAPI document on $name', (dialect) => {
  let database: Database;
  let web: ReturnType<typeof appOn>;
  let doc: OpenApiDocument & { servers: { url: string }[] };
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    web = appOn(database);
    doc = (await (await web.get('/api/v1/openapi.json')).json()) as typeof doc;
  });
  afterAll(async () => {
    await database?.close();
  });

  const operations = () =>
    Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, operation]) => ({ path, method, operation })),
    );

  it('passes an OpenAPI 3.1 validator', async () => {
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('names the server the paths live under, and every operation by a unique operationId', () => {
    expect(doc.servers).toEqual([expect.objectContaining({ url: '/api/v1' })]);
    const ids = operations().map((o) => o.operation.operationId);
    expect(ids.every((id) => typeof id === 'string' && /^[a-z][A-Za-z0-9]+$/.test(id))).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
    expect(doc.paths['/programmes/{slug}/items']?.get?.operationId).toBe('getProgrammesBySlugItems');
  });

  it('documents the answers any operation may give, and a body’s 413 and 415', () => {
    for (const { path, method, operation } of operations()) {
      for (const status of ['400', '401', '403', '404', '405'])
        expect(Object.keys(operation.responses), `${method} ${path}`).toContain(status);
      if (operation.requestBody) expect(Object.keys(operation.responses), `${method} ${path}`).toContain('415');
    }
  });

  it('declares a schema for every JSON answer, never “anything”', () => {
    for (const { path, method, operation } of operations()) {
      for (const [status, response] of Object.entries(operation.responses)) {
        const content = (response as { content?: Record<string, { schema?: object }> }).content ?? {};
        for (const [type, media] of Object.entries(content)) {
          if (!type.endsWith('json')) continue;
          const schema = JSON.stringify(media.schema ?? {});
          expect(schema, `${method} ${path} ${status}`).not.toBe('{}');
          expect(schema, `${method} ${path} ${status}`).not.toMatch(/"additionalProperties":\{\}/);
        }
      }
    }
  });

  it('refuses a query parameter the operation does not take, naming it', async () => {
    const res = await web.get('/api/v1/programmes/programa-interamericano-2016/items?levle=activity', {
      'accept-language': 'en',
    });
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors).toEqual([{ field: 'levle', message: 'This address takes no parameter “levle”' }]);
    expect((await web.get('/api/v1/programmes/programa-interamericano-2016/items?level=activity')).status).toBe(200);
  });

  it('answers a method an address does not take with 405 and Allow, on the API and on pages', async () => {
    const secretariat = await buildUser(database.db, [{ role: 'secretariat' }]);
    // TRACE cannot be written with fetch: over a real socket, as a client would send it.
    const server = serve({ fetch: web.app.fetch, port: 0, hostname: '127.0.0.1' });
    await new Promise<void>((resolve) => server.once('listening', () => resolve()));
    const { port } = server.address() as AddressInfo;
    const trace = await new Promise<http.IncomingMessage>((resolve, reject) =>
      http
        .request({ host: '127.0.0.1', port, method: 'TRACE', path: '/api/v1/programmes' }, resolve)
        .on('error', reject)
        .end(),
    );
    trace.resume();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    expect(trace.statusCode).toBe(405);
    expect(trace.headers.allow).toBe('GET, HEAD, POST');
    expect(trace.headers['content-type']).toMatch(/^application\/problem\+json/);
    const evidence = await web.get('/api/v1/reports/00000000-0000-0000-0000-000000000000/evidence', secretariat.auth);
    expect(evidence.status).toBe(405);
    expect(evidence.headers.get('allow')).toBe('POST');
    const page = await web.app.request('/actors', { method: 'DELETE' });
    expect(page.status).toBe(405);
    expect(page.headers.get('allow')).toBe('GET, HEAD');
    expect(await page.text()).toContain('<html');
    expect((await web.get('/api/v1/no-such-thing')).status).toBe(404);
  });

  describe('the conformance check', () => {
    /** An application answering `answer` for one real operation, with the real document. */
    const fake = (answer: Response) =>
      checkedAgainstDocument({
        fetch: async (request: Request) =>
          new URL(request.url).pathname === '/api/v1/openapi.json' ? Response.json(doc) : answer.clone(),
      });
    const json = (status: number, body: unknown, type = 'application/json') =>
      new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

    it('fails on a status the operation does not document', async () => {
      const app = fake(json(418, { teapot: true }));
      await expect(app.fetch(new Request('http://x/api/v1/actors'))).rejects.toThrow(
        /GET \/actors → 418: status not documented/,
      );
    });

    it('fails on a body that does not match the schema, and on an undocumented content type', async () => {
      await expect(
        fake(json(200, [{ id: 'not-a-uuid' }])).fetch(new Request('http://x/api/v1/actors')),
      ).rejects.toThrow(/body does not match the schema/);
      await expect(
        fake(new Response('<p>hi</p>', { status: 200, headers: { 'content-type': 'text/html' } })).fetch(
          new Request('http://x/api/v1/actors'),
        ),
      ).rejects.toThrow(/content type text\/html not documented/);
    });

    it('passes a documented answer', async () => {
      const real = await web.get('/api/v1/actors');
      const res = await fake(json(200, await real.json())).fetch(new Request('http://x/api/v1/actors'));
      expect(res.status).toBe(200);
    });
  });
});
