/**
 * Issue 10, cold start: the search indexer starts after the first screen (a delay, then the
 * window's next idle moment), not beside the first reads; leaving before that never starts it.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterFirstScreen, START_DELAY_MS, START_IDLE_TIMEOUT_MS } from './progress';

describe('the search indexer’s start', () => {
  const idle: { cb: () => void; timeout: number | undefined }[] = [];
  const cancelled: number[] = [];
  beforeEach(() => {
    vi.useFakeTimers();
    idle.length = 0;
    cancelled.length = 0;
    vi.stubGlobal('requestIdleCallback', (cb: () => void, o?: { timeout?: number }) =>
      idle.push({ cb, timeout: o?.timeout }),
    );
    vi.stubGlobal('cancelIdleCallback', (id: number) => cancelled.push(id));
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('waits for the delay, then for the window to be idle (with a deadline)', () => {
    const start = vi.fn();
    afterFirstScreen(start);
    vi.advanceTimersByTime(START_DELAY_MS - 1);
    expect(idle).toHaveLength(0);
    vi.advanceTimersByTime(1);
    expect(idle).toEqual([{ cb: start, timeout: START_IDLE_TIMEOUT_MS }]);
    expect(start).not.toHaveBeenCalled();
    idle[0]!.cb();
    expect(start).toHaveBeenCalledTimes(1);
  });

  it('never starts when cancelled first, before or after the delay', () => {
    const start = vi.fn();
    afterFirstScreen(start)();
    vi.advanceTimersByTime(START_DELAY_MS * 2);
    expect(idle).toHaveLength(0);

    const cancel = afterFirstScreen(start);
    vi.advanceTimersByTime(START_DELAY_MS);
    cancel();
    expect(cancelled).toEqual([1]);
    expect(start).not.toHaveBeenCalled();
  });

  it('starts after the delay where the window has no idle callbacks', () => {
    vi.stubGlobal('requestIdleCallback', undefined);
    const start = vi.fn();
    afterFirstScreen(start);
    vi.advanceTimersByTime(START_DELAY_MS);
    expect(start).toHaveBeenCalledTimes(1);
  });
});
