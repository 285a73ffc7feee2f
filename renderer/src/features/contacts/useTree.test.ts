/**
 * The order of a cold start's reads (issue 10, a seller's 10,000 conversations): the kept first
 * screen (one prefs row) is read before the contact list's own read of every contact and
 * conversation starts, so it is not queued behind 20,000 rows; once drawn, the list takes over.
 */
import { describe, expect, it, vi } from 'vitest';
import type { TreeHead } from '../../db/rows/contacts';
import type { TradewindDb } from '../../db/schema';

const fake = vi.hoisted(() => {
  let resolveHead: (head: TreeHead | null) => void = () => undefined;
  const listListeners = new Set<() => void>();
  // A new list (and so a new tree store: one per list) for each test.
  const newList = () => {
    const list = {
      subscribed: 0,
      getSnapshot: () => undefined,
      subscribe(listener: () => void) {
        list.subscribed += 1;
        listListeners.add(listener);
        return () => listListeners.delete(listener);
      },
    };
    return list;
  };
  return {
    list: newList(),
    newList,
    listListeners,
    head: () => new Promise<TreeHead | null>((resolve) => (resolveHead = resolve)),
    resolveHead: (head: TreeHead | null) => resolveHead(head),
  };
});

vi.mock('../../db/contactList', () => ({ contactListStore: () => fake.list }));
vi.mock('./treeHead', () => ({ readHead: () => fake.head() }));

const { keepTreeEntries, PAINT_TIMEOUT_MS } = await import('./useTree');

describe('the contact tree at a cold start', () => {
  it('starts the list’s read only after the kept first screen is read, and stops it with its last listener', async () => {
    const stop = keepTreeEntries({} as TradewindDb, 'shop');
    await Promise.resolve();
    expect(fake.list.subscribed).toBe(0);

    fake.resolveHead(null);
    await vi.waitFor(() => expect(fake.list.subscribed).toBe(1));
    expect(fake.listListeners.size).toBe(1);

    stop();
    expect(fake.listListeners.size).toBe(0);
  });

  it('with a kept first screen, starts the list’s read after the frame that draws it is painted', async () => {
    fake.list = fake.newList();
    const frames: FrameRequestCallback[] = [];
    let framed: () => void = () => undefined;
    const asked = new Promise<void>((r) => (framed = r));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      frames.push(cb);
      framed();
    });
    vi.stubGlobal('document', { visibilityState: 'visible' });
    try {
      const stop = keepTreeEntries({} as TradewindDb, 'shop');
      fake.resolveHead({ me: 'shop', lines: [], total: 0 });
      await asked;
      expect(frames).toHaveLength(1);
      // The head is published; the frame that draws it has not run yet: no read of the list, with
      // every timer due before the fallback's run.
      await vi.advanceTimersByTimeAsync(PAINT_TIMEOUT_MS - 1);
      expect(fake.list.subscribed).toBe(0);
      frames.shift()!(0);
      // The read starts in the task after the frame, well before the fallback's time.
      expect(fake.list.subscribed).toBe(0);
      await vi.advanceTimersByTimeAsync(0);
      expect(fake.list.subscribed).toBe(1);
      // The fallback was cleared: nothing starts a second time.
      await vi.advanceTimersByTimeAsync(PAINT_TIMEOUT_MS);
      expect(fake.list.subscribed).toBe(1);
      stop();
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });

  it('starts the list’s read after PAINT_TIMEOUT_MS when the window hides before the frame runs', async () => {
    fake.list = fake.newList();
    const frames: FrameRequestCallback[] = [];
    let framed: () => void = () => undefined;
    const asked = new Promise<void>((r) => (framed = r));
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.stubGlobal('requestAnimationFrame', (cb: FrameRequestCallback) => {
      frames.push(cb);
      framed();
    });
    vi.stubGlobal('document', { visibilityState: 'visible' });
    try {
      const stop = keepTreeEntries({} as TradewindDb, 'shop');
      fake.resolveHead({ me: 'shop', lines: [], total: 0 });
      await asked;
      expect(frames).toHaveLength(1);
      // Minimised: the frame never runs.
      await vi.advanceTimersByTimeAsync(PAINT_TIMEOUT_MS - 1);
      expect(fake.list.subscribed).toBe(0);
      await vi.advanceTimersByTimeAsync(1);
      expect(fake.list.subscribed).toBe(1);
      // Shown again later: its frame starts nothing a second time.
      frames.shift()!(0);
      await vi.advanceTimersByTimeAsync(PAINT_TIMEOUT_MS);
      expect(fake.list.subscribed).toBe(1);
      stop();
    } finally {
      vi.useRealTimers();
      vi.unstubAllGlobals();
    }
  });
});
