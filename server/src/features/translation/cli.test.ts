import { describe, expect, it } from 'vitest';
import type { Store } from '../../platform/db';
import { translationCommand } from './cli';

/** A Store stand-in that records budget writes and answers the usage queries with nothing. */
function fakeStore() {
  const writes: unknown[][] = [];
  const store = {
    kind: 'pglite',
    query: (sql: string, params?: readonly unknown[]) => {
      if (/^INSERT INTO translation_budget|^DELETE FROM translation_budget/.test(sql.trim()))
        writes.push([...(params ?? [])]);
      return Promise.resolve([]);
    },
    exec: () => Promise.resolve(),
    transaction: () => Promise.reject(new Error('unused')),
    close: () => Promise.resolve(),
  } as unknown as Store;
  return { store, writes };
}

describe('translation CLI', () => {
  it('sets and clears a member budget', async () => {
    const { store, writes } = fakeStore();
    const lines: string[] = [];
    expect(
      await translationCommand(['budget', '--user', 'Alice', '--chars', '5000'], store, (l) => lines.push(l)),
    ).toBe(0);
    expect(
      await translationCommand(['budget', '--user', 'alice', '--clear'], store, (l) => lines.push(l)),
    ).toBe(0);
    expect(writes).toEqual([['alice', 5000], ['alice']]);
    expect(
      await translationCommand(['budget', '--user', 'alice', '--chars=-1'], store, (l) => lines.push(l)),
    ).toBe(2);
  });

  it('reports usage without a key', async () => {
    const saved = process.env.DEEPL_AUTH_KEY;
    delete process.env.DEEPL_AUTH_KEY;
    const lines: string[] = [];
    expect(
      await translationCommand(['usage', '--month', '2026-05'], fakeStore().store, (l) => lines.push(l)),
    ).toBe(0);
    if (saved !== undefined) process.env.DEEPL_AUTH_KEY = saved;
    expect(lines[0]).toContain('no key');
    expect(lines[1]).toContain('2026-05');
  });
});
