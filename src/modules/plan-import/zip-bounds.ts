/**
 * What a zip file (a .xlsx or .docx) would unpack to, read from its central
 * directory before anything is inflated: a file that claims more than the
 * bound, or hides entries, is refused without unpacking it (a zip bomb).
 */
export type ZipEntry = { name: string; size: number };

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;

/** The entries of the central directory, or null when `bytes` is not a zip file. */
export function zipEntries(bytes: Uint8Array): ZipEntry[] | null {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  // The end record is in the last 64 KiB + 22 bytes (its comment is at most 65,535 bytes).
  let end = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 65_557); i--) {
    if (view.getUint32(i, true) === EOCD) {
      end = i;
      break;
    }
  }
  if (end < 0) return null;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: ZipEntry[] = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > bytes.length || view.getUint32(at, true) !== CENTRAL) return null;
    const size = view.getUint32(at + 24, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const name = new TextDecoder().decode(bytes.subarray(at + 46, at + 46 + nameLength));
    entries.push({ name, size });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/** Whether the entries unpack to more than `maxBytes` in all (a size of 0xFFFFFFFF is a ZIP64 entry: too large). */
export const unpacksBeyond = (entries: ZipEntry[], maxBytes: number): boolean =>
  entries.some((e) => e.size === 0xffffffff) || entries.reduce((sum, e) => sum + e.size, 0) > maxBytes;
