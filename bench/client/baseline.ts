/**
 * The baseline of bench/client.ts, run in the page: a plain Dexie `bulkPut` of message rows of
 * the same shape and size as the app's (renderer/src/db/schema.ts `MessageRow`) into a table with
 * the same indexes, one transaction per page of `pageSize` rows, as a catch-up page arrives. No
 * counters, no live queries, no UI: what IndexedDB itself costs in this browser. Bundled by
 * esbuild into the page (bench/client.ts).
 */
import { Dexie } from 'dexie';

const LINES = [
  'Is the 500-piece MOQ firm, or can we start with 300 pieces?',
  '最低起订量可以降到300件，但单价会高一些。',
  'Czy możecie wysłać próbki przed zamówieniem? Potrzebujemy IP65.',
  '样品可以在三天内寄出，运费由买家承担。',
];
const hex = (n: number, seed: number): string =>
  seed
    .toString(16)
    .padStart(8, '0')
    .repeat(n / 8 + 1)
    .slice(0, n);

async function baseline(count: number, pageSize: number): Promise<{ rowsPerSecond: number; stored: number }> {
  const name = `bench-baseline-${count}-${Date.now()}`;
  const db = new Dexie(name);
  db.version(1).stores({ messages: '&clientId, &[conversationId+seq], [conversationId+sort], status' });
  const table = db.table('messages');
  const conversationId = 'dm:bench-a:bench-b';
  const start = Date.now() - 365 * 24 * 3600_000;
  const row = (i: number) => ({
    clientId: crypto.randomUUID(),
    conversationId,
    seq: i + 1,
    sort: i + 1,
    sender: i % 2 === 0 ? 'bench-b' : 'bench-a',
    text: `${LINES[i % LINES.length]} (${i + 1})`,
    lang: 'en',
    translation: null,
    attachments: [],
    order: null,
    sentAt: new Date(start + i * 300_000).toISOString(),
    createdAt: new Date(start + i * 300_000).toISOString(),
    prevHash: hex(64, i),
    hash: hex(64, i + 1),
    signature: hex(128, i + 7),
    status: 'stored',
  });
  // Rows are built before the clock starts: only the writes are timed.
  const pages: ReturnType<typeof row>[][] = [];
  for (let i = 0; i < count; i += pageSize)
    pages.push(Array.from({ length: Math.min(pageSize, count - i) }, (_, k) => row(i + k)));
  await db.open();
  const t0 = performance.now();
  for (const page of pages) await db.transaction('rw', table, () => table.bulkPut(page));
  const seconds = (performance.now() - t0) / 1000;
  const stored = await table.count();
  db.close();
  await Dexie.delete(name);
  return { rowsPerSecond: count / seconds, stored };
}

(window as unknown as { __benchBaseline: typeof baseline }).__benchBaseline = baseline;
