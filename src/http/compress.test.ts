import { gunzipSync, inflateSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { chooseEncoding, compressResponses } from './compress.ts';

const page = `<!doctype html><main>${'<p>Programa Interamericano para la promoción y protección de los derechos humanos de los migrantes</p>'.repeat(200)}</main>`;

function app() {
  return new Hono()
    .use(compressResponses)
    .get('/page', (c) => {
      c.header('ETag', '"7"');
      return c.html(page);
    })
    .get('/small', (c) => c.html('<p>ok</p>'))
    .get('/png', (c) => c.body(new Uint8Array(4096), 200, { 'content-type': 'image/png' }))
    .get('/no-transform', (c) => c.html(page, 200, { 'cache-control': 'no-transform' }));
}

describe('response compression', () => {
  it('sends a page gzip-compressed to a browser that asks, byte for byte the same once decompressed', async () => {
    const res = await app().request('/page', { headers: { 'accept-encoding': 'gzip, deflate, br, zstd' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-encoding')).toBe('gzip');
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i);
    expect(res.headers.get('etag')).toBe('W/"7"');
    const body = Buffer.from(await res.arrayBuffer());
    expect(Number(res.headers.get('content-length'))).toBe(body.length);
    expect(body.length).toBeLessThan(page.length / 10);
    expect(gunzipSync(body).toString('utf8')).toBe(page);
  });

  it('uses deflate when that is all the client takes', async () => {
    const res = await app().request('/page', { headers: { 'accept-encoding': 'deflate' } });
    expect(res.headers.get('content-encoding')).toBe('deflate');
    expect(inflateSync(Buffer.from(await res.arrayBuffer())).toString('utf8')).toBe(page);
  });

  it('sends the page as it is without accept-encoding, to small answers, images and no-transform', async () => {
    const plain = await app().request('/page');
    expect(plain.headers.get('content-encoding')).toBeNull();
    expect(await plain.text()).toBe(page);
    for (const path of ['/small', '/png', '/no-transform']) {
      const res = await app().request(path, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.headers.get('content-encoding'), path).toBeNull();
    }
    expect(await (await app().request('/small', { headers: { 'accept-encoding': 'gzip' } })).text()).toBe('<p>ok</p>');
  });

  it('follows the q-values of Accept-Encoding', () => {
    expect(chooseEncoding('gzip;q=0, deflate')).toBe('deflate');
    expect(chooseEncoding('deflate;q=0.5, gzip;q=0.8')).toBe('gzip');
    expect(chooseEncoding('deflate, gzip;q=0.5')).toBe('deflate');
    expect(chooseEncoding('*')).toBe('gzip');
    expect(chooseEncoding('br, zstd')).toBeUndefined();
    expect(chooseEncoding('identity')).toBeUndefined();
    expect(chooseEncoding(undefined)).toBeUndefined();
  });
});
