/**
 * `pipelined` (issue 10): the next request is on the wire while an answer is stored, answers are
 * stored in the order asked and each only after the previous store resolved, and a store that
 * fails ends the loop with nothing after it stored.
 */
import { describe, expect, it } from 'vitest';
import { pipelined } from './pipeline';

/** A promise with its resolver outside. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

describe('pipelined', () => {
  it('asks for answer n+1 while answer n is stored, and stores them one after another in order', async () => {
    const log: string[] = [];
    const stores = [gate(), gate(), gate()];
    let asked = 0;
    const run = pipelined<number>({
      ask: () => {
        if (asked === 3) return null;
        const n = asked++;
        log.push(`ask ${n}`);
        return Promise.resolve(n);
      },
      received: () => true,
      store: async (n) => {
        log.push(`store ${n}`);
        await stores[n]?.promise;
        log.push(`committed ${n}`);
      },
    });
    // Store 0 hangs: request 1 is out already, store 1 has not started.
    await expect.poll(() => log).toEqual(['ask 0', 'ask 1', 'store 0']);
    stores[0]?.open();
    await expect.poll(() => log.length).toBe(6);
    expect(log).toEqual(['ask 0', 'ask 1', 'store 0', 'committed 0', 'ask 2', 'store 1']);
    stores[1]?.open();
    stores[2]?.open();
    await run;
    expect(log.slice(6)).toEqual(['committed 1', 'store 2', 'committed 2']);
  });

  it('stops asking when an answer says so, and still stores what was received', async () => {
    const stored: number[] = [];
    let asked = 0;
    await pipelined<number>({
      ask: () => Promise.resolve(asked++),
      received: (n) => n < 2,
      store: (n) => {
        stored.push(n);
        return Promise.resolve();
      },
    });
    expect(asked).toBe(3);
    expect(stored).toEqual([0, 1, 2]);
  });

  it('ends at a failed store: nothing after it is stored, the request ahead fails unobserved', async () => {
    const stored: number[] = [];
    let asked = 0;
    const run = pipelined<number>({
      ask: () => {
        const n = asked++;
        // The request ahead of the failing store fails too: no unhandled rejection may follow.
        return n === 2 ? Promise.reject(new Error('offline')) : Promise.resolve(n);
      },
      received: () => true,
      store: (n) => {
        if (n === 1) return Promise.reject(new Error('quota'));
        stored.push(n);
        return Promise.resolve();
      },
    });
    await expect(run).rejects.toThrow('quota');
    expect(stored).toEqual([0]);
    expect(asked).toBe(3);
  });
});
