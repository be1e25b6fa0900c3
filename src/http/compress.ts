/**
 * Compresses responses for clients that accept gzip (or deflate), as
 * hono/compress does, with two differences measured by bench/http.ts: the
 * body (always built in memory here) is compressed in one call to zlib in
 * the thread pool (on the spot when small) instead of chunk by chunk through
 * a CompressionStream, and at level 4, not 6. On the progress page, whose inline map is 160 KB of SVG
 * paths, level 6 took 12–16 ms for 7% fewer bytes than level 4 (4 ms).
 */
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { Context, MiddlewareHandler } from 'hono';
import { COMPRESSIBLE_CONTENT_TYPE_REGEX } from 'hono/compress';

const gzip = promisify(zlib.gzip);
const deflate = promisify(zlib.deflate);
const LEVEL = 4;
/** Smaller bodies gain nothing worth the work. */
const THRESHOLD = 1024;
/**
 * Bodies smaller than this are compressed on the spot: handing 13 KB to the
 * thread pool cost 0.16–0.3 ms of this thread, compressing it 0.05 ms; at
 * 64 KB the event loop waits about 0.3 ms.
 */
const SYNC_BELOW = 64 * 1024;

/** The encoding to answer with: gzip, else deflate, if the client accepts it (q > 0). */
export function chooseEncoding(acceptEncoding: string | undefined): 'gzip' | 'deflate' | undefined {
  if (!acceptEncoding) return undefined;
  const q = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const weight = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    q.set(name.trim(), weight ? Number(weight.slice(2)) : 1);
  }
  const accepts = (encoding: string) => (q.get(encoding) ?? q.get('*') ?? 0) > 0;
  const gzipQ = q.get('gzip') ?? q.get('*') ?? 0;
  const deflateQ = q.get('deflate') ?? q.get('*') ?? 0;
  if (accepts('gzip') && gzipQ >= deflateQ) return 'gzip';
  if (accepts('deflate')) return 'deflate';
  return accepts('gzip') ? 'gzip' : undefined;
}

/**
 * The string or bytes an answer was made from. @hono/node-server answers
 * with a stand-in for the web Response that keeps them (under a symbol named
 * "cache": status, body, headers) and writes them to the socket as they are;
 * reading `body` or `arrayBuffer()` of it makes the real Response, a
 * ReadableStream and its reader, which took a tenth of a millisecond of every
 * save. Any other answer is read the standard way.
 */
async function bodyOf(c: Context): Promise<Bytes | null> {
  const res = c.res;
  const held = Object.getOwnPropertySymbols(res).find((key) => key.description === 'cache');
  const body: unknown = held && (res as unknown as Record<symbol, unknown[] | undefined>)[held]?.[1];
  if (typeof body === 'string') return Buffer.from(body);
  if (body instanceof Uint8Array) return body as Bytes;
  if (!res.body) return null;
  // Read, the answer's body is used up: it is answered again from the bytes.
  const bytes = new Uint8Array(await res.arrayBuffer());
  replaceBody(c, bytes);
  return bytes;
}

type Bytes = Uint8Array<ArrayBuffer>;

/** Answers with `body` in place of the answer's, with its status and headers. */
function replaceBody(c: Context, body: Bytes): Response {
  const next = new Response(body, c.res);
  // Emptied first: setting c.res over another copies the old headers onto the new answer through its `body`.
  c.res = undefined;
  c.res = next;
  return next;
}

export const compressResponses: MiddlewareHandler = async (c, next) => {
  await next();
  const res = c.res;
  const type = res.headers.get('content-type');
  const length = res.headers.get('content-length');
  if (
    res.status === 206 ||
    c.req.method === 'HEAD' ||
    res.headers.has('content-encoding') ||
    res.headers.has('transfer-encoding') ||
    (length !== null && Number(length) < THRESHOLD) ||
    !type ||
    !COMPRESSIBLE_CONTENT_TYPE_REGEX.test(type) ||
    /(?:^|,)\s*no-transform\s*(?:,|$)/i.test(res.headers.get('cache-control') ?? '')
  )
    return;
  const body = await bodyOf(c);
  if (!body) return;
  const vary = c.res.headers.get('vary');
  if (vary !== '*' && !/(?:^|,)\s*accept-encoding\s*(?:,|$)/i.test(vary ?? ''))
    c.res.headers.set('vary', vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding');
  const encoding = chooseEncoding(c.req.header('accept-encoding'));
  if (!encoding || body.byteLength < THRESHOLD) return;
  const compressed =
    body.byteLength < SYNC_BELOW
      ? (encoding === 'gzip' ? zlib.gzipSync : zlib.deflateSync)(body, { level: LEVEL })
      : await (encoding === 'gzip' ? gzip : deflate)(body, { level: LEVEL });
  const answer = replaceBody(c, new Uint8Array(compressed.buffer, compressed.byteOffset, compressed.byteLength));
  answer.headers.set('content-encoding', encoding);
  answer.headers.set('content-length', String(compressed.byteLength));
  const etag = answer.headers.get('etag');
  if (etag && !etag.startsWith('W/')) answer.headers.set('etag', `W/${etag}`);
};
