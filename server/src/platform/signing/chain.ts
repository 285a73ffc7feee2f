/**
 * The hash chain's digests with node:crypto (OpenSSL): the same SHA-256 of the same text as
 * `chainHash` / `genesisHash` in shared/evidence/chain.ts, which stay the reference for browsers
 * and verifiers (chain.test.ts checks the two agree). On the send path every message is hashed
 * once and every conversation of a group commit gets its genesis hash: @noble's pure-JS SHA-256
 * took ~7 µs of a message's ~11 µs chain hash, OpenSSL ~2 µs (bench/messaging/floor.ts).
 */
import { hash } from 'node:crypto';
import { CHAIN_VERSION, canonicalJson, genesisInput, type Hashable } from '../../../../shared/evidence/chain';

/** One-shot (`crypto.hash`, no Hash object): 0.4 µs a message's input against 0.9 with `createHash`. */
const sha256 = (text: string): string => hash('sha256', text, 'hex');
const str = JSON.stringify;
const VERSION = str(CHAIN_VERSION);

/**
 * `chainInput(prevHash, m)` of shared/evidence/chain.ts, byte for byte, written out for the one
 * shape it canonicalises: RFC 8785 (JCS) is the keys in UTF-16 order and every string and number
 * as `JSON.stringify` writes it, so the content's fixed keys are written in their sorted order
 * here instead of building the object and sorting its keys per message. Only an order reference
 * (keys the client chose) goes through the generic canonicaliser.
 */
function chainInput(prevHash: string, m: Hashable): string {
  let out = `${prevHash}\n{"attachments":[`;
  for (let i = 0; i < m.attachments.length; i++) out += (i > 0 ? ',' : '') + str(m.attachments[i]!.sha256);
  out += ']';
  if (m.automatic)
    out += `,"automatic":{"backAt":${str(m.automatic.backAt)},"kind":${str(m.automatic.kind)}}`;
  if (m.change) out += `,"change":{"kind":${str(m.change.kind)},"seq":${str(m.change.seq)}}`;
  out += `,"clientId":${str(m.clientId)},"conversationId":${str(m.conversationId)},"lang":${str(m.lang)}`;
  out += `,"order":${m.order ? canonicalJson(m.order) : 'null'}`;
  if (m.replyTo) out += `,"replyTo":{"seq":${str(m.replyTo.seq)}}`;
  out += `,"sender":${str(m.sender)},"sentAt":${str(m.sentAt)},"seq":${str(m.seq)},"text":${str(m.text)}`;
  out += `,"translation":${
    m.translation ? `{"lang":${str(m.translation.lang)},"text":${str(m.translation.text)}}` : 'null'
  },"v":${VERSION}}`;
  return out;
}

/** A message's chain hash: SHA-256 of `chainInput(prevHash, m)`, hex. */
export function chainHash(prevHash: string, m: Hashable): string {
  return sha256(chainInput(prevHash, m));
}

/** The hash a conversation's first message chains from. */
export function genesisHash(conversationId: string): string {
  return sha256(genesisInput(conversationId));
}
