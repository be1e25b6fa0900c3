import { describe, expect, it } from 'vitest';
import { OneAtATime } from './one-at-a-time.ts';

/** A piece of work that runs until the test lets it finish. */
function held() {
  let finish: () => void = () => {};
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  return { done, finish };
}

describe('work on one key, one piece at a time', () => {
  it('runs the pieces of one key in the order asked, each after the one before has ended', async () => {
    const queue = new OneAtATime();
    const log: string[] = [];
    const first = held();
    const a = queue.run('report-1', async () => {
      log.push('a starts');
      await first.done;
      log.push('a ends');
      return 'a';
    });
    const b = queue.run('report-1', async () => {
      log.push('b starts');
      return 'b';
    });
    // Another key does not wait.
    expect(await queue.run('report-2', async () => 'other')).toBe('other');
    expect(log).toEqual(['a starts']);
    first.finish();
    expect(await Promise.all([a, b])).toEqual(['a', 'b']);
    expect(log).toEqual(['a starts', 'a ends', 'b starts']);
  });

  it('goes on after a piece that fails, which fails alone, and keeps nothing once all have ended', async () => {
    const queue = new OneAtATime();
    const failing = queue.run('k', async () => {
      throw new Error('refused');
    });
    const next = queue.run('k', async () => 'saved');
    await expect(failing).rejects.toThrow('refused');
    expect(await next).toBe('saved');
    await new Promise((resolve) => setImmediate(resolve));
    expect(queue.size).toBe(0);
  });
});
