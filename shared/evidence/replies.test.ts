/**
 * The verifier's rules for replies (docs/evidence.md § Replies), on bundles whose chains are
 * correctly hashed and signed: only the rules can catch these.
 */
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle } from './bundle';
import type { Scope } from './format';
import { BUYER, SELLER, TEST_SECRET_KEY, attestSample, chainMessages, type DraftMessage } from './testkit';
import { verifyZip } from './verify';

const A = BUYER.memberId;
const S = SELLER.memberId;

function bundle(drafts: DraftMessage[], scope: Scope = { kind: 'whole' }) {
  const c = chainMessages([BUYER, SELLER], drafts, TEST_SECRET_KEY);
  const b = buildBundle({
    messages: c.messages,
    attachmentBytes: () => undefined,
    attestation: attestSample(c, scope),
    serverPublicKey: c.publicKey,
    keyUrl: null,
    scope,
    options: { translations: true, attachments: true },
    claim: '',
    disputeId: '',
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: A,
    partner: S,
  });
  const r = verifyZip(b.zip, { expectedKey: c.publicKey });
  return { b, r, codes: [...new Set(r.problems.map((p) => p.code))].sort() };
}

describe('replies in a bundle', () => {
  it('a reply verifies and the report links the quoted message; others render as before', () => {
    const { b, codes } = bundle([
      { sender: S, text: 'MOQ 500' },
      { sender: A, text: 'Can you do 300?', replyTo: { seq: 1 } },
    ]);
    expect(codes).toEqual([]);
    const report = strFromU8(b.files.get('report.html')!);
    expect(report.match(/In reply to/g)).toHaveLength(1);
    expect(report).toContain('In reply to <a href="#m-1">#1</a>');
  });

  it('a reply whose quoted message lies outside an order export is a note, not a problem', () => {
    const { r, codes } = bundle(
      [
        { sender: S, text: 'MOQ 500' },
        { sender: A, text: 'For TW-9 then', order: { orderNo: 'TW-9' }, replyTo: { seq: 1 } },
      ],
      { kind: 'order', orderNo: 'TW-9' },
    );
    expect(codes).toEqual([]);
    expect(r.notes.join('\n')).toContain('replies to message 1, which is outside');
  });

  it.each<[string, DraftMessage[], string]>([
    [
      'a reply to a later message',
      [
        { sender: A, text: 'a', replyTo: { seq: 2 } },
        { sender: S, text: 'b' },
      ],
      'reply_target',
    ],
    ['a reply to itself', [{ sender: A, text: 'a', replyTo: { seq: 1 } }], 'reply_target'],
    [
      'an edit that replies',
      [
        { sender: S, text: 'a' },
        { sender: S, text: 'b', change: { kind: 'edit', seq: 1 }, replyTo: { seq: 1 } },
      ],
      'change_content',
    ],
  ])('%s fails verification although hashed and signed', (_name, drafts, code) => {
    expect(bundle(drafts).codes).toEqual([code]);
  });
});
