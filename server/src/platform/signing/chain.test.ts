import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import * as reference from '../../../../shared/evidence/chain';
import { chainHash, genesisHash } from './chain';

describe('chain digests (node:crypto)', () => {
  it('hash every kind of message exactly as the shared reference does', () => {
    const conversationId = 'dm:li.wei:ana-kowalska';
    const base = {
      conversationId,
      seq: 1,
      sender: 'li.wei',
      sentAt: '2026-12-06T18:00:00.000Z',
      clientId: randomUUID(),
      text: 'Próbka gotowa 样品已经准备好 🚢 — "FOB" \\ \u2028 end',
      lang: 'pl',
      translation: { text: '样品已经准备好', lang: 'zh' },
      attachments: [{ sha256: 'ab'.repeat(32) }],
      order: { orderNo: 'PO-17', productId: 'SKU-9', title: 'Tea cups' },
    };
    const variants = [
      base,
      { ...base, translation: null, attachments: [], order: null, lang: null, text: '' },
      { ...base, change: { kind: 'edit' as const, seq: 1 } },
      { ...base, change: { kind: 'retract' as const, seq: 1 }, text: '' },
      { ...base, replyTo: { seq: 1 } },
      { ...base, automatic: { kind: 'away' as const, backAt: '2026-12-07T08:00:00.000Z' } },
      // The server writes the content out by hand (chain.ts): every optional field at once, a
      // null back-at, several attachments, a lone surrogate, an order with keys of its own.
      {
        ...base,
        text: 'lone \ud800 half, tab\t, nul \u0000, <&>',
        attachments: [{ sha256: 'cd'.repeat(32) }, { sha256: 'ef'.repeat(32) }],
        order: { title: 'Zeta', orderNo: 'A-1', productId: undefined, 'z~': 'x', Ä: 'y' },
        change: { kind: 'edit' as const, seq: 2 },
        replyTo: { seq: 3 },
        automatic: { kind: 'away' as const, backAt: null },
      },
    ];
    let prev = reference.genesisHash(conversationId);
    expect(genesisHash(conversationId)).toBe(prev);
    variants.forEach((v, i) => {
      const m = { ...v, seq: i + 1 };
      const hash = chainHash(prev, m);
      expect(hash).toBe(reference.chainHash(prev, m));
      prev = hash;
    });
  });
});
