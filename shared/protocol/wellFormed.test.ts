/** Hashed and signed text must be well-formed Unicode (docs/protocol.md § Limits, docs/evidence.md § Chain). */
import { describe, expect, it } from 'vitest';
import { SendMessageRequest, SignUpRequest } from './schemas';
import { isWellFormed } from './text';

const LONE_HIGH = 'Dzień dobry \ud83d';
const LONE_LOW = '\ude00 好的';
const to = 'shenzhen-led';
const clientId = '01eba702-51e2-486d-8e76-18ec18594739';

describe('well-formed text', () => {
  it('isWellFormed agrees with String.prototype.isWellFormed where the runtime has it', () => {
    const samples = [
      '',
      'abc',
      'برچسب\u200cها',
      '😀',
      '\ud83d\ude00',
      LONE_HIGH,
      LONE_LOW,
      '\ud83d\ud83d',
      '\ude00\ud83d',
    ];
    for (const s of samples) {
      const native = (s as unknown as { isWellFormed?: () => boolean }).isWellFormed?.();
      expect(isWellFormed(s)).toBe(
        native ?? !/[\ud800-\udfff]/.test(s.replace(/[\ud800-\udbff][\udc00-\udfff]/g, '')),
      );
    }
    expect(isWellFormed('😀 برچسب')).toBe(true);
    expect(isWellFormed(LONE_HIGH)).toBe(false);
    expect(isWellFormed(LONE_LOW)).toBe(false);
  });

  it('message:send refuses a lone surrogate in every hashed field, naming the field', () => {
    const base = { to, clientId, text: 'ok' };
    const cases: [Record<string, unknown>, string, string][] = [
      [{ text: LONE_HIGH }, 'text', 'message text'],
      [{ translation: { text: LONE_LOW, lang: 'zh' } }, 'translation.text', 'approved translation'],
      [{ order: { orderNo: `TW-${LONE_LOW}` } }, 'order.orderNo', 'order number'],
      [{ order: { productId: LONE_HIGH } }, 'order.productId', 'product id'],
      [{ order: { title: LONE_HIGH } }, 'order.title', 'product title'],
      [{ order: { price: LONE_HIGH } }, 'order.price', 'price'],
      [
        {
          attachments: [
            { sha256: 'a'.repeat(64), name: `zdjęcie${LONE_HIGH}.png`, mime: 'image/png', size: 1 },
          ],
        },
        'attachments.0.name',
        'attachment name',
      ],
    ];
    for (const [over, path, field] of cases) {
      const r = SendMessageRequest.safeParse({ ...base, ...over });
      expect(r.success).toBe(false);
      const issue = r.error?.issues[0];
      expect(issue?.path.join('.')).toBe(path);
      expect(issue?.message).toBe(
        `The ${field} contains a lone surrogate (an unpaired UTF-16 code unit, U+D800–U+DFFF); send well-formed Unicode text.`,
      );
    }
    // Language codes are ASCII by their pattern, so a surrogate never passes there either.
    expect(SendMessageRequest.safeParse({ ...base, lang: `f${LONE_LOW}` }).success).toBe(false);
    // Paired surrogates (emoji) and Persian with a zero-width non-joiner are fine.
    expect(
      SendMessageRequest.safeParse({ ...base, text: 'می‌کنیم 😀', translation: { text: '😀', lang: 'pl' } })
        .success,
    ).toBe(true);
  });

  it('the display name, which attestations sign, must be well-formed too', () => {
    const r = SignUpRequest.safeParse({
      memberId: 'anna.k',
      displayName: `Anna ${LONE_HIGH}`,
      password: 'long enough',
      role: 'buyer',
    });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['displayName']);
  });
});
