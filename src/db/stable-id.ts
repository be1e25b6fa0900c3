/**
 * Name-based UUIDs (RFC 9562 version 5) for bundled data, so an item or actor
 * has the same id on every installation and links to it stay valid.
 */
import { createHash } from 'node:crypto';

const NAMESPACE = Buffer.from('6f1c0d52a3e94b0e9a5b1e7c2d4f8a10', 'hex');

export function stableId(...parts: string[]): string {
  const hash = createHash('sha1').update(NAMESPACE).update(parts.join('\u0000')).digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
