/**
 * A gzip body made of parts compressed once and values written in between,
 * without compressing the whole again (RFC 1951, RFC 1952). Each fixed part is
 * a raw deflate stream ended on a byte boundary (a sync flush; the last one
 * finished); each value goes in as stored (uncompressed) blocks. A decoder
 * reads the blocks one after the other as one stream. A page for a signed-in
 * person is the same for everyone with the same rights but for their name and
 * form token: its fixed parts are compressed once, the person's values are a
 * few dozen bytes.
 */
import zlib from 'node:zlib';

/** The fixed parts of a body, as text (for the checksum) and compressed. */
export type Segments = { raw: Buffer[]; deflated: Buffer[] };

const LEVEL = 4;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
const MAX_STORED = 0xffff;

export function compressSegments(parts: readonly string[]): Segments {
  const raw = parts.map((p) => Buffer.from(p, 'utf8'));
  const deflated = raw.map((r, i) =>
    zlib.deflateRawSync(r, {
      level: LEVEL,
      finishFlush: i === raw.length - 1 ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    }),
  );
  return { raw, deflated };
}

/** Stored blocks (not final) holding `value`, at most 65,535 bytes each. */
function storedBlocks(value: Buffer): Buffer[] {
  const blocks: Buffer[] = [];
  for (let at = 0; at < value.length; at += MAX_STORED) {
    const chunk = value.subarray(at, at + MAX_STORED);
    const header = Buffer.alloc(5);
    header[0] = 0; // BFINAL 0, BTYPE 00 (stored), on a byte boundary
    header.writeUInt16LE(chunk.length, 1);
    header.writeUInt16LE(~chunk.length & 0xffff, 3);
    blocks.push(header, chunk);
  }
  return blocks;
}

/** The gzip body of the parts with `values[i]` between part i and part i + 1. */
export function gzipSpliced(segments: Segments, values: readonly string[]): Buffer {
  const { raw, deflated } = segments;
  if (values.length !== raw.length - 1) throw new Error(`${raw.length} parts take ${raw.length - 1} values`);
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  raw.forEach((part, i) => {
    pieces.push(deflated[i] as Buffer);
    // Node 20's crc32 answers 0 for some empty buffers, whatever the running value: skip them.
    if (part.length > 0) crc = zlib.crc32(part, crc);
    size += part.length;
    const value = values[i];
    if (value === undefined || value === '') return;
    const bytes = Buffer.from(value, 'utf8');
    pieces.push(...storedBlocks(bytes));
    crc = zlib.crc32(bytes, crc);
    size += bytes.length;
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc >>> 0, 0);
  trailer.writeUInt32LE(size >>> 0, 4);
  pieces.push(trailer);
  return Buffer.concat(pieces);
}

/** The bytes the parts and values hold, for the byte budget of a cache. */
export const segmentBytes = (s: Segments) =>
  s.raw.reduce((n, b) => n + b.length, 0) + s.deflated.reduce((n, b) => n + b.length, 0);
