/** Recomputes the worked example of docs/evidence.md and checks the page shows these values. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createAttestation, messagesDigest, statementBytes } from './attestation';
import { batchStatement, batchTree, leafHash, nodeHash, verifyMessageSignature } from './batch';
import { bytesToHex, canonicalJson, chainContent, genesisHash } from './chain';
import { keyIdOf } from './keys';
import { BUYER, SELLER, TEST_SECRET_KEY, chainMessages } from './testkit';

const page = readFileSync(new URL('../../docs/evidence.md', import.meta.url), 'utf8');

describe('docs/evidence.md worked example', () => {
  const c = chainMessages(
    [BUYER, SELLER],
    [
      {
        sender: 'anna.kowalska',
        text: 'Proszę o IP65.',
        lang: 'pl',
        translation: { text: '请做IP65。', lang: 'zh' },
        order: { orderNo: 'TW-2025-0042', quantity: 500 },
      },
      { sender: 'shenzhen-led', text: '好的', lang: 'zh' },
    ],
    TEST_SECRET_KEY,
  );
  const att = createAttestation({
    conversationId: c.conversationId,
    participants: c.participants,
    scope: { kind: 'whole' },
    messages: c.messages,
    issuedAt: '2025-05-20T09:29:59.000Z',
    publicKey: c.publicKey,
    secretKey: TEST_SECRET_KEY,
  });

  /**
   * The conversation of § Edits and retractions, continued by § Replies: the two messages above,
   * an edit and a retraction of message 1, and a reply to message 2 (`options` as chainMessages').
   */
  const editsAndReplies = (options?: Parameters<typeof chainMessages>[3]) =>
    chainMessages(
      [BUYER, SELLER],
      [
        ...c.messages.map((m) => ({
          sender: m.sender,
          text: m.text,
          lang: m.lang,
          translation: m.translation,
          order: m.order,
        })),
        {
          sender: 'anna.kowalska',
          text: 'Proszę o IP67.',
          lang: 'pl',
          translation: { text: '请做IP67。', lang: 'zh' },
          change: { kind: 'edit', seq: 1 },
        },
        { sender: 'anna.kowalska', text: '', change: { kind: 'retract', seq: 1 } },
        { sender: 'shenzhen-led', text: '发货时间是3月10日。', lang: 'zh', replyTo: { seq: 2 } },
      ],
      TEST_SECRET_KEY,
      options,
    );

  it('shows the real values of the automatic reply example', () => {
    const e = chainMessages(
      [BUYER, SELLER],
      [
        ...c.messages.map((m) => ({
          sender: m.sender,
          text: m.text,
          lang: m.lang,
          translation: m.translation,
          order: m.order,
        })),
        {
          sender: 'anna.kowalska',
          text: 'Czy możecie wysłać próbkę?',
          lang: 'pl',
          sentAt: '2025-03-03T14:00:00.000Z',
        },
        {
          sender: 'shenzhen-led',
          text: '您好，我们已下班，明天回复您。',
          lang: 'zh',
          automatic: { kind: 'away', backAt: '2025-03-04T01:00:00.000Z' },
          sentAt: '2025-03-03T14:00:01.000Z',
        },
      ],
      TEST_SECRET_KEY,
    );
    expect(e.messages[1]?.hash).toBe(c.messages[1]?.hash);
    for (const m of e.messages.slice(2))
      for (const v of [m.hash, m.signature, m.clientId, canonicalJson(chainContent(m))])
        expect(page).toContain(v);
  });

  it('shows the real values of the edit, retraction and reply examples', () => {
    const e = editsAndReplies();
    expect(e.messages[1]?.hash).toBe(c.messages[1]?.hash);
    expect(canonicalJson(chainContent(e.messages[4]!))).toContain('"replyTo":{"seq":2}');
    for (const m of e.messages.slice(2))
      for (const v of [m.hash, m.signature, m.clientId, canonicalJson(chainContent(m))])
        expect(page).toContain(v);
  });

  it('shows the real values of the batch signature example', () => {
    // § Batch signatures: messages 3–5 of the edits and replies examples, stored in one group commit.
    const e = editsAndReplies({ batches: [1, 1, 3] });
    const batch = e.messages.slice(2);
    const d = batch.map((m) => m.hash);
    const { root } = batchTree(d);
    const values = [
      ...d.map((h) => bytesToHex(leafHash(h))),
      bytesToHex(nodeHash(leafHash(d[0]!), leafHash(d[1]!))),
      bytesToHex(root),
      bytesToHex(batchStatement(root)),
      batch[0]!.signature,
      ...batch.map(
        (m) =>
          `"proof": {"index": ${m.proof!.index}, "size": ${m.proof!.size}, "path": [${m.proof!.path.map((p) => `"${p}"`).join(', ')}]}`,
      ),
    ];
    for (const v of values) expect(page).toContain(v);
    expect(batchStatement(root)).toHaveLength(51);
    for (const m of batch) {
      expect(page).toContain(m.hash.slice(0, 8));
      expect(verifyMessageSignature(m.hash, m.signature, m.proof, c.publicKey)).toBe(true);
    }
    // Signed alone, as the other examples show them, messages 1 and 2 carry no proof.
    expect(e.messages[0]!.proof).toBeUndefined();
    // Same root from the tree's definition written out (a batch of 3 splits 2 + 1).
    expect(bytesToHex(nodeHash(nodeHash(leafHash(d[0]!), leafHash(d[1]!)), leafHash(d[2]!)))).toBe(
      bytesToHex(root),
    );
    expect(batch[2]!.signature).toBe(batch[0]!.signature);
  });

  it('shows the real values', () => {
    const values = [
      bytesToHex(TEST_SECRET_KEY),
      bytesToHex(c.publicKey),
      keyIdOf(c.publicKey),
      genesisHash(c.conversationId),
      ...c.messages.flatMap((m) => [m.hash, m.signature, m.clientId, canonicalJson(chainContent(m))]),
      messagesDigest(c.messages),
      new TextDecoder().decode(statementBytes(att.statement)),
      att.signature,
    ];
    for (const v of values) expect(page).toContain(v);
  });
});
