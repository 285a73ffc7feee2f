/**
 * Appends a batch of messages to a conversation in one transaction, with exactly the seq, hash
 * chain and signature that `sendMessage` gives a live message (the same `chainHash`, the same
 * Ed25519 key through node:crypto, byte-identical to `signHash`). Operators and benchmarks use it
 * to build long histories (`npm run server -- seed …`, server/src/demo/history.ts); clients never
 * reach it: it skips the per-message checks (rate limit, blocks, de-duplication) that a send runs,
 * so its caller decides who says what.
 */
import { randomUUID } from 'node:crypto';
import { chainHash, genesisHash } from '../../platform/signing/chain';
import { participantsOf } from '../../../../shared/protocol';
import type { Store } from '../../platform/db';
import type { HashSigner } from '../../platform/signing/sign';
import { CREATE_CONVERSATIONS } from './commit';

export interface HistoryItem {
  sender: string;
  text: string;
  lang: string | null;
  /** ISO time; must not go backwards within a conversation. */
  sentAt: string;
}

/** Appends `items` after the conversation's last seq (creating the conversation); returns the new last seq. */
export async function appendHistory(
  store: Store,
  signer: { sign: HashSigner; keyId: string },
  conversationId: string,
  items: readonly HistoryItem[],
  createdAt: Date,
): Promise<number> {
  const [a, b] = participantsOf(conversationId) ?? [];
  if (!a || !b) throw new Error(`Not a conversation id: ${conversationId}`);
  return store.transaction(async (tx) => {
    await tx.query(CREATE_CONVERSATIONS, [
      [conversationId],
      [a],
      [b],
      [genesisHash(conversationId)],
      createdAt,
    ]);
    const [conv] = await tx.query<{ last_seq: number; head_hash: string }>(
      'select last_seq, head_hash from conversations where id = $1 for update',
      [conversationId],
    );
    if (!conv) throw new Error(`conversation ${conversationId} vanished`);
    let seq = conv.last_seq;
    let prevHash = conv.head_hash;
    const rows = items.map((item) => {
      const base = {
        conversationId,
        seq: ++seq,
        sender: item.sender,
        sentAt: item.sentAt,
        clientId: randomUUID(),
        text: item.text,
        lang: item.lang,
        translation: null,
        attachments: [],
        order: null,
      };
      const hash = chainHash(prevHash, base);
      const row = { ...base, prevHash, hash, signature: signer.sign(hash) };
      prevHash = hash;
      return row;
    });
    if (rows.length === 0) return seq;
    await tx.query(
      `insert into messages (conversation_id, seq, sender, client_id, text, lang, sent_at, prev_hash, hash, signature, key_id)
       select $1, s, snd, cid, txt, lng, at, ph, h, sig, $2
       from unnest($3::int[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[])
         as t(s, snd, cid, txt, lng, at, ph, h, sig)`,
      [
        conversationId,
        signer.keyId,
        rows.map((r) => r.seq),
        rows.map((r) => r.sender),
        rows.map((r) => r.clientId),
        rows.map((r) => r.text),
        rows.map((r) => r.lang),
        rows.map((r) => r.sentAt),
        rows.map((r) => r.prevHash),
        rows.map((r) => r.hash),
        rows.map((r) => r.signature),
      ],
    );
    await tx.query('update conversations set last_seq = $2, head_hash = $3 where id = $1', [
      conversationId,
      seq,
      prevHash,
    ]);
    return seq;
  });
}
