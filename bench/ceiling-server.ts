/**
 * The ceiling of the HTTP benchmark: a bare `node:http` server answering each
 * recorded path with the bytes and headers the app sent for it, from memory.
 * Run as its own process: `node --import tsx bench/ceiling-server.ts <recorded.json>`.
 */
import { readFileSync } from 'node:fs';
import http from 'node:http';

export type Recorded = Record<string, { status: number; headers: [string, string][]; body: string }>;

const file = process.argv[2];
if (!file) throw new Error('usage: ceiling-server.ts <recorded.json>');
const recorded = JSON.parse(readFileSync(file, 'utf8')) as Recorded;
const answers = new Map(
  Object.entries(recorded).map(([url, r]) => {
    const body = Buffer.from(r.body, 'base64');
    return [url, { status: r.status, headers: [...r.headers, ['content-length', String(body.length)]], body }];
  }),
);

http
  .createServer((req, res) => {
    const answer = answers.get(req.url ?? '/') ?? answers.get('/');
    if (!answer) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(answer.status, answer.headers.flat());
    res.end(answer.body);
  })
  .listen(Number(process.env.PORT), process.env.HOST ?? '127.0.0.1');
