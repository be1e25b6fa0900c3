/**
 * Reading and writing backup files as lines of gzip'd text, streaming: a row
 * of several megabytes is one line, but the file is never held in memory.
 */
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm } from 'node:fs/promises';
import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip, createGzip } from 'node:zlib';
import { BackupError, damaged } from './backup-format.ts';

/** The first bytes of every gzip file. */
const GZIP_MAGIC = [0x1f, 0x8b];

/** Fails with a clear message when `file` is missing, unreadable, or not gzip at all. */
export async function checkBackupFile(file: string): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'r');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BackupError(`No such file: ${file}`);
    if (code === 'EISDIR') throw new BackupError(`${file} is a folder, not a backup file.`);
    throw new BackupError(`Cannot read ${file}: ${(err as Error).message}`);
  }
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    if (bytesRead < 2 || !GZIP_MAGIC.every((b, i) => buffer[i] === b))
      throw new BackupError(`${file} is not an Enlace backup (not a gzip-compressed file).`);
  } catch (err) {
    if (err instanceof BackupError) throw err;
    throw new BackupError(`Cannot read ${file}: ${(err as Error).message}`);
  } finally {
    await handle.close();
  }
}

/**
 * Reads the whole file through gunzip once, checking its CRC and length: a
 * damaged file is refused before the database is touched, with the same
 * message wherever the damage is (otherwise garbled rows could reach the
 * database first and fail there with a less helpful one).
 */
export async function verifyBackupFile(file: string): Promise<void> {
  const discard = new Writable({ write: (_chunk, _encoding, done) => done() });
  try {
    await pipeline(createReadStream(file), createGunzip(), discard);
  } catch (err) {
    throw readFailure(file, err);
  }
}

function readFailure(file: string, err: unknown): BackupError {
  if (err instanceof BackupError) return err;
  const code = (err as NodeJS.ErrnoException).code ?? '';
  if (code.startsWith('Z_'))
    return damaged(`the compressed data ${code === 'Z_BUF_ERROR' ? 'ends early' : 'is corrupt'}`);
  return new BackupError(`Cannot read ${file}: ${(err as Error).message}`);
}

/**
 * The file's lines, in order. A damaged or cut gzip stream (bad CRC, missing
 * end) fails the iteration, at the latest when the last line is read.
 */
export async function* backupLines(file: string): AsyncGenerator<string, void, undefined> {
  const source = createReadStream(file);
  const gunzip = createGunzip();
  source.on('error', (err) => gunzip.destroy(err));
  source.pipe(gunzip);
  const decoder = new StringDecoder('utf8');
  let pending: string[] = [];
  try {
    for await (const chunk of gunzip) {
      const text = decoder.write(chunk as Buffer);
      let start = 0;
      for (let newline = text.indexOf('\n'); newline >= 0; newline = text.indexOf('\n', start)) {
        pending.push(text.slice(start, newline));
        const line = pending.join('');
        pending = [];
        start = newline + 1;
        yield line;
      }
      if (start < text.length) pending.push(text.slice(start));
    }
    const last = pending.join('') + decoder.end();
    if (last !== '') yield last;
  } catch (err) {
    throw readFailure(file, err);
  } finally {
    source.destroy();
    gunzip.destroy();
  }
}

export type BackupWriter = { write(line: string): Promise<void> };

/**
 * Writes a backup under a temporary name and renames it into place only when
 * complete and flushed to disk: a backup that failed half-way never looks like
 * a finished one.
 */
export async function writeBackupFile(file: string, fill: (out: BackupWriter) => Promise<void>): Promise<number> {
  const partial = `${file}.partial`;
  const gzip = createGzip({ level: 6 });
  const sink = createWriteStream(partial);
  // Settles with the stream's error (or null) instead of rejecting, so a failure is read where it matters.
  const outcome = pipeline(gzip, sink).then(
    () => null,
    (err: unknown) => err as Error,
  );
  try {
    await fill({
      async write(line) {
        if (gzip.write(`${line}\n`)) return;
        const error = await Promise.race([once(gzip, 'drain').then(() => null), outcome]);
        if (error) throw error;
      },
    });
    gzip.end();
    const error = await outcome;
    if (error) throw error;
    const handle = await open(partial, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(partial, file);
    return sink.bytesWritten;
  } catch (err) {
    gzip.destroy();
    sink.destroy();
    await rm(partial, { force: true });
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'EISDIR' || code === 'ENOSPC')
      throw new BackupError(`Cannot write ${file}: ${(err as Error).message}`);
    throw err;
  }
}
