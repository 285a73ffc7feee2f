/**
 * A stored message comes back as it was stored: the reader holds it to no request rule
 * (schemas.ts, the comment above `Message`). Messages stored before a rule existed — a leading
 * U+FEFF, a control character, untrimmed order fields — must neither be refused (one refused
 * message fails its whole sync page) nor changed (their hash covers them as stored).
 */
import { describe, expect, it } from 'vitest';
import { Message, SendMessageRequest, SyncBatchResponse, SyncMessagesResponse } from './schemas';

const stored = {
  conversationId: 'dm:poznan-buyer:shenzhen-led',
  seq: 7,
  clientId: '01eba702-51e2-486d-8e76-18ec18594739',
  sender: 'shenzhen-led',
  text: 'Samples ship Monday.',
  lang: 'en',
  translation: { text: '\ufeffPróbki wysyłamy w poniedziałek.', lang: 'pl' },
  attachments: [
    { sha256: 'a'.repeat(64), name: '\ufeffspec\u0007sheet.pdf', mime: 'application/pdf', size: 12_345 },
  ],
  order: { orderNo: '  TW-4711 ', title: 'LED strip\u0001', url: 'not a link', price: ' 12 USD ' },
  change: null,
  replyTo: null,
  automatic: null,
  sentAt: '2025-03-01T08:00:00.000Z',
  prevHash: 'b'.repeat(64),
  hash: 'c'.repeat(64),
  signature: 'd'.repeat(128),
};

describe('a stored message as the server sends it', () => {
  it('is what today’s send rules would refuse — the premise', () => {
    const send = SendMessageRequest.safeParse({
      to: 'poznan-buyer',
      clientId: stored.clientId,
      text: stored.text,
      translation: stored.translation,
      attachments: stored.attachments,
      order: stored.order,
    });
    expect(send.success).toBe(false);
    const paths = send.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(expect.arrayContaining(['translation.text', 'attachments.0.name', 'order.url']));
  });

  it('is read exactly as stored: not refused, not trimmed', () => {
    const p = Message.safeParse(stored);
    expect(p.success).toBe(true);
    expect(p.data).toEqual(stored);
  });

  it('does not fail the sync page it arrives in', () => {
    const fresh = { ...stored, seq: 8, translation: null, attachments: [], order: null };
    const page = SyncMessagesResponse.safeParse({ messages: [stored, fresh], hasMore: false });
    expect(page.success).toBe(true);
    expect(page.data!.messages[0]).toEqual(stored);
    const batch = SyncBatchResponse.safeParse({
      pages: [{ conversationId: stored.conversationId, messages: [stored, fresh], hasMore: false }],
    });
    expect(batch.success).toBe(true);
  });

  it('still refuses what is not a message: the shape is checked', () => {
    expect(Message.safeParse({ ...stored, seq: 0 }).success).toBe(false);
    expect(
      Message.safeParse({ ...stored, attachments: [{ ...stored.attachments[0], sha256: 'x' }] }).success,
    ).toBe(false);
    expect(Message.safeParse({ ...stored, translation: { text: 1, lang: 'pl' } }).success).toBe(false);
    expect(Message.safeParse({ ...stored, signature: 'd'.repeat(127) }).success).toBe(false);
    expect(Message.safeParse({ ...stored, proof: { index: 0, size: 1, path: [] } }).success).toBe(false);
  });

  it('takes a batch proof with a member a later server may add, keeping the three it knows', () => {
    const proof = { index: 1, size: 2, path: ['e'.repeat(64)] };
    const p = Message.safeParse({ ...stored, proof: { ...proof, tree: 'rfc9162' } });
    expect(p.success).toBe(true);
    expect(p.data!.proof).toEqual(proof);
  });
});
