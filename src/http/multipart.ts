/**
 * Multipart forms read as they arrive, never buffered whole. The app's
 * middleware reads a form only up to its first file: the text fields before
 * it (the CSRF token among them) are what `c.req.parseBody()` answers with.
 * Only a route that takes an upload reads on: each byte of the file is
 * hashed, counted against its limit and — the first ones — shown to a type
 * check as it streams, then kept in one buffer; a file over its limit or of
 * the wrong type is refused before the rest of it is read. All uploads of the
 * process together are read at a bounded pace.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Busboy, type BusboyFileStream, type BusboyInstance } from '@fastify/busboy';
import type { Context } from 'hono';
import { AppError, invalidInput } from '../errors.ts';

/**
 * Multipart bodies are read at most this fast, all of the process's uploads
 * together (512 Mbit/s, more than an office's uplink): a file costs CPU here
 * and in the database as it is stored, and clients on a fast network would
 * otherwise take every core and leave pages waiting behind their uploads.
 */
const UPLOAD_BYTES_PER_SECOND = 64 * 1024 * 1024;
/** How far ahead of that pace reading may run: small bodies are never held back. */
const UPLOAD_BURST_MS = 50;
let pacedUntil = 0;

/** Resolves when `bytes` more may be read (at once, mostly); keeps the process's uploads within their pace. */
function pace(bytes: number): Promise<void> | undefined {
  const now = performance.now();
  pacedUntil = Math.max(pacedUntil, now) + (bytes * 1000) / UPLOAD_BYTES_PER_SECOND;
  const wait = pacedUntil - now - UPLOAD_BURST_MS;
  return wait > 0 ? new Promise((resolve) => setTimeout(resolve, wait)) : undefined;
}

export const isMultipart = (contentType: string | undefined) => /^multipart\/form-data\b/i.test(contentType ?? '');

const malformed = () => invalidInput([{ field: 'body', messageKey: 'error.field.malformedForm' }]);
const tooLarge = () => new AppError('payload_too_large', 413, 'error.payloadTooLarge');

/** What the route allows a file: its size, the refusal when it is over, and the check of its type. */
export type FileRules = {
  field: string;
  maxBytes: number;
  tooLarge: () => AppError;
  /** How many first bytes `inspect` needs to see. */
  headBytes: number;
  /** The content type of a file of this name starting with these bytes; throws to refuse it. */
  inspect: (filename: string, head: Uint8Array) => string;
};

/**
 * Browsers write `"`, CR and LF in a file's name as `%22`, `%0D` and `%0A`
 * (HTML's multipart/form-data encoding): the name as the user gave it.
 */
export function formFilename(raw: string): string {
  return raw.replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

/** A received file: its bytes once, in one buffer, with what was learnt of them while they streamed. */
export type ReceivedFile = { filename: string; bytes: Buffer; sha256: string; contentType: string };

type FilePart = { field: string; filename: string; stream: BusboyFileStream };

/** Where a file's bytes go: one buffer of the request's declared length, else its chunks joined at the end. */
class ByteSink {
  size = 0;
  #buffer: Buffer | null;
  #chunks: Buffer[] = [];
  constructor(capacity: number | undefined) {
    this.#buffer = capacity ? Buffer.allocUnsafe(capacity) : null;
  }
  push(chunk: Buffer) {
    if (this.#buffer && this.size + chunk.length <= this.#buffer.length) chunk.copy(this.#buffer, this.size);
    else {
      if (this.#buffer) this.#chunks.push(this.#buffer.subarray(0, this.size));
      this.#buffer = null;
      this.#chunks.push(chunk);
    }
    this.size += chunk.length;
  }
  head(n: number): Buffer {
    const length = Math.min(n, this.size);
    return this.#buffer ? this.#buffer.subarray(0, length) : Buffer.concat(this.#chunks, length);
  }
  bytes(): Buffer {
    return this.#buffer ? this.#buffer.subarray(0, this.size) : Buffer.concat(this.#chunks, this.size);
  }
}

export class MultipartForm {
  /** The text fields read so far: those before the first file, and after `readFile`, all of them. */
  readonly fields: Record<string, string> = Object.create(null);
  /** Every value of each field, in order: a field sent several times (checkboxes, a multiple select) keeps them all. */
  readonly lists: Record<string, string[]> = Object.create(null);
  readonly #busboy: BusboyInstance;
  readonly #maxBytes: number;
  readonly #declaredBytes: number | undefined;
  #received = 0;
  #files: FilePart[] = [];
  /** The file being received, stopped when the form fails (it would otherwise wait for bytes that never come). */
  #current: FilePart | null = null;
  #finished = false;
  #failure: unknown = null;
  #discarding = false;
  /** Wakes whoever waits for the next part, the end or a failure. */
  #wake: () => void = () => {};
  #resumePump: () => void = () => {};

  constructor(contentType: string, body: AsyncIterable<Uint8Array> | null, maxBytes: number, declared?: number) {
    this.#maxBytes = maxBytes;
    this.#declaredBytes = declared;
    // Busboy throws at once on a Content-Type without a usable boundary.
    this.#busboy = new Busboy({ headers: { 'content-type': contentType }, limits: { fields: 200, parts: 210 } });
    this.#busboy.on('field', (name, value, _nameTruncated, valueTruncated) => {
      if (valueTruncated) return this.#fail(tooLarge());
      // PostgreSQL text cannot hold U+0000; fields after a file are read past the NUL guard, so they are checked here.
      if (value.includes('\u0000'))
        return this.#fail(invalidInput([{ field: name, messageKey: 'error.field.nulCharacter' }]));
      this.fields[name] = value;
      this.lists[name] = [...(this.lists[name] ?? []), value];
      this.#wake();
    });
    this.#busboy.on('file', (field, stream, filename) => {
      // A part that breaks off fails the form; the stream must not throw on its own.
      stream.on('error', (err: unknown) => this.#fail(err));
      this.#files.push({ field, filename: formFilename(filename), stream });
      this.#wake();
    });
    this.#busboy.on('finish', () => {
      this.#finished = true;
      this.#wake();
    });
    this.#busboy.on('error', (err: unknown) => this.#fail(err));
    if (body) this.#pump(body);
    else this.#busboy.end();
  }

  #fail(err: unknown) {
    this.#failure ??= err instanceof AppError ? err : malformed();
    this.#current?.stream.destroy();
    this.#wake();
    this.#resumePump();
  }

  #check() {
    if (this.#failure) throw this.#failure;
  }

  /** Resolves when something happened: a field, a file, the end or a failure. */
  #next(): Promise<void> {
    return new Promise((resolve) => {
      this.#wake = resolve;
    });
  }

  async #pump(body: AsyncIterable<Uint8Array>) {
    // Read by hand, not with `for await`: leaving that loop early would destroy the request, and with it the
    // connection, before the answer is sent.
    const chunks = body[Symbol.asyncIterator]();
    try {
      for (;;) {
        const { done, value } = await chunks.next();
        if (done) break;
        this.#received += value.byteLength;
        // Once the answer is given, the rest is read only to keep the connection usable, up to the limit.
        if (this.#discarding) {
          if (this.#received > this.#maxBytes) return;
          continue;
        }
        if (this.#received > this.#maxBytes) throw tooLarge();
        await pace(value.byteLength);
        if (!this.#busboy.write(value)) {
          await new Promise<void>((resolve) => {
            this.#resumePump = resolve;
            this.#busboy.once('drain', resolve);
          });
        }
      }
      if (!this.#discarding) this.#busboy.end();
    } catch (err) {
      // A body that breaks off (the client went away) is the sender's; not the server's error.
      this.#fail(err);
    }
  }

  /** Reads up to the first file, or to the end of a form without one. */
  async readToFirstFile(): Promise<this> {
    while (!this.#failure && !this.#finished && this.#files.length === 0) await this.#next();
    this.#check();
    return this;
  }

  /**
   * Reads the rest of the form: the file of `rules.field` (the only one kept;
   * others are skipped) and the fields after it. `null` when the form has no
   * such file, or an empty one without a name: a file input left empty.
   */
  async readFile(rules: FileRules): Promise<ReceivedFile | null> {
    if (this.#declaredBytes !== undefined && this.#declaredBytes > this.#maxBytes) throw rules.tooLarge();
    let received: ReceivedFile | null = null;
    for (;;) {
      this.#check();
      const part = this.#files.shift();
      if (part) {
        if (part.field === rules.field && received === null) received = await this.#receive(part, rules);
        else part.stream.resume();
        continue;
      }
      if (this.#finished) break;
      await this.#next();
    }
    this.#check();
    if (received === null || (received.filename === '' && received.bytes.length === 0)) return null;
    return received;
  }

  async #receive(part: FilePart, rules: FileRules): Promise<ReceivedFile> {
    const hash = createHash('sha256');
    const sink = new ByteSink(
      this.#declaredBytes === undefined ? undefined : Math.min(this.#declaredBytes, rules.maxBytes + 1),
    );
    let contentType: string | null = null;
    this.#current = part;
    try {
      for await (const chunk of part.stream as AsyncIterable<Buffer>) {
        if (sink.size + chunk.length > rules.maxBytes) throw rules.tooLarge();
        hash.update(chunk);
        sink.push(chunk);
        if (contentType === null && sink.size >= rules.headBytes)
          contentType = rules.inspect(part.filename, sink.head(rules.headBytes));
      }
    } catch (err) {
      this.#check();
      throw err instanceof AppError ? err : malformed();
    } finally {
      this.#current = null;
    }
    this.#check();
    // An empty part without a name is an empty file input: no file at all, nothing to inspect.
    if (contentType === null && (part.filename !== '' || sink.size > 0))
      contentType = rules.inspect(part.filename, sink.head(rules.headBytes));
    return { filename: part.filename, bytes: sink.bytes(), sha256: hash.digest('hex'), contentType: contentType ?? '' };
  }

  /**
   * After the answer: stop parsing and read the rest of the body without
   * keeping it (up to the request limit), so the client gets the answer
   * rather than a connection closed on its upload.
   */
  discardRest() {
    if (this.#finished || this.#discarding) return;
    this.#discarding = true;
    for (const part of this.#files) part.stream.resume();
    this.#resumePump();
  }
}

const forms = new WeakMap<Request, MultipartForm>();

/**
 * Opens the request's multipart form and reads it up to its first file; its
 * fields so far become what `c.req.parseBody()` answers. A body that is not
 * a readable form is a 400 naming the body; one over `maxBytes` a 413.
 */
export async function openMultipartForm(c: Context, maxBytes: number): Promise<MultipartForm> {
  const declared = Number(c.req.header('content-length'));
  // On the Node server, the request's own stream: its chunks as they come off the socket, not each copied again
  // into the web stream of `c.req.raw.body` (what an in-process request has).
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  let form: MultipartForm;
  try {
    form = new MultipartForm(
      c.req.header('content-type') ?? '',
      incoming ?? c.req.raw.body,
      maxBytes,
      Number.isSafeInteger(declared) && declared >= 0 ? declared : undefined,
    );
  } catch {
    throw malformed();
  }
  forms.set(c.req.raw, form);
  await form.readToFirstFile();
  const data = new FormData();
  for (const [name, value] of Object.entries(form.fields)) data.append(name, value);
  // Hono keeps the promise of each parsed body here (typed as the value); parseBody() reads it first.
  (c.req.bodyCache as { formData?: Promise<FormData> }).formData = Promise.resolve(data);
  return form;
}

/** The request's multipart form as the middleware opened it; a 400 naming the body if it is not one. */
export function multipartForm(c: Context): MultipartForm {
  const form = forms.get(c.req.raw);
  if (!form) throw malformed();
  return form;
}
