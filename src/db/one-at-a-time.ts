/**
 * Work on one key done one piece at a time in this process, in the order
 * asked. For writes that lock a row anyway (a report's saves): those waiting
 * here hold no database connection, where waiting on the row lock would hold
 * one each and starve everyone else of the pool. The row lock still orders
 * the writes of other instances.
 */
export class OneAtATime {
  private readonly tails = new Map<string, Promise<unknown>>();

  run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.tails.get(key) ?? Promise.resolve();
    const result = before.then(work, work);
    const tail = result.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    // The last one out leaves nothing behind.
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return result;
  }

  /** Keys with work running or waiting. */
  get size(): number {
    return this.tails.size;
  }
}
