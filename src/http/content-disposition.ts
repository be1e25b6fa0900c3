import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { problemResponses } from './api.ts';
import type { AppEnv } from './env.ts';

/**
 * `Content-Disposition: attachment` for a name that may hold anything a user
 * typed (quotes, semicolons, emoji): an ASCII fallback and the exact name in
 * UTF-8 (RFC 6266, RFC 8187), so no name can break or end the header.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = filename.replace(/[^A-Za-z0-9._-]+/g, '_');
  const encoded = encodeURIComponent(filename).replace(
    /['()*]/g,
    (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** A file to download: its type, its name, never kept by a shared cache. */
export const download = (c: Context<AppEnv>, body: Uint8Array | string, type: string, filename: string) =>
  c.body(typeof body === 'string' ? body : new Uint8Array(body), 200, {
    'content-type': type,
    'content-disposition': attachmentDisposition(filename),
    'cache-control': 'private, no-cache',
  });

/** The documented answers of a download route: the file, of its type, or a problem. */
export const fileResponses = (type: string, description: string) => ({
  200: { description, content: { [type]: { schema: z.string().openapi({ format: 'binary' }) } } },
  ...problemResponses,
});
