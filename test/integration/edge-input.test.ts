/**
 * Input that gave a 500, and what the log keeps of a failure, on PGlite and
 * PostgreSQL: lone UTF-16 surrogates in JSON text, PATCH with nothing to
 * change, a failed query's values and a link's secret kept out of the log,
 * and a client that hangs up logged as what it is.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { sql } from 'drizzle-orm';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createApp } from '../../src/app.tsx';
import { readConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/connect.ts';
import { logSerializers, serializeError } from '../../src/log-serializers.ts';
import { startServer } from '../../src/server.ts';
import { dialects, openLoadedDatabase } from '../support/databases.ts';
import { buildCast, type Cast } from '../support/factories.ts';
import { buildRouteTable, type RouteTable } from '../support/route-table.ts';

type Problem = { status: number; code: string; errors?: { field: string; message: string }[] };

/** A logger like the server's (same serializers) whose lines the test reads. */
function capturingLog() {
  const lines: string[] = [];
  const log = pino(
    { level: 'info', serializers: logSerializers },
    new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    }),
  );
  return { log, lines };
}

describe.each(dialects())('edge input on $name', (dialect) => {
  let database: Database;
  let cast: Cast;
  let table: RouteTable;
  let app: ReturnType<typeof createApp>;
  const logged = capturingLog();
  beforeAll(async () => {
    database = await openLoadedDatabase(dialect);
    cast = await buildCast(database.db);
    table = await buildRouteTable(database.db, cast);
    app = createApp({ db: database.db, log: logged.log });
    // A route that fails the way a real query does: with the values it was given.
    app.get('/test/failing-query', async () => {
      await database.db.execute(sql`select ${`Informe: ${'informe-confidencial '.repeat(2000)}`}::int`);
      return new Response('unreachable');
    });
  });
  afterAll(async () => {
    await database?.close();
  });

  /** A raw JSON body, so that escapes such as `\ud800` reach the server as written. */
  const sendJson = (method: string, url: string, body: string, headers: Record<string, string>) =>
    app.request(url, {
      method,
      headers: { 'content-type': 'application/json', 'accept-language': 'en', ...headers },
      body,
    });

  it.each([
    ['POST', '/api/v1/tokens', '{"name":"x\\ud800y"}', 'name'],
    ['POST', '/api/v1/tokens', '{"name":"\\udfff"}', 'name'],
    ['POST', '/api/v1/users', '{"email":"s@example.org","name":"Ana \\ud83d","grants":[]}', 'name'],
    ['POST', '/api/v1/users', '{"email":"s@example.org","name":"Ana","grants":[],"\\ud800":1}', '\ufffd'],
  ])('refuses a lone surrogate in %s %s with a 400 naming the field', async (method, url, body, field) => {
    const res = await sendJson(method, url, body, cast.secretariat.auth);
    expect(res.status).toBe(400);
    const problem = (await res.json()) as Problem;
    expect(problem.errors?.[0]?.field).toBe(field);
    expect(problem.errors?.[0]?.message).toContain('lone UTF-16 surrogate');
  });

  it('refuses a lone surrogate in a report section and in an entry, and keeps a whole pair', async () => {
    const url = table['PATCH /api/v1/reports/:id']?.url as string;
    const report = (await (await app.request(url, { headers: cast.focalPoint.auth })).json()) as {
      version: number;
      entries: { id: string }[];
    };
    const headers = { ...cast.focalPoint.auth, 'if-match': `"${report.version}"` };
    const section = await sendJson('PATCH', url, '{"sections":{"bestPractices":"<p>a\\udc00b</p>"}}', headers);
    expect(section.status).toBe(400);
    expect(((await section.json()) as Problem).errors?.[0]?.field).toBe('sections.bestPractices');
    const entryId = report.entries[0]?.id as string;
    const entry = await sendJson('PATCH', url, `{"entries":[{"id":"${entryId}","planned":"\\ud800"}]}`, headers);
    expect(entry.status).toBe(400);
    expect(((await entry.json()) as Problem).errors?.[0]?.field).toBe('entries.0.planned');
    // An emoji is a surrogate pair, which is text like any other.
    const pair = await sendJson('PATCH', url, '{"sections":{"calendar":"<p>Marzo \\ud83d\\udcc5</p>"}}', headers);
    expect(pair.status).toBe(200);
  });

  it('answers PATCH with nothing to change on every PATCH route without a 5xx', async () => {
    const patches = Object.entries(table).filter(([key]) => key.startsWith('PATCH '));
    expect(patches.length).toBeGreaterThanOrEqual(6);
    for (const [key, row] of patches) {
      for (const who of [cast.secretariat, cast.focalPoint]) {
        const res = await sendJson('PATCH', row.url, '{}', { ...who.auth, 'if-match': '"1"' });
        expect(res.status, key).toBeLessThan(500);
      }
    }
    const cycle = await sendJson(
      'PATCH',
      table['PATCH /api/v1/cycles/:id']?.url as string,
      '{}',
      cast.secretariat.auth,
    );
    expect(cycle.status).toBe(400);
    const problem = (await cycle.json()) as Problem;
    expect(problem.errors?.[0]?.field).toBe('body');
    expect(problem.errors?.[0]?.message).toMatch(/Nothing to change/);
  });

  it('logs a failed query without the values it carried', async () => {
    logged.lines.length = 0;
    const res = await app.request('/test/failing-query', { headers: { accept: 'text/html' } });
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain('informe-confidencial');
    const line = logged.lines.find((l) => l.includes('unhandled error')) as string;
    expect(line).toBeDefined();
    // At most the start of the value, as PostgreSQL quoted it in its message, never the whole of it.
    expect(line.split('informe-confidencial').length - 1).toBeLessThanOrEqual(2);
    expect(line.length).toBeLessThan(4000);
    expect(JSON.parse(line).err.message).toMatch(/^Failed query: select \$1::int/);
  });
});

describe('what a logged error keeps', () => {
  it('cuts the parameters of a query error, masks one-time links, and keeps codes and the cause', () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer'), {
      code: '22P02',
      severity: 'ERROR',
    });
    const err = new Error(`Failed query: update reports set sections = $1\nparams: ${'x'.repeat(100_000)}`, { cause });
    const logged = serializeError(err);
    expect(logged.message).toBe('Failed query: update reports set sections = $1');
    expect(logged.cause).toMatchObject({ message: 'invalid input syntax for type integer', code: '22P02' });
    expect(JSON.stringify(logged).length).toBeLessThan(3000);
    const link = serializeError(
      new Error('could not send http://e.example/reset-password/AbCdEfGhIjKlMnOpQrStUvWxYz012345'),
    );
    expect(link.message).not.toContain('AbCdEfGhIjKlMnOpQrStUvWxYz');
    expect(serializeError('plain').message).toBe('plain');
  });
});

describe('a client that hangs up', () => {
  const logged = capturingLog();
  let dataDir: string;
  let server: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'enlace-hangup-'));
    server = await startServer(
      readConfig({
        ENLACE_DATA_DIR: dataDir,
        PORT: '0',
        HOST: '127.0.0.1',
        ENLACE_JOBS: 'off',
        ENLACE_SNAPSHOTS: 'off',
        ENLACE_ADMIN_PASSWORD: 'not-used-in-these-tests',
      }),
      logged.log,
    );
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is logged as a disconnection, not as an error', async () => {
    const { port } = new URL(server.url);
    const partial =
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n{"email":';
    const socket = net.connect(Number(port), '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    socket.write(partial);
    // Hang up once the server has started reading the request.
    await vi.waitFor(() => expect(socket.bytesWritten).toBe(Buffer.byteLength(partial)), { timeout: 10_000 });
    socket.destroy();
    await vi.waitFor(() => expect(logged.lines.join('')).toContain('client disconnected before the answer'), {
      timeout: 20_000,
    });
    const errors = logged.lines
      .map((l) => JSON.parse(l) as { level: number; msg: string })
      .filter((l) => l.level >= 50);
    expect(errors).toEqual([]);
  });
});
