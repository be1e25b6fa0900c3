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

/**
 * The fixed parts of a body: as text (for clients that take no gzip),
 * compressed, and each part's checksum with the factor that moves a running
 * checksum past it (so a body's checksum costs nothing per byte of its parts).
 */
export type Segments = { raw: Buffer[]; deflated: Buffer[]; crcs: number[]; shifts: number[] };

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
  return { raw, deflated, crcs: raw.map(crc32Of), shifts: raw.map((r) => shiftOver(r.length)) };
}

// CRC-32 arithmetic as zlib's crc32_combine does it: polynomials over GF(2), bit-reflected.
const POLY = 0xedb88320;

/** a × b modulo the CRC polynomial. */
function multiplyModP(a: number, b: number): number {
  let m = 1 << 31;
  let product = 0;
  let x = b;
  for (;;) {
    if (a & m) {
      product ^= x;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    x = x & 1 ? (x >>> 1) ^ POLY : x >>> 1;
  }
  return product >>> 0;
}

/** x^(2^k) modulo the polynomial, k = 0…31. */
const X2N = (() => {
  const table = new Uint32Array(32);
  let p = 1 << 30; // x^1
  table[0] = p;
  for (let k = 1; k < 32; k++) table[k] = p = multiplyModP(p, p);
  return table;
})();

/** The factor, x^(8 × bytes), that moves a running checksum past `bytes` bytes. */
function shiftOver(bytes: number): number {
  let p = 1 << 31; // x^0
  for (let n = bytes, k = 3; n > 0; n >>>= 1, k++) if (n & 1) p = multiplyModP(X2N[k & 31] as number, p);
  return p >>> 0;
}

/** The checksum of a running checksum followed by a part whose own checksum and shift are given. */
const combine = (crc: number, partCrc: number, shift: number) => (multiplyModP(shift, crc) ^ partCrc) >>> 0;

// Node 20's crc32 answers 0 for some empty buffers whatever the running value; an empty part's is 0.
const crc32Of = (bytes: Buffer) => (bytes.length > 0 ? zlib.crc32(bytes) : 0);

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

type Encoded = { blocks: Buffer[]; crc: number; shift: number; length: number };

/** A value as stored blocks with its checksum and shift; a page repeats the same few values (its form token). */
function encode(value: string): Encoded {
  const bytes = Buffer.from(value, 'utf8');
  return { blocks: storedBlocks(bytes), crc: crc32Of(bytes), shift: shiftOver(bytes.length), length: bytes.length };
}

/** The gzip body of the parts with `values[i]` between part i and part i + 1. */
export function gzipSpliced(segments: Segments, values: readonly string[]): Buffer {
  const { raw, deflated } = segments;
  if (values.length !== raw.length - 1) throw new Error(`${raw.length} parts take ${raw.length - 1} values`);
  const encoded = new Map<string, Encoded>();
  const pieces: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let size = 0;
  raw.forEach((part, i) => {
    pieces.push(deflated[i] as Buffer);
    crc = combine(crc, segments.crcs[i] as number, segments.shifts[i] as number);
    size += part.length;
    const value = values[i];
    if (value === undefined || value === '') return;
    let e = encoded.get(value);
    if (!e) {
      e = encode(value);
      encoded.set(value, e);
    }
    pieces.push(...e.blocks);
    crc = combine(crc, e.crc, e.shift);
    size += e.length;
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
