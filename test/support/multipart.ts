/**
 * Multipart request bodies written by hand, in the order a test chooses, and
 * bodies that arrive piece by piece: held open until the test sends the rest,
 * or endless, to show that the server answers without reading them to the end.
 */

export const BOUNDARY = 'enlace-test-7d0c1f';
export const MULTIPART_TYPE = `multipart/form-data; boundary=${BOUNDARY}`;

export type Part = [name: string, value: string] | [name: string, file: { filename: string; bytes: Uint8Array }];

const encoder = new TextEncoder();

/** The bytes of the parts up to (and with) the head of a file part, when `open` leaves that file's bytes to follow. */
export function multipartBytes(parts: Part[], options: { open?: boolean } = {}): Uint8Array<ArrayBuffer> {
  const pieces: Uint8Array[] = [];
  parts.forEach(([name, value], i) => {
    const last = i === parts.length - 1;
    if (typeof value === 'string') {
      pieces.push(
        encoder.encode(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`),
      );
      return;
    }
    pieces.push(
      encoder.encode(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="${value.filename}"\r\n` +
          'Content-Type: application/octet-stream\r\n\r\n',
      ),
      value.bytes,
    );
    if (!(last && options.open)) pieces.push(encoder.encode('\r\n'));
  });
  if (!options.open) pieces.push(encoder.encode(`--${BOUNDARY}--\r\n`));
  return concat(pieces);
}

/** The end of a form whose last file part was left open: the part's end and the closing boundary. */
export const closingBytes = () => encoder.encode(`\r\n--${BOUNDARY}--\r\n`);

export function concat(pieces: Uint8Array[]): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(pieces.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of pieces) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A PDF-looking file of `size` bytes. */
export function pdfBytes(size: number): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(size).fill(0x41);
  bytes.set(encoder.encode('%PDF-1.7\n'));
  return bytes;
}

/**
 * A body given to the server one piece per read: `first` pieces at once,
 * then what the test `send`s, until `end()`. The server reads only when it
 * asks (no read-ahead), so `reads` counts how far it went.
 */
export class HeldBody {
  readonly stream: ReadableStream<Uint8Array>;
  /** How many times the server asked for a piece. */
  reads = 0;
  #queue: (Uint8Array | null)[];
  #arrived: (() => void) | null = null;
  #watchers: { reads: number; resolve: () => void }[] = [];

  constructor(first: Uint8Array[]) {
    this.#queue = [...first];
    this.stream = new ReadableStream<Uint8Array>(
      {
        pull: async (controller) => {
          this.reads += 1;
          for (const w of this.#watchers.filter((w) => this.reads >= w.reads)) w.resolve();
          this.#watchers = this.#watchers.filter((w) => this.reads < w.reads);
          while (this.#queue.length === 0) await new Promise<void>((resolve) => (this.#arrived = resolve));
          const next = this.#queue.shift() as Uint8Array | null;
          if (next === null) controller.close();
          else controller.enqueue(next);
        },
      },
      { highWaterMark: 0 },
    );
  }

  /** Resolves once the server has asked for its `n`th piece. */
  asked(n: number): Promise<void> {
    if (this.reads >= n) return Promise.resolve();
    return new Promise((resolve) => this.#watchers.push({ reads: n, resolve }));
  }

  send(bytes: Uint8Array) {
    this.#queue.push(bytes);
    this.#arrived?.();
  }

  end() {
    this.#queue.push(null);
    this.#arrived?.();
  }
}

/** A body that never ends: `head`, then `chunk` again and again for as long as the server reads; `sent` counts the bytes. */
export function endlessBody(head: Uint8Array, chunk: Uint8Array) {
  const state = { sent: 0, stream: null as unknown as ReadableStream<Uint8Array> };
  let first = true;
  state.stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        const piece = first ? head : chunk;
        first = false;
        state.sent += piece.length;
        controller.enqueue(piece);
      },
    },
    { highWaterMark: 0 },
  );
  return state;
}
