/**
 * In-page probes of bench/client.ts, bundled by esbuild and added to every page before the app
 * loads. Every time is `performance.now()` of the page, so input, rendering and the measuring
 * never cross a process boundary: the time of the last trusted click or Enter is recorded in the
 * capture phase, and `visible` polls once per animation frame until a message bubble (or contact
 * row) with the given text is on screen inside its scrolling container.
 */
/** A message bubble, a row of the chats' contact tree, a row of the rail's Contacts directory. */
type Kind = 'bubble' | 'contact' | 'directory';

interface Probe {
  lastInput: number;
  visible(kind: Kind, text: string, timeoutMs: number): Promise<number>;
  whole(kind: Kind, text: string): boolean;
  count(dbName: string, table: string): Promise<number>;
  rows(kind: Kind): number;
}

const SELECTORS: Record<Kind, { box: string; item: string }> = {
  bubble: { box: '[role="log"]', item: '[role="log"] [role="listitem"]' },
  contact: { box: '.contacts', item: '.contacts button.contact' },
  directory: { box: '.directory-scroll', item: '.directory-row' },
};

function find(kind: Kind, text: string): { item: DOMRect; box: DOMRect } | null {
  const s = SELECTORS[kind];
  const box = document.querySelector(s.box);
  if (!box) return null;
  for (const el of document.querySelectorAll(s.item)) {
    if (!el.textContent?.includes(text)) continue;
    return { item: el.getBoundingClientRect(), box: box.getBoundingClientRect() };
  }
  return null;
}

const probe: Probe = {
  lastInput: 0,
  visible(kind, text, timeoutMs) {
    const t0 = performance.now();
    return new Promise((resolve, reject) => {
      const tick = (): void => {
        const f = find(kind, text);
        if (f && f.item.height > 0 && f.item.bottom > f.box.top && f.item.top < f.box.bottom) {
          // Named in a trace (BENCH_CLIENT_TRACE): where the phase ends.
          performance.mark('bench:visible');
          resolve(performance.now());
          return;
        }
        if (performance.now() - t0 > timeoutMs) reject(new Error(`not visible in ${timeoutMs} ms: ${text}`));
        else requestAnimationFrame(tick);
      };
      tick();
    });
  },
  whole(kind, text) {
    const f = find(kind, text);
    return !!f && f.item.top >= f.box.top - 1 && f.item.bottom <= f.box.bottom + 1;
  },
  rows(kind) {
    return document.querySelectorAll(SELECTORS[kind].item).length;
  },
  async count(dbName, table) {
    // Opening a name that does not exist yet would create it, empty, under the app's feet.
    if (!(await indexedDB.databases()).some((d) => d.name === dbName)) return 0;
    return new Promise((resolve) => {
      const req = indexedDB.open(dbName);
      req.onerror = () => resolve(0);
      req.onsuccess = () => {
        const db = req.result;
        if (!db.objectStoreNames.contains(table)) {
          db.close();
          resolve(0);
          return;
        }
        const c = db.transaction(table, 'readonly').objectStore(table).count();
        c.onsuccess = () => {
          db.close();
          resolve(c.result);
        };
        c.onerror = () => {
          db.close();
          resolve(0);
        };
      };
    });
  },
};

const mark = (e: Event): void => {
  if (e.isTrusted && (e.type === 'pointerdown' || (e as KeyboardEvent).key === 'Enter'))
    probe.lastInput = performance.now();
};
addEventListener('pointerdown', mark, true);
addEventListener('keydown', mark, true);
(window as unknown as { __bench: Probe }).__bench = probe;
