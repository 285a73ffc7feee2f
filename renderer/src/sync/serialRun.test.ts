import { afterEach, describe, expect, it, vi } from 'vitest';
import { SerialRun } from './serialRun';

afterEach(() => vi.useRealTimers());

describe('SerialRun', () => {
  it('runs one body at a time, in call order', async () => {
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let n = 0;
    const runner = new SerialRun('test', async () => {
      const i = ++n;
      log.push(`start ${i}`);
      if (i === 1) await gate;
      log.push(`end ${i}`);
    });
    const first = runner.run();
    const second = runner.run();
    await Promise.resolve();
    expect(log).toEqual(['start 1']);
    release();
    await Promise.all([first, second]);
    expect(log).toEqual(['start 1', 'end 1', 'start 2', 'end 2']);
  });

  it('keeps serving after a body throws', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    let calls = 0;
    const runner = new SerialRun('test', () => {
      calls++;
      return calls === 1 ? Promise.reject(new Error('boom')) : Promise.resolve();
    });
    await runner.run();
    await runner.run();
    expect(calls).toBe(2);
    expect(warn).toHaveBeenCalledOnce();
    warn.mockRestore();
  });

  it('retries after the delay, once, and a run before it replaces the retry', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const runner = new SerialRun('test', () => {
      calls++;
      return Promise.resolve();
    });
    runner.retryIn(1_000);
    await vi.advanceTimersByTimeAsync(999);
    expect(calls).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls).toBe(1);

    runner.retryIn(1_000);
    await runner.run(); // a run in between cancels the pending retry
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(calls).toBe(2);
  });

  it('schedules nothing after dispose until the next run', async () => {
    vi.useFakeTimers();
    let calls = 0;
    const runner = new SerialRun('test', () => {
      calls++;
      return Promise.resolve();
    });
    runner.retryIn(100);
    runner.dispose();
    runner.retryIn(100);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(0);
    await runner.run();
    runner.retryIn(100);
    await vi.advanceTimersByTimeAsync(100);
    expect(calls).toBe(2);
  });
});
