import { describe, expect, it } from 'vitest';
import { RecentSet } from './messageRequests';

describe('RecentSet (the conversations a node knows exist)', () => {
  it('remembers what was added, and nothing else', () => {
    const s = new RecentSet(3);
    s.add('a');
    s.add('b');
    expect([s.has('a'), s.has('b'), s.has('c')]).toEqual([true, true, false]);
  });

  it('holds at most two generations, dropping the keys not used for the longest', () => {
    const s = new RecentSet(2);
    for (const k of ['a', 'b', 'c', 'd', 'e']) s.add(k);
    // young {e}, old {c, d}: a and b dropped.
    expect(s.size).toBe(3);
    expect(['a', 'b', 'c', 'd', 'e'].map((k) => s.has(k))).toEqual([false, false, true, true, true]);
    for (let i = 0; i < 1000; i++) s.add(`k${i}`);
    expect(s.size).toBeLessThanOrEqual(4);
  });

  it('keeps a key in use: one found in the old generation moves to the young one', () => {
    const s = new RecentSet(2);
    s.add('kept');
    s.add('x');
    s.add('y'); // young {y}, old {kept, x}
    expect(s.has('kept')).toBe(true); // young {y, kept}
    s.add('z'); // young {z}, old {y, kept}: x dropped
    s.add('w'); // young {z, w}
    expect([s.has('kept'), s.has('x')]).toEqual([true, false]);
  });
});
