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
  const list = {
    subscribed: 0,
    getSnapshot: () => undefined,
    subscribe(listener: () => void) {
      list.subscribed += 1;
      listListeners.add(listener);
      return () => listListeners.delete(listener);
    },
  };
  return {
    list,
    listListeners,
    head: () => new Promise<TreeHead | null>((resolve) => (resolveHead = resolve)),
    resolveHead: (head: TreeHead | null) => resolveHead(head),
  };
});

vi.mock('../../db/contactList', () => ({ contactListStore: () => fake.list }));
vi.mock('./treeHead', () => ({ readHead: () => fake.head() }));

const { keepTreeEntries } = await import('./useTree');

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
});
