import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { compressSegments, gzipSpliced, segmentBytes } from './gzip-splice.ts';

describe('a gzip body of parts compressed once and values written between them', () => {
  it('decompresses, by any gzip reader, to the parts with the values in place', () => {
    const parts = ['<p>Hola, ', '. Tu código: ', `.</p>${'<li>Actividad, año 2008 — ñandú</li>'.repeat(4000)}`];
    const body = gzipSpliced(compressSegments(parts), ['Ana Núñez', 'a1B2-c3_d4']);
    expect(zlib.gunzipSync(body).toString('utf8')).toBe(
      `<p>Hola, Ana Núñez. Tu código: a1B2-c3_d4.${parts[2]?.slice(1)}`,
    );
    // Compressed: the repeated part is not written out again.
    expect(body.length).toBeLessThan(Buffer.byteLength(parts.join('')) / 10);
  });

  it('holds values longer than one stored block, empty values and empty parts', () => {
    const long = 'x'.repeat(70_000) + 'ü'.repeat(10);
    const segments = compressSegments(['', 'a', '', 'b']);
    const body = gzipSpliced(segments, [long, '', 'z']);
    expect(zlib.gunzipSync(body).toString('utf8')).toBe(`${long}azb`);
    // The trailer counts every byte decompressed, values included (RFC 1952 ISIZE).
    expect(body.readUInt32LE(body.length - 4)).toBe(Buffer.byteLength(`${long}azb`));
    expect(segmentBytes(segments)).toBeGreaterThan(2);
  });

  it('refuses a number of values that does not fit between the parts', () => {
    const segments = compressSegments(['a', 'b']);
    expect(() => gzipSpliced(segments, [])).toThrow(/2 parts take 1 values/);
    expect(() => gzipSpliced(segments, ['x', 'y'])).toThrow();
  });
});
