/**
 * Attestations (docs/evidence.md § Attestation): the server's signed statement that a given set
 * of messages is exactly what a scope of a conversation contained when the statement was issued.
 * The server computes the selection from its own records, so a bundle that drops, adds or
 * reorders messages of that selection no longer matches the statement.
 */
import { ed25519 } from '@noble/curves/ed25519.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';
import { bytesToHex, canonicalJson, hexToBytes, sha256Hex } from './chain';
import { ATTESTATION_VERSION } from './format';
import type {
  Attestation,
  AttestationStatement,
  AttestationStatementV1,
  EvidenceAttachmentRef,
  Participant,
  Scope,
  StatementKey,
} from './format';
import { keyIdOf } from './keys';

/** The fields of a stored message that scoping and attestation need. */
export interface ScopedMessage {
  seq: number;
  hash: string;
  sentAt: string;
  order: { orderNo?: string | undefined } | null;
  attachments: readonly EvidenceAttachmentRef[];
  /** Id of the key that signed the message; absent = the attestation key. */
  keyId?: string | undefined;
  /** Set on an edit or a retraction: the seq of the message it changes. */
  change?: { seq: number } | null | undefined;
}

/** Does a message belong to a scope? The same rule runs on the server, the client and the verifier. */
export function inScope(m: Pick<ScopedMessage, 'sentAt' | 'order'>, scope: Scope): boolean {
  switch (scope.kind) {
    case 'whole':
      return true;
    case 'order':
      return m.order?.orderNo === scope.orderNo;
    case 'dateRange': {
      const t = Date.parse(m.sentAt);
      return t >= Date.parse(scope.from) && t < Date.parse(scope.to);
    }
  }
}

type Scoped = Pick<ScopedMessage, 'seq' | 'sentAt' | 'order' | 'change'>;

/**
 * The message whose fields decide whether `m` is in `scope`: itself, except that an edit or a
 * retraction, which carries no order, belongs to an order's scope when the message it changes
 * does (`bySeq` holds the messages to look it up in). A date range takes every message by its own time.
 */
export function scopeSubject<M extends Scoped>(m: M, scope: Scope, bySeq: ReadonlyMap<number, M>): M {
  if (scope.kind !== 'order' || !m.change) return m;
  return bySeq.get(m.change.seq) ?? m;
}

/** The messages of a scope, sorted by seq. */
export function selectMessages<M extends Scoped>(messages: readonly M[], scope: Scope): M[] {
  const bySeq = new Map(messages.map((m) => [m.seq, m]));
  return messages.filter((m) => inScope(scopeSubject(m, scope, bySeq), scope)).sort((a, b) => a.seq - b.seq);
}

/** Sorted seqs → disjoint inclusive ranges: [1,2,3,7,9,10] → [[1,3],[7,7],[9,10]]. */
export function seqRanges(seqs: readonly number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const s of seqs) {
    const last = out[out.length - 1];
    if (last && s === last[1] + 1) last[1] = s;
    else out.push([s, s]);
  }
  return out;
}

/** The attachment metadata exactly as it enters the digest (absent optional fields omitted). */
export function canonicalAttachmentRef(a: EvidenceAttachmentRef): EvidenceAttachmentRef {
  const r: EvidenceAttachmentRef = { sha256: a.sha256, name: a.name, mime: a.mime, size: a.size };
  if (a.width !== undefined) r.width = a.width;
  if (a.height !== undefined) r.height = a.height;
  return r;
}

/**
 * messagesDigest = SHA-256 hex of JCS([{seq, hash, attachments: [{sha256, name, mime, size,
 * width?, height?}]}, …]) over the covered messages in seq order. The chain hash already covers
 * each message's content and attachment SHA-256s; the digest adds the set of messages and the
 * attachments' names, types and sizes, which the chain hash does not cover.
 */
export function messagesDigest(
  messages: readonly Pick<ScopedMessage, 'seq' | 'hash' | 'attachments'>[],
): string {
  return sha256Hex(
    canonicalJson(
      messages.map((m) => ({
        seq: m.seq,
        hash: m.hash,
        attachments: m.attachments.map(canonicalAttachmentRef),
      })),
    ),
  );
}

/** Participants as they appear in a statement: sorted by member id, exactly three fields. */
export function canonicalParticipants(ps: readonly Participant[]): Participant[] {
  return ps
    .map((p) => ({ memberId: p.memberId, displayName: p.displayName, timeZone: p.timeZone }))
    .sort((a, b) => (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0));
}

export interface StatementInput {
  conversationId: string;
  participants: readonly Participant[];
  scope: Scope;
  /** The selected messages (any order; they are sorted by seq). Must not be empty. */
  messages: readonly ScopedMessage[];
  issuedAt: string;
  /** The attestation (current) key. */
  publicKey: Uint8Array;
  /** Public keys that may have signed the messages (retired keys); the attestation key is implied. */
  messageKeys?: readonly Uint8Array[];
}

/** Which key signed which covered seqs, sorted by keyId; throws for a key id it cannot resolve. */
export function statementKeys(
  msgs: readonly Pick<ScopedMessage, 'seq' | 'keyId'>[],
  publicKey: Uint8Array,
  messageKeys: readonly Uint8Array[] = [],
): StatementKey[] {
  const known = new Map<string, Uint8Array>();
  for (const k of [publicKey, ...messageKeys]) known.set(keyIdOf(k), k);
  const ownId = keyIdOf(publicKey);
  const seqsOf = new Map<string, number[]>();
  for (const m of [...msgs].sort((a, b) => a.seq - b.seq)) {
    const id = m.keyId ?? ownId;
    if (!known.has(id))
      throw new Error(`Message ${m.seq} was signed by key ${id}, whose public key is unknown.`);
    const seqs = seqsOf.get(id);
    if (seqs) seqs.push(m.seq);
    else seqsOf.set(id, [m.seq]);
  }
  return [...seqsOf.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([keyId, seqs]) => ({
      keyId,
      publicKey: bytesToHex(known.get(keyId) as Uint8Array),
      ranges: seqRanges(seqs),
    }));
}

export function buildStatement(input: StatementInput): AttestationStatement {
  const msgs = [...input.messages].sort((a, b) => a.seq - b.seq);
  const first = msgs[0];
  const last = msgs[msgs.length - 1];
  if (!first || !last) throw new Error('An attestation covers at least one message.');
  return {
    v: ATTESTATION_VERSION,
    conversationId: input.conversationId,
    participants: canonicalParticipants(input.participants),
    scope: input.scope,
    firstSeq: first.seq,
    lastSeq: last.seq,
    count: msgs.length,
    headHash: last.hash,
    ranges: seqRanges(msgs.map((m) => m.seq)),
    messagesDigest: messagesDigest(msgs),
    issuedAt: input.issuedAt,
    keyId: keyIdOf(input.publicKey),
    keys: statementKeys(msgs, input.publicKey, input.messageKeys),
  };
}

/**
 * The bytes an attestation signature covers: UTF-8 of JCS(statement). They always start with
 * `{` and are far longer than 32 bytes, so they can never be mistaken for a message hash (whose
 * signature covers exactly its 32 raw bytes).
 */
export function statementBytes(statement: AttestationStatement | AttestationStatementV1): Uint8Array {
  return utf8ToBytes(canonicalJson(statement));
}

export function signStatement(statement: AttestationStatement, secretKey: Uint8Array): Attestation {
  return { statement, signature: bytesToHex(ed25519.sign(statementBytes(statement), secretKey)) };
}

/** Builds and signs an attestation (server side). */
export function createAttestation(input: StatementInput & { secretKey: Uint8Array }): Attestation {
  return signStatement(buildStatement(input), input.secretKey);
}

export function verifyAttestationSignature(att: Attestation, publicKey: Uint8Array): boolean {
  try {
    return ed25519.verify(hexToBytes(att.signature), statementBytes(att.statement), publicKey);
  } catch {
    return false;
  }
}
