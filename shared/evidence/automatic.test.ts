/**
 * Automatic replies in a bundle (docs/evidence.md § Automatic replies): the marker is hashed only
 * when present, carried by the bundle, shown by the report, and changing it breaks the hash.
 */
import { strFromU8, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildBundle } from './bundle';
import { chainContent } from './chain';
import { BUYER, SELLER, TEST_SECRET_KEY, attestSample, chainMessages, type DraftMessage } from './testkit';
import { verifyBundle, verifyZip } from './verify';

const A = BUYER.memberId;
const S = SELLER.memberId;
const away = { kind: 'away' as const, backAt: '2025-03-04T01:00:00.000Z' };

function bundle(drafts: DraftMessage[]) {
  const c = chainMessages([BUYER, SELLER], drafts, TEST_SECRET_KEY);
  const b = buildBundle({
    messages: c.messages,
    attachmentBytes: () => undefined,
    attestation: attestSample(c, { kind: 'whole' }),
    serverPublicKey: c.publicKey,
    keyUrl: null,
    scope: { kind: 'whole' },
    options: { translations: true, attachments: true },
    claim: '',
    disputeId: '',
    exportedAt: '2025-05-20T09:30:00.000Z',
    exportedBy: A,
    partner: S,
  });
  return { b, c };
}

describe('automatic replies in a bundle', () => {
  const drafts: DraftMessage[] = [
    { sender: A, text: 'Czy możecie wysłać próbkę?', lang: 'pl', sentAt: '2025-03-03T14:00:00.000Z' },
    {
      sender: S,
      text: '您好，我们已下班，明天回复您。',
      lang: 'zh',
      automatic: away,
      sentAt: '2025-03-03T14:00:01.000Z',
    },
    { sender: A, text: 'Dziękuję', lang: 'pl', sentAt: '2025-03-03T14:05:00.000Z' },
  ];

  it('verifies, keeps the marker in evidence.json and shows it in the report in every zone', () => {
    const { b, c } = bundle(drafts);
    expect(verifyZip(b.zip, { expectedKey: c.publicKey }).problems).toEqual([]);
    expect(b.evidence.messages[1]?.automatic).toEqual(away);
    expect(b.evidence.messages[0]).not.toHaveProperty('automatic');
    const report = strFromU8(b.files.get('report.html')!);
    expect(report).toContain(
      `Automatic reply, sent by the server on behalf of ${S} while away · back at 2025-03-04 01:00:00 UTC · ${A}: 2025-03-04 02:00:00 (UTC+01:00) · ${S}: 2025-03-04 09:00:00 (UTC+08:00)</div>`,
    );
    expect(report.match(/Automatic reply/g)).toHaveLength(1);
  });

  it('hashes "automatic" only when present', () => {
    const { c } = bundle(drafts);
    expect(chainContent(c.messages[0]!)).not.toHaveProperty('automatic');
    expect(chainContent(c.messages[1]!).automatic).toEqual(away);
  });

  const edits: [string, (m: Record<string, unknown>) => void, number][] = [
    ['the marker removed', (m) => delete m.automatic, 1],
    ['another back time', (m) => (m.automatic = { ...away, backAt: null }), 1],
    ['an ordinary message marked automatic', (m) => (m.automatic = away), 0],
  ];
  it.each(edits)('%s fails message_hash', (_name, edit, index) => {
    const { b, c } = bundle(drafts);
    const evidence = JSON.parse(strFromU8(b.files.get('evidence.json')!)) as {
      messages: Record<string, unknown>[];
    };
    edit(evidence.messages[index]!);
    const files = new Map(b.files);
    files.set('evidence.json', strToU8(JSON.stringify(evidence)));
    const codes = verifyBundle(files, { expectedKey: c.publicKey }).problems.map((p) => p.code);
    expect(codes).toContain('message_hash');
  });
});
