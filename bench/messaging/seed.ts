/**
 * Seeds the store for the messaging bench, through the store's own SQL, before the server starts:
 * a member with `n` conversations (one per partner, each with one real message — chained from
 * the genesis hash and signed with the server's key — and both members' receipts), and a session
 * for every partner (for the idle-socket phase). Rows are written in chunks of multi-row inserts;
 * every row is what the server itself would have stored.
 */
import { randomUUID } from 'node:crypto';
import { conversationIdFor, participantsOf } from '../../shared/protocol';
import { chainHash, genesisHash } from '../../shared/evidence/chain';
import { hashPassword } from '../../server/src/features/auth/password';
import { newToken, tokenHash } from '../../server/src/features/auth/tokens';
import type { Store } from '../../server/src/platform/db';
import { hashSigner } from '../../server/src/platform/signing/sign';
import type { SigningKey } from '../../server/src/platform/signing/signingKey';
import { SELLER, partnerId } from './members';

export const PASSWORD = 'correct horse battery';
const CHUNK = 1000;

export interface BigMember {
  memberId: string;
  token: string;
  /** One session token per partner, in partner order. */
  partnerTokens: string[];
}

export async function seedBigMember(store: Store, key: SigningKey, n: number, now: Date): Promise<BigMember> {
  const sign = hashSigner(key.secretKey);
  const passwordHash = await hashPassword(PASSWORD);
  const memberId = SELLER;
  const partners = Array.from({ length: n }, (_, i) => partnerId(i));
  const at = now.toISOString();

  const insertUsers = (ids: string[]) =>
    store.query(
      `insert into users (member_id, display_name, password_hash, role, company, country, time_zone, member_since)
       select id, 'Buyer ' || id, $2, 'buyer', 'Bench Trading', 'PL', 'Europe/Warsaw', $3::timestamptz
       from unnest($1::text[]) as id`,
      [ids, passwordHash, at],
    );
  await store.query(
    `insert into users (member_id, display_name, password_hash, role, company, country, time_zone, member_since)
     values ($1, 'Bench Seller', $2, 'seller', 'Bench Factory', 'CN', 'Asia/Shanghai', $3)`,
    [memberId, passwordHash, at],
  );

  const sessions: { token: string }[] = [];
  const token = newToken();
  await insertSessions(store, [memberId], [token], now);
  for (let i = 0; i < n; i += CHUNK) {
    const ids = partners.slice(i, i + CHUNK);
    await insertUsers(ids);
    const tokens = ids.map(() => newToken());
    sessions.push(...tokens.map((t) => ({ token: t })));
    await insertSessions(store, ids, tokens, now);

    const convs = ids.map((p) => {
      const conversationId = conversationIdFor(memberId, p);
      const [a, b] = participantsOf(conversationId) ?? [memberId, p];
      const base = {
        conversationId,
        seq: 1,
        sender: p,
        sentAt: at,
        clientId: randomUUID(),
        text: `Hello, we are interested in your product line. Could you send the price list for ${p}?`,
        lang: 'en',
        translation: null,
        attachments: [],
        order: null,
      };
      const prevHash = genesisHash(conversationId);
      const hash = chainHash(prevHash, base);
      const signature = sign(hash);
      return { a, b, base, prevHash, hash, signature };
    });
    await store.transaction(async (tx) => {
      await tx.query(
        // Both members have the message delivered; the seller has read it.
        `insert into conversations (id, member_a, member_b, last_seq, head_hash, created_at,
                                    a_delivered, a_read, b_delivered, b_read)
         select id, a, b, 1, h, $5::timestamptz, 1, case when a = $6 then 1 else 0 end, 1, case when b = $6 then 1 else 0 end
         from unnest($1::text[], $2::text[], $3::text[], $4::text[]) as t(id, a, b, h)`,
        [
          convs.map((c) => c.base.conversationId),
          convs.map((c) => c.a),
          convs.map((c) => c.b),
          convs.map((c) => c.hash),
          at,
          memberId,
        ],
      );
      await tx.query(
        `insert into messages (conversation_id, seq, sender, client_id, text, lang, sent_at, prev_hash, hash, signature, key_id)
         select c, 1, s, cid, txt, 'en', $6, ph, h, sig, $8
         from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $7::text[], $9::text[]) as t(c, s, cid, txt, ph, h, sig)`,
        [
          convs.map((c) => c.base.conversationId),
          convs.map((c) => c.base.sender),
          convs.map((c) => c.base.clientId),
          convs.map((c) => c.base.text),
          convs.map((c) => c.prevHash),
          at,
          convs.map((c) => c.hash),
          key.keyId,
          convs.map((c) => c.signature),
        ],
      );
    });
  }
  return { memberId, token, partnerTokens: sessions.map((s) => s.token) };
}

async function insertSessions(store: Store, memberIds: string[], tokens: string[], now: Date): Promise<void> {
  await store.query(
    `insert into sessions (id, member_id, token_hash, device_name, created_at, last_used_at)
     select gen_random_uuid()::text, m, h, 'bench', $3::timestamptz, $3::timestamptz
     from unnest($1::text[], $2::text[]) as t(m, h)`,
    [memberIds, tokens.map(tokenHash), now.toISOString()],
  );
}
