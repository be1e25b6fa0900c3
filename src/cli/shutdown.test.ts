import { Writable } from 'node:stream';
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { shutdownHandler } from './shutdown.ts';

/** A logger whose lines the test reads. */
function capturedLog() {
  const lines: { level: number; msg: string }[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()));
      done();
    },
  });
  return { log: pino({ level: 'debug' }, sink), lines };
}

describe('stopping on a signal', () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('stops once and exits 0, however many times the signal comes', async () => {
    const { log, lines } = capturedLog();
    const stop = vi.fn(() => Promise.resolve());
    const exit = vi.fn();
    const onSignal = shutdownHandler(stop, log, { deadlineMs: 8000, exit });
    onSignal('SIGINT');
    onSignal('SIGINT');
    onSignal('SIGTERM');
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit.mock.calls).toEqual([[0]]);
    expect(lines.map((l) => l.msg)).toContain('stopped');
    // The deadline was cleared: nothing happens later.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(exit.mock.calls).toEqual([[0]]);
  });

  it('exits 1 with a warning when stopping does not end before the deadline', async () => {
    const { log, lines } = capturedLog();
    const exit = vi.fn();
    const onSignal = shutdownHandler(() => new Promise<void>(() => {}), log, { deadlineMs: 8000, exit });
    onSignal('SIGTERM');
    await vi.advanceTimersByTimeAsync(7999);
    expect(exit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(exit.mock.calls).toEqual([[1]]);
    expect(lines.find((l) => l.level === 40)?.msg).toBe('did not stop in time: exiting anyway');
  });

  it('exits 1 when stopping fails, saying why', async () => {
    const { log, lines } = capturedLog();
    const exit = vi.fn();
    const onSignal = shutdownHandler(() => Promise.reject(new Error('disk gone')), log, { exit });
    onSignal('SIGTERM');
    await vi.waitFor(() => expect(exit).toHaveBeenCalled());
    expect(exit.mock.calls).toEqual([[1]]);
    expect(lines.find((l) => l.level === 50)).toMatchObject({ msg: 'shutdown failed', err: { message: 'disk gone' } });
  });
});
