/**
 * The per-conversation hash chain (docs/evidence.md § Chain). Every stored message's hash covers
 * the previous message's hash and the RFC 8785 (JCS) canonical form of the message's content;
 * the server signs each hash with Ed25519. Anyone holding the messages and the server's public
 * key can recompute and check the chain with these functions alone.
 */
import canonicalize from 'canonicalize';
import { ed25519 } from '@noble/curves/ed25519.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js';
import type { AttachmentRef, Message, OrderRef } from '../protocol/schemas';

/** Domain-separation prefix so a Tradewind chain hash can never be confused with another hash. */
export const CHAIN_VERSION = 'tradewind-chain-v1';

/** The fields a message hash covers, in the shape that is canonicalised. */
export interface ChainContent {
  v: typeof CHAIN_VERSION;
  conversationId: string;
  seq: number;
  sender: string;
  sentAt: string;
  clientId: string;
  text: string;
  lang: string | null;
  translation: { text: string; lang: string } | null;
  attachments: string[]; // SHA-256 hex of each attachment, in message order
  order: OrderRef | null;
  /** Only on an edit or a retraction: an ordinary message's content has no `change` key at all. */
  change?: { kind: 'edit' | 'retract'; seq: number };
  /** Only on a reply: a message that replies to nothing has no `replyTo` key at all. */
  replyTo?: { seq: number };
  /** Only on an automatic reply (issue 11): every other message's content has no `automatic` key. */
  automatic?: { kind: 'away'; backAt: string | null };
}

/** What a message hash covers (a stored message, or one being stored). */
export type Hashable = Pick<
  Message,
  'conversationId' | 'seq' | 'sender' | 'sentAt' | 'clientId' | 'text' | 'lang' | 'translation' | 'order'
> & {
  attachments: Pick<AttachmentRef, 'sha256'>[];
  change?: { kind: 'edit' | 'retract'; seq: number } | null | undefined;
  replyTo?: { seq: number } | null | undefined;
  automatic?: { kind: 'away'; backAt: string | null } | null | undefined;
};

export function chainContent(m: Hashable): ChainContent {
  const content: ChainContent = {
    v: CHAIN_VERSION,
    conversationId: m.conversationId,
    seq: m.seq,
    sender: m.sender,
    sentAt: m.sentAt,
    clientId: m.clientId,
    text: m.text,
    lang: m.lang,
    translation: m.translation ? { text: m.translation.text, lang: m.translation.lang } : null,
    attachments: m.attachments.map((a) => a.sha256),
    order: m.order ? stripUndefined(m.order) : null,
  };
  // Absent rather than null, so every message hashed before edits existed keeps its hash.
  if (m.change) content.change = { kind: m.change.kind, seq: m.change.seq };
  if (m.replyTo) content.replyTo = { seq: m.replyTo.seq };
  if (m.automatic) content.automatic = { kind: m.automatic.kind, backAt: m.automatic.backAt };
  return content;
}

/** RFC 8785 canonical JSON of any JSON value. */
export function canonicalJson(value: unknown): string {
  const s = canonicalize(value);
  if (s === undefined) throw new Error('Value has no JSON form.');
  return s;
}

export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

/** The text whose SHA-256 is a conversation's genesis hash (UTF-8). */
export function genesisInput(conversationId: string): string {
  return `${CHAIN_VERSION}:genesis:${conversationId}`;
}

/** The hash that the first message of a conversation chains from. */
export function genesisHash(conversationId: string): string {
  return sha256Hex(genesisInput(conversationId));
}

/** The text whose SHA-256 is a message's chain hash (UTF-8): prevHash ‖ "\n" ‖ JCS(chainContent). */
export function chainInput(prevHash: string, m: Hashable): string {
  return `${prevHash}\n${canonicalJson(chainContent(m))}`;
}

/**
 * hash = SHA-256( prevHash (64 hex chars) ‖ "\n" ‖ JCS(chainContent) ), hex. (The server computes
 * the same digest of `chainInput` with node:crypto: server/src/platform/signing/chain.ts.)
 */
export function chainHash(prevHash: string, m: Hashable): string {
  return sha256Hex(chainInput(prevHash, m));
}

export function signHash(hashHex: string, secretKey: Uint8Array): string {
  return bytesToHex(ed25519.sign(hexToBytes(hashHex), secretKey));
}

export function verifyHashSignature(hashHex: string, signatureHex: string, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(hexToBytes(signatureHex), hexToBytes(hashHex), publicKey);
  } catch {
    return false;
  }
}

function stripUndefined<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}

export { bytesToHex, hexToBytes };
