/**
 * `pipelined` (issue 10): requests go out while answers are stored, answers are stored in the
 * order asked and each store only after the previous one resolved (those that arrived meanwhile
 * together), no request goes out while `limit` waits, and a failure ends the loop with nothing
 * after it stored and nothing more asked.
 */
import { describe, expect, it } from 'vitest';
import { pipelined } from './pipeline';

/** A promise with its resolver outside. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open: () => void = () => undefined;
  const promise = new Promise<void>((resolve) => (open = resolve));
  return { promise, open };
}

const tick = (): Promise<void> => new Promise((r) => setTimeout(r, 0));
/** An answer that comes back a turn of the event loop later, as over a socket. */
const later = <T>(value: T): Promise<T> => tick().then(() => value);

describe('pipelined', () => {
  it('asks on while a store runs, then stores what arrived meanwhile together, in order', async () => {
    const log: string[] = [];
    const first = gate();
    let asked = 0;
    const run = pipelined<number>(
      {
        ask: () => {
          if (asked === 4) return null;
          const n = asked++;
          log.push(`ask ${n}`);
          return later(n);
        },
        received: () => true,
        store: async (ns) => {
          log.push(`store ${ns.join('+')}`);
          if (ns[0] === 0) await first.promise;
          log.push(`committed ${ns.join('+')}`);
        },
      },
      { limit: 10, weight: () => 1 },
    );
    // Store 0 hangs: every other request has gone out and been answered, none stored yet.
    await expect.poll(() => log).toEqual(['ask 0', 'ask 1', 'store 0', 'ask 2', 'ask 3']);
    await tick();
    expect(log).toHaveLength(5);
    first.open();
    await run;
    expect(log.slice(5)).toEqual(['committed 0', 'store 1+2+3', 'committed 1+2+3']);
  });

  it('asks no more while `limit` of answers wait to be stored', async () => {
    const first = gate();
    let asked = 0;
    const run = pipelined<number>(
      {
        ask: () => (asked < 10 ? later(asked++) : null),
        received: () => true,
        store: async (ns) => {
          if (ns[0] === 0) await first.promise;
        },
      },
      { limit: 3, weight: () => 1 },
    );
    await expect.poll(() => asked).toBe(4); // 0 being stored, 1–3 waiting
    await tick();
    expect(asked).toBe(4);
    first.open();
    await run;
    expect(asked).toBe(10);
  });

  it('stops asking when an answer says so, and still stores what was received', async () => {
    const stored: number[] = [];
    let asked = 0;
    await pipelined<number>({
      ask: () => Promise.resolve(asked++),
      received: (n) => n < 2,
      store: (ns) => {
        stored.push(...ns);
        return Promise.resolve();
      },
    });
    expect(asked).toBe(3);
    expect(stored).toEqual([0, 1, 2]);
  });

  it('ends at a failed store: nothing after it is stored and nothing more is asked', async () => {
    const stored: number[] = [];
    const second = gate();
    let asked = 0;
    const run = pipelined<number>(
      {
        ask: () => {
          const n = asked++;
          return n === 2 ? second.promise.then(() => n) : Promise.resolve(n);
        },
        received: () => true,
        store: (ns) => {
          if (ns.includes(1)) return Promise.reject(new Error('quota'));
          stored.push(...ns);
          return Promise.resolve();
        },
      },
      { limit: 1, weight: () => 1 },
    );
    await expect(run).rejects.toThrow('quota');
    second.open(); // the request ahead answers after the failure
    await tick();
    expect(stored).toEqual([0]);
    expect(asked).toBe(3);
  });

  it('stores what arrived before a request that fails, then reports the failure', async () => {
    const stored: number[] = [];
    let asked = 0;
    const run = pipelined<number>({
      ask: () => {
        const n = asked++;
        return n === 2 ? Promise.reject(new Error('offline')) : Promise.resolve(n);
      },
      received: () => true,
      store: (ns) => {
        stored.push(...ns);
        return Promise.resolve();
      },
    });
    await expect(run).rejects.toThrow('offline');
    expect(stored).toEqual([0, 1]);
  });
});
