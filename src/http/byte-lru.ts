/** Entries kept up to a number of bytes, the least recently used dropped first. */
export class ByteLru<V> {
  private readonly entries = new Map<string, V>();
  private bytes = 0;

  constructor(
    readonly maxBytes: number,
    private readonly sizeOf: (value: V) => number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Most recently used last: the oldest is dropped first.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    const old = this.entries.get(key);
    if (old !== undefined) {
      this.entries.delete(key);
      this.bytes -= this.sizeOf(old);
    }
    this.entries.set(key, value);
    this.bytes += this.sizeOf(value);
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= this.sizeOf(v);
    }
  }

  clear(): void {
    this.entries.clear();
    this.bytes = 0;
  }
}
