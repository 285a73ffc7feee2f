/**
 * Long histories for operators and benchmarks (`npm run server -- seed …`): a conversation of
 * 100,000 messages, or a seller with 10,000 short conversations. Every message goes through
 * `appendHistory` (features/messages): the same seq, hash chain and signature as a live send, in
 * transactions of `BATCH` messages. Accounts share one password (scrypt once) and list each other
 * as contacts; both sides have everything delivered and all but the last `unread` messages read.
 */
import { conversationIdFor } from '../../../shared/protocol';
import type { Store } from '../platform/db';
import { hashSigner } from '../platform/signing/sign';
import type { SigningKey } from '../platform/signing/signingKey';
import { createUsersSharingPassword } from '../features/auth';
import { addContacts } from '../features/contacts';
import { appendHistory, recordReceipt, type HistoryItem } from '../features/messages';

const BATCH = 1000;

/** A year of trade talk, in the languages the product serves, repeated in a fixed rotation. */
const LINES: readonly { text: string; lang: string }[] = [
  { text: 'Is the 500-piece MOQ firm, or can we start with 300 pieces?', lang: 'en' },
  { text: '最低起订量可以降到300件，但单价会高一些。', lang: 'zh' },
  { text: 'Czy możecie wysłać próbki przed zamówieniem? Potrzebujemy IP65.', lang: 'pl' },
  { text: '样品可以在三天内寄出，运费由买家承担。', lang: 'zh' },
  { text: 'Please confirm the delivery date for order #8123 (LED strip ×300).', lang: 'en' },
  { text: 'Мы получили партию, но две коробки повреждены при доставке.', lang: 'ru' },
  { text: '我们会在周五前安排发货，并提供跟踪号码。', lang: 'zh' },
  { text: 'Faktura proforma jest w załączniku, proszę o potwierdzenie płatności.', lang: 'pl' },
];

export interface SeedReport {
  conversations: number;
  messages: number;
}

function person(memberId: string, role: 'buyer' | 'seller') {
  return {
    memberId,
    displayName: memberId,
    role,
    profile: {
      company: role === 'seller' ? 'Seed Factory' : 'Seed Trading',
      country: role === 'seller' ? 'CN' : 'PL',
      timeZone: role === 'seller' ? 'Asia/Shanghai' : 'Europe/Warsaw',
      languages: role === 'seller' ? ['zh', 'en'] : ['pl', 'en'],
    },
  };
}

/**
 * Appends `count` messages between `a` and `b`, alternating senders, spaced evenly over the year
 * before `now`.
 */
async function fillConversation(
  store: Store,
  signer: { sign: ReturnType<typeof hashSigner>; keyId: string },
  a: string,
  b: string,
  count: number,
  unread: number,
  now: Date,
): Promise<void> {
  const conversationId = conversationIdFor(a, b);
  const start = now.getTime() - 365 * 24 * 3600_000;
  const step = Math.max(1, Math.floor((now.getTime() - start) / Math.max(1, count)));
  let last = 0;
  for (let from = 0; from < count; from += BATCH) {
    const items: HistoryItem[] = [];
    for (let i = from; i < Math.min(count, from + BATCH); i++) {
      const line = LINES[i % LINES.length]!;
      items.push({
        sender: i % 2 === 0 ? b : a,
        text: `${line.text} (${i + 1})`,
        lang: line.lang,
        sentAt: new Date(start + i * step).toISOString(),
      });
    }
    last = await appendHistory(store, signer, conversationId, items, now);
  }
  for (const who of [a, b]) {
    await recordReceipt(store, conversationId, who, 'delivered', last);
    await recordReceipt(store, conversationId, who, 'read', Math.max(0, last - unread));
  }
}

/** One conversation of `messages` between buyer `a` and seller `b` (who writes first). */
export async function seedHistory(
  store: Store,
  key: SigningKey,
  opts: { a: string; b: string; messages: number; unread: number; password: string; now: Date },
): Promise<SeedReport> {
  const signer = { sign: hashSigner(key.secretKey), keyId: key.keyId };
  await createUsersSharingPassword(
    store,
    [person(opts.a, 'buyer'), person(opts.b, 'seller')],
    opts.password,
    opts.now,
  );
  await addContacts(store, opts.a, [opts.b], opts.now);
  await addContacts(store, opts.b, [opts.a], opts.now);
  await fillConversation(store, signer, opts.a, opts.b, opts.messages, opts.unread, opts.now);
  return { conversations: 1, messages: opts.messages };
}

/** A seller with `conversations` buyers (all in the seller's contacts), `perConversation` messages each. */
export async function seedSeller(
  store: Store,
  key: SigningKey,
  opts: {
    seller: string;
    conversations: number;
    perConversation: number;
    unread: number;
    password: string;
    now: Date;
  },
): Promise<SeedReport> {
  const signer = { sign: hashSigner(key.secretKey), keyId: key.keyId };
  const buyers = Array.from(
    { length: opts.conversations },
    (_, i) => `${opts.seller}-b${String(i).padStart(5, '0')}`,
  );
  await createUsersSharingPassword(store, [person(opts.seller, 'seller')], opts.password, opts.now);
  for (let i = 0; i < buyers.length; i += BATCH) {
    const some = buyers.slice(i, i + BATCH);
    await createUsersSharingPassword(
      store,
      some.map((b) => person(b, 'buyer')),
      opts.password,
      opts.now,
    );
    await addContacts(store, opts.seller, some, opts.now);
  }
  // Later buyers wrote more recently, so the list order is known.
  for (const [i, buyer] of buyers.entries()) {
    const at = new Date(opts.now.getTime() - (buyers.length - i) * 60_000);
    await fillConversation(store, signer, opts.seller, buyer, opts.perConversation, opts.unread, at);
  }
  return { conversations: buyers.length, messages: buyers.length * opts.perConversation };
}
