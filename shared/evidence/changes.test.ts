/**
 * The verifier's rules for edits and retractions (docs/evidence.md § Edits and retractions), on
 * bundles whose chains are correctly hashed and signed: only the rules can catch these.
 */
import { strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle } from './bundle';
import type { Scope } from './format';
import { versionsOf } from './changes';
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
  return { b, c, r, codes: [...new Set(r.problems.map((p) => p.code))].sort() };
}

const order = { orderNo: 'TW-9' };

describe('edits and retractions in a bundle', () => {
  it('a valid history verifies, and the report lists every version with its time', () => {
    const { b, codes } = bundle([
      { sender: S, text: 'MOQ 500', order },
      { sender: A, text: 'OK' },
      { sender: S, text: 'MOQ 300', change: { kind: 'edit', seq: 1 } },
      { sender: S, text: 'MOQ 200', change: { kind: 'edit', seq: 1 } },
      { sender: S, text: '', change: { kind: 'retract', seq: 1 } },
    ]);
    expect(codes).toEqual([]);
    const report = strFromU8(b.files.get('report.html')!);
    expect(report).toContain(
      'Versions: <a href="#m-1">#1</a> original 2025-03-03 08:00:00 UTC · <a href="#m-3">#3</a> edit 2025-03-03 08:02:00 UTC · <a href="#m-4">#4</a> edit 2025-03-03 08:03:00 UTC · <a href="#m-5">#5</a> retraction 2025-03-03 08:04:00 UTC',
    );
    expect(report).toContain('Edit of <a href="#m-1">message #1</a> by its sender');
  });

  it('an order export carries the order’s edits, which carry no order themselves', () => {
    const { b, codes } = bundle(
      [
        { sender: S, text: 'MOQ 500', order },
        { sender: A, text: 'OK' },
        { sender: S, text: 'MOQ 300', change: { kind: 'edit', seq: 1 } },
      ],
      { kind: 'order', orderNo: 'TW-9' },
    );
    expect(codes).toEqual([]);
    expect(b.evidence.messages.map((m) => m.seq)).toEqual([1, 3]);
  });

  it.each<[string, DraftMessage[], string]>([
    [
      'an edit of the other party’s message',
      [
        { sender: A, text: 'Price?' },
        { sender: S, text: 'Price!', change: { kind: 'edit', seq: 1 } },
      ],
      'change_target',
    ],
    [
      'an edit of an edit',
      [
        { sender: S, text: 'a' },
        { sender: S, text: 'b', change: { kind: 'edit', seq: 1 } },
        { sender: S, text: 'c', change: { kind: 'edit', seq: 2 } },
      ],
      'change_target',
    ],
    [
      'an edit after the retraction',
      [
        { sender: S, text: 'a' },
        { sender: S, text: '', change: { kind: 'retract', seq: 1 } },
        { sender: S, text: 'c', change: { kind: 'edit', seq: 1 } },
      ],
      'change_target',
    ],
    [
      'a change of a later message',
      [
        { sender: S, text: 'b', change: { kind: 'edit', seq: 2 } },
        { sender: S, text: 'a' },
      ],
      'change_target',
    ],
    [
      'a retraction with text',
      [
        { sender: S, text: 'a' },
        { sender: S, text: 'still here', change: { kind: 'retract', seq: 1 } },
      ],
      'change_content',
    ],
    [
      'an edit with an order',
      [
        { sender: S, text: 'a' },
        { sender: S, text: 'b', order, change: { kind: 'edit', seq: 1 } },
      ],
      'change_content',
    ],
  ])('%s fails verification although hashed and signed', (_name, drafts, code) => {
    expect(bundle(drafts).codes).toEqual([code]);
  });

  it('versionsOf keeps only valid changes, oldest first', () => {
    const { c } = bundle([
      { sender: S, text: 'a' },
      { sender: A, text: 'x', change: { kind: 'edit', seq: 1 } },
      { sender: S, text: 'b', change: { kind: 'edit', seq: 1 } },
      { sender: S, text: '', change: { kind: 'retract', seq: 1 } },
      { sender: S, text: 'late', change: { kind: 'edit', seq: 1 } },
    ]);
    const v = versionsOf(c.messages).get(1)!;
    expect(v.map((x) => [x.kind, x.message.seq])).toEqual([
      ['original', 1],
      ['edit', 3],
      ['retract', 4],
    ]);
  });
});
