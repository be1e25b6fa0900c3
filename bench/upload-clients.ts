/**
 * The uploading side of the uploads benchmark, in a process of its own so
 * that sending 10 MB bodies never delays the page latencies the benchmark
 * measures: each focal point uploads a 10 MB PDF as evidence through the API
 * and, once it is stored, removes it straight from the database (so the report
 * stays under its quota and the server does no more than the uploads), over
 * and over, until told to stop. Forked by bench/uploads.ts with
 * `{ url, databaseUrl, uploaders, size }`; answers `started` once each has
 * stored a file, then on `stop` `{ times }`: the milliseconds of each upload
 * begun after `started`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import http from 'node:http';
import pg from 'pg';

export type Uploader = { reportId: string; auth: Record<string, string> };
export type ClientsTask = { url: string; databaseUrl: string; uploaders: Uploader[]; size: number };

/** A multipart body with one PDF of `size` bytes, built once and sent as it is by every upload. */
function multipartPdf(size: number): { body: Buffer; type: string } {
  const boundary = `----enlace-bench-${randomUUID()}`;
  const file = randomBytes(size);
  file.write('%PDF-1.7\n', 0, 'latin1');
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="evidencia.pdf"\r\n` +
      'Content-Type: application/pdf\r\n\r\n',
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  return { body: Buffer.concat([head, file, tail]), type: `multipart/form-data; boundary=${boundary}` };
}

function post(url: string, headers: Record<string, string>, body: Buffer): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: 'POST', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function run(task: ClientsTask) {
  const file = multipartPdf(task.size);
  const sql = new pg.Pool({ connectionString: task.databaseUrl, max: task.uploaders.length });
  let running = true;
  let started = 0;
  /** From the moment every uploader has stored a file: the uploads timed are those that start after it. */
  let measuring = false;
  const times: number[] = [];
  process.on('message', (message) => {
    if (message === 'stop') running = false;
  });
  await Promise.all(
    task.uploaders.map(async (u, i) => {
      for (let n = 0; running; n++) {
        const timed = measuring;
        const t0 = performance.now();
        const added = await post(
          `${task.url}/api/v1/reports/${u.reportId}/evidence`,
          { ...u.auth, 'content-type': file.type, 'content-length': String(file.body.length) },
          file.body,
        );
        if (added.status !== 201) throw new Error(`uploader ${i}: ${added.status} ${added.text.slice(0, 300)}`);
        if (timed) times.push(performance.now() - t0);
        await sql.query('delete from attachments where id = $1', [(JSON.parse(added.text) as { id: string }).id]);
        if (n === 0 && ++started === task.uploaders.length) {
          measuring = true;
          process.send?.('started');
        }
      }
    }),
  );
  await sql.end();
  // Then nothing keeps either process waiting on the other.
  process.send?.({ times }, () => process.disconnect?.());
}

process.once('message', (task: ClientsTask) => {
  run(task).catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
});
