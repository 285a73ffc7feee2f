/**
 * The hash chain's digests with node:crypto (OpenSSL): the same SHA-256 of the same text as
 * `chainHash` / `genesisHash` in shared/evidence/chain.ts, which stay the reference for browsers
 * and verifiers (chain.test.ts checks the two agree). On the send path every message is hashed
 * once and every conversation of a group commit gets its genesis hash: @noble's pure-JS SHA-256
 * took ~7 µs of a message's ~11 µs chain hash, OpenSSL ~2 µs (bench/messaging/floor.ts).
 */
import { createHash } from 'node:crypto';
import { chainInput, genesisInput, type Hashable } from '../../../../shared/evidence/chain';

const sha256 = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex');

/** A message's chain hash: SHA-256 of `chainInput(prevHash, m)`, hex. */
export function chainHash(prevHash: string, m: Hashable): string {
  return sha256(chainInput(prevHash, m));
}

/** The hash a conversation's first message chains from. */
export function genesisHash(conversationId: string): string {
  return sha256(genesisInput(conversationId));
}
