/**
 * Sample conversations for tests, the benchmark and the worked example of docs/evidence.md:
 * messages chained and signed exactly as the server does it, with photos and orders.
 * Deterministic for a given seed.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { createAttestation, selectMessages } from './attestation';
import { batchStatement, batchTree } from './batch';
import { bytesToHex, chainHash, genesisHash, sha256Hex, signHash } from './chain';
import { crc32 } from './crc32';
import type { Attestation, EvidenceAttachmentRef, EvidenceMessage, Participant, Scope } from './format';
import { keyIdOf, publicKeyOf } from './keys';
import { strToU8, zlibSync } from 'fflate';
import { conversationIdFor } from '../protocol/conversation';

/** xorshift32: a tiny deterministic PRNG. */
export function prng(seed: number): () => number {
  let x = seed >>> 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 0x100000000;
  };
}

function fill(bytes: Uint8Array, from: number, rnd: () => number): void {
  // Four random bytes per call keeps gigabyte-sized benches fast.
  for (let i = from; i < bytes.length; i += 4) {
    const v = (rnd() * 0x100000000) >>> 0;
    bytes[i] = v & 255;
    if (i + 1 < bytes.length) bytes[i + 1] = (v >>> 8) & 255;
    if (i + 2 < bytes.length) bytes[i + 2] = (v >>> 16) & 255;
    if (i + 3 < bytes.length) bytes[i + 3] = v >>> 24;
  }
}

/** Random-ish bytes that start like a JPEG (SOI + JFIF APP0) and end with EOI. */
export function fakeJpeg(size: number, seed: number): Uint8Array {
  const b = new Uint8Array(Math.max(size, 24));
  fill(b, 0, prng(seed));
  b.set([
    0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00, 0x00, 0x01, 0x00,
    0x01, 0x00, 0x00,
  ]);
  b[b.length - 2] = 0xff;
  b[b.length - 1] = 0xd9;
  return b;
}

/** A real 1×1 PNG (a red pixel), small enough for tests that render images. */
export const TINY_PNG = Uint8Array.from([
  0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52, 0x00, 0x00,
  0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x08, 0x02, 0x00, 0x00, 0x00, 0x90, 0x77, 0x53, 0xde, 0x00, 0x00, 0x00,
  0x0c, 0x49, 0x44, 0x41, 0x54, 0x08, 0xd7, 0x63, 0xf8, 0xcf, 0xc0, 0x00, 0x00, 0x03, 0x01, 0x01, 0x00, 0x18,
  0xdd, 0x8d, 0xb0, 0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
]);

/** A real RGB PNG of `w`×`h` pixels whose colour comes from `rgb(x, y)`. */
export function makePng(
  w: number,
  h: number,
  rgb: (x: number, y: number) => [number, number, number],
): Uint8Array {
  const raw = new Uint8Array((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) {
    raw[y * (w * 3 + 1)] = 0; // filter: none
    for (let x = 0; x < w; x++) raw.set(rgb(x, y), y * (w * 3 + 1) + 1 + x * 3);
  }
  const chunk = (type: string, data: Uint8Array): Uint8Array => {
    const out = new Uint8Array(12 + data.length);
    const dv = new DataView(out.buffer);
    dv.setUint32(0, data.length);
    for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
    out.set(data, 8);
    dv.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
    return out;
  };
  const ihdr = new Uint8Array(13);
  new DataView(ihdr.buffer).setUint32(0, w);
  new DataView(ihdr.buffer).setUint32(4, h);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const parts = [
    Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array()),
  ];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    png.set(p, o);
    o += p.length;
  }
  return png;
}

/** A 320×200 "photo of a shipping label": a parcel-brown background with a white label and bars. */
export function labelPhoto(): Uint8Array {
  return makePng(320, 200, (x, y) => {
    const inLabel = x > 60 && x < 260 && y > 40 && y < 160;
    if (!inLabel) return [166 - ((x + y) % 17), 123 - ((x * 3) % 11), 84];
    const bar = y > 110 && y < 150 && x > 80 && x < 240 && (x * 7) % 5 < 2;
    const text = y > 55 && y < 95 && x > 80 && x < 240 && y % 12 < 5 && x % 23 < 17;
    return bar || text ? [20, 20, 20] : [250, 250, 245];
  });
}

export interface DraftMessage {
  sender: string;
  text: string;
  lang?: string | null;
  translation?: { text: string; lang: string } | null;
  attachments?: { name: string; mime: string; bytes: Uint8Array; width?: number; height?: number }[];
  order?: EvidenceMessage['order'];
  /** An edit or retraction of an earlier message (issue 11). */
  change?: EvidenceMessage['change'];
  /** A reply to an earlier message (issue 11). */
  replyTo?: EvidenceMessage['replyTo'];
  /** An automatic reply the server sent for the sender (issue 11). */
  automatic?: EvidenceMessage['automatic'];
  /** Defaults to one minute after the previous message. */
  sentAt?: string;
}

export interface SampleConversation {
  conversationId: string;
  participants: Participant[];
  messages: EvidenceMessage[];
  attachments: Map<string, Uint8Array>;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
}

/** Stores drafts the way the server does: seq, server time, chain hash, signature. */
export function chainMessages(
  participants: [Participant, Participant],
  drafts: readonly DraftMessage[],
  secretKey: Uint8Array,
  opts: {
    start?: string;
    clientIdSeed?: number;
    /** The key that signs draft `i` (default `secretKey`): older messages under a replaced key. */
    secretKeyFor?: (i: number) => Uint8Array;
    /**
     * The group commits the drafts were stored in, as their sizes in order (default: each alone):
     * a commit of more than one is signed once, by the key of its first message, and each of its
     * messages gets its inclusion proof ({@link signBatch}). Drafts past the last size are alone.
     */
    batches?: readonly number[];
  } = {},
): SampleConversation {
  const conversationId = conversationIdFor(participants[0].memberId, participants[1].memberId);
  const rnd = prng(opts.clientIdSeed ?? 7);
  let t = Date.parse(opts.start ?? '2025-03-03T08:00:00.000Z');
  let prevHash = genesisHash(conversationId);
  const messages: EvidenceMessage[] = [];
  const attachments = new Map<string, Uint8Array>();
  drafts.forEach((d, i) => {
    const refs: EvidenceAttachmentRef[] = (d.attachments ?? []).map((a) => {
      const sha256 = sha256Hex(a.bytes);
      attachments.set(sha256, a.bytes);
      const r: EvidenceAttachmentRef = { sha256, name: a.name, mime: a.mime, size: a.bytes.length };
      if (a.width !== undefined) r.width = a.width;
      if (a.height !== undefined) r.height = a.height;
      return r;
    });
    const sentAt = d.sentAt ?? new Date(t).toISOString();
    t = Date.parse(sentAt) + 60_000;
    const hex = Array.from({ length: 32 }, () => Math.floor(rnd() * 16).toString(16)).join('');
    const clientId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
    const base = {
      conversationId,
      seq: i + 1,
      clientId,
      sender: d.sender,
      text: d.text,
      lang: d.lang ?? null,
      translation: d.translation ?? null,
      attachments: refs,
      order: d.order ?? null,
      ...(d.change ? { change: d.change } : {}),
      ...(d.replyTo ? { replyTo: d.replyTo } : {}),
      ...(d.automatic ? { automatic: d.automatic } : {}),
      sentAt,
    };
    const hash = chainHash(prevHash, base);
    const key = opts.secretKeyFor?.(i) ?? secretKey;
    messages.push({
      ...base,
      prevHash,
      hash,
      signature: signHash(hash, key),
      keyId: keyIdOf(publicKeyOf(key)),
    });
    prevHash = hash;
  });
  let at = 0;
  for (const size of opts.batches ?? []) {
    const batch = messages.slice(at, at + size);
    if (batch.length > 1) signBatch(batch, opts.secretKeyFor?.(at) ?? secretKey);
    at += size;
  }
  return {
    conversationId,
    participants: [...participants].sort((a, b) => (a.memberId < b.memberId ? -1 : 1)),
    messages,
    attachments,
    secretKey,
    publicKey: publicKeyOf(secretKey),
  };
}

/**
 * Signs chained messages as one group commit of the server does (docs/evidence.md § Batch
 * signatures): one Ed25519 signature over `batchStatement` of the Merkle root of their hashes in
 * this order, and each message's proof of its leaf. Replaces their `signature` and `proof` (and
 * `keyId`, the signer's) in place. More than one message: a commit of one is signed alone.
 */
export function signBatch(messages: EvidenceMessage[], secretKey: Uint8Array): void {
  const { root, paths } = batchTree(messages.map((m) => m.hash));
  const signature = bytesToHex(ed25519.sign(batchStatement(root), secretKey));
  const keyId = keyIdOf(publicKeyOf(secretKey));
  messages.forEach((m, i) => {
    m.signature = signature;
    m.keyId = keyId;
    m.proof = { index: i, size: messages.length, path: paths[i] as string[] };
  });
}

/** A fixed test key (never use outside tests). */
export const TEST_SECRET_KEY = Uint8Array.from({ length: 32 }, (_, i) => (i * 37 + 11) & 255);

export const BUYER: Participant = {
  memberId: 'anna.kowalska',
  displayName: 'Anna Kowalska',
  timeZone: 'Europe/Warsaw',
};
export const SELLER: Participant = {
  memberId: 'shenzhen-led',
  displayName: '深圳光明电子 · Li Wei',
  timeZone: 'Asia/Shanghai',
};

/**
 * A short multilingual dispute: Polish buyer, Chinese seller, an Arabic note, a Persian offer
 * (with a zero-width non-joiner, U+200C, as Persian spelling uses it), orders, a photo.
 */
export function sampleDispute(
  secretKey: Uint8Array = TEST_SECRET_KEY,
  /** The group commits its messages were stored in (`chainMessages`' `batches`); default each alone. */
  batches?: readonly number[],
): SampleConversation {
  const order = {
    orderNo: 'TW-2025-0042',
    productId: 'LED-5050-RGB',
    title: 'Taśma LED 5050 RGB 5 m',
    price: 'USD 3.20',
    quantity: 500,
  };
  return chainMessages(
    [BUYER, SELLER],
    [
      {
        sender: 'anna.kowalska',
        text: 'Dzień dobry, zamawiam 500 taśm LED 5050 RGB, wodoodpornych (IP65).',
        lang: 'pl',
        translation: { text: '您好，我订购500条防水（IP65）5050 RGB LED灯带。', lang: 'zh' },
        order,
      },
      {
        sender: 'shenzhen-led',
        text: '好的，IP65防水，5月10日前发货。',
        lang: 'zh',
        translation: { text: 'Dobrze, wodoodporne IP65, wysyłka przed 10 maja.', lang: 'pl' },
        order,
      },
      {
        sender: 'anna.kowalska',
        text: 'Zdjęcie etykiety z dostawy: brak oznaczenia IP65.',
        lang: 'pl',
        translation: { text: '到货标签照片：没有IP65标识。', lang: 'zh' },
        order,
        attachments: [
          { name: 'etykieta.png', mime: 'image/png', bytes: labelPhoto(), width: 320, height: 200 },
        ],
      },
      {
        sender: 'shenzhen-led',
        text: 'هذه الدفعة مخصصة للاستخدام الداخلي فقط.',
        lang: 'ar',
        translation: { text: 'Ta partia jest przeznaczona tylko do użytku wewnątrz.', lang: 'pl' },
      },
      {
        sender: 'anna.kowalska',
        text: 'Otwieram spór na platformie. Zamówienie TW-2025-0042.',
        lang: 'pl',
        order: { orderNo: 'TW-2025-0042' },
      },
      {
        sender: 'shenzhen-led',
        text: 'برچسب IP65 را در محموله‌ی بعدی اضافه می‌کنیم.',
        lang: 'fa',
        translation: { text: 'Dodamy etykietę IP65 w następnej dostawie.', lang: 'pl' },
      },
    ],
    secretKey,
    batches ? { batches } : {},
  );
}

/** When the sample attestations are issued (a minute before the sample exports). */
export const SAMPLE_ISSUED_AT = '2025-05-20T09:29:59.000Z';

/**
 * The server's attestation of `scope` of a sample conversation, signed by `secretKey` (the
 * conversation's own key unless a test re-signs) and naming `publicKey` as the attestation key
 * (the signer's, unless a test forges); `messageKeys` lists earlier keys that signed some of its
 * messages (key replacement).
 */
export function attestSample(
  c: SampleConversation,
  scope: Scope = { kind: 'whole' },
  {
    secretKey = c.secretKey,
    publicKey = publicKeyOf(secretKey),
    messageKeys = [] as readonly Uint8Array[],
  }: { secretKey?: Uint8Array; publicKey?: Uint8Array; messageKeys?: readonly Uint8Array[] } = {},
): Attestation {
  return createAttestation({
    conversationId: c.conversationId,
    participants: c.participants,
    scope,
    messages: selectMessages(c.messages, scope),
    issuedAt: SAMPLE_ISSUED_AT,
    publicKey,
    messageKeys,
    secretKey,
  });
}

/** One entry of {@link rawZip}: bytes as they go into the archive, sizes and CRC as declared. */
export interface RawEntry {
  name: string;
  /** The entry's data as stored in the archive (already deflated when `method` is 8). */
  data: Uint8Array;
  method?: 0 | 8;
  /** Declared uncompressed size (default: `data.length`). */
  size?: number;
  /** Declared CRC-32 (default: of `data`, right for stored entries). */
  crc?: number;
}

/**
 * A zip written entry by entry with whatever the test declares — duplicate names, sizes that lie,
 * bombs — which no well-behaved writer (fflate's zipSync takes an object, one entry per name)
 * produces. UTF-8 names, no extra fields, entries end to end, then the central directory.
 */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = strToU8(e.name);
    const crc = e.crc ?? crc32(e.data);
    const size = e.size ?? e.data.length;
    const header = (central: boolean): Uint8Array => {
      const h = new Uint8Array((central ? 46 : 30) + name.length);
      const dv = new DataView(h.buffer);
      dv.setUint32(0, central ? 0x02014b50 : 0x04034b50, true);
      const o = central ? 2 : 0; // a central record has "version made by" first
      if (central) dv.setUint16(4, 20, true);
      dv.setUint16(4 + o, 20, true);
      dv.setUint16(6 + o, 0x800, true);
      dv.setUint16(8 + o, e.method ?? 0, true);
      dv.setUint32(14 + o, crc, true);
      dv.setUint32(18 + o, e.data.length, true);
      dv.setUint32(22 + o, size, true);
      dv.setUint16(26 + o, name.length, true);
      if (central) dv.setUint32(42, offset, true);
      h.set(name, central ? 46 : 30);
      return h;
    };
    centrals.push(header(true));
    const local = header(false);
    locals.push(local, e.data);
    offset += local.length + e.data.length;
  }
  const cdSize = centrals.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const dv = new DataView(end.buffer);
  dv.setUint32(0, 0x06054b50, true);
  dv.setUint16(8, entries.length, true);
  dv.setUint16(10, entries.length, true);
  dv.setUint32(12, cdSize, true);
  dv.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
