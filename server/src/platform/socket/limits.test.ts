/**
 * The transport ceiling (`LIMITS.packetBytes`, socket.io's maxHttpBufferSize) must stay well above
 * the largest payload the schemas accept: otherwise a payload just over a schema limit closes the
 * connection instead of being answered `too_large` (docs/protocol.md § Limits).
 */
import { describe, expect, it } from 'vitest';
import { LIMITS, requestSchemas, type RequestName } from '../../../../shared/protocol';
import { TRANSLATION_LIMITS } from '../../../../shared/protocol/translation';

/**
 * The worst case per character in JSON among what the text rules accept (control characters
 * and lone surrogates are refused): a BMP character outside ASCII, three bytes of UTF-8. (A
 * surrogate pair is four bytes for two characters; `"` and `\\` escape to two.)
 */
const worst = (n: number) => '中'.repeat(n);
const uuid = '6f1c2b9e-3d4a-4f5b-8c7d-0e1f2a3b4c5d';
const sha = 'a'.repeat(64);

/** The largest valid payload of the requests that carry bulk text. */
const largest: { [N in RequestName]?: unknown } = {
  'translate:texts': {
    items: Array.from({ length: TRANSLATION_LIMITS.itemsPerRequest }, (_, i) => ({
      id: `${i}`.padEnd(200, 'x'),
      text: worst(TRANSLATION_LIMITS.textChars),
      sourceLang: 'en',
    })),
    targetLang: 'pl',
  },
  'message:send': {
    to: 'seller-1',
    clientId: uuid,
    text: worst(LIMITS.textChars),
    translation: { text: worst(LIMITS.textChars * 2), lang: 'pl' },
    attachments: Array.from({ length: LIMITS.attachmentsPerMessage }, () => ({
      sha256: sha,
      name: worst(255),
      mime: worst(100),
      size: LIMITS.attachmentBytes,
    })),
    order: {
      orderNo: 'x'.repeat(64),
      title: 'x'.repeat(200),
      url: `https://example.com/${'x'.repeat(2000)}`,
    },
  },
  'glossary:put': {
    scope: { kind: 'group', groupId: 'g'.repeat(100) },
    sourceLang: 'en',
    targetLang: 'pl',
    name: 'x'.repeat(100),
    entries: Array.from({ length: TRANSLATION_LIMITS.glossaryEntries }, (_, i) => ({
      source: `${i}`.padEnd(TRANSLATION_LIMITS.glossaryTermChars, '中'),
      target: worst(TRANSLATION_LIMITS.glossaryTermChars),
    })),
  },
  'contact:note': { memberId: 'seller-1', note: worst(LIMITS.note) },
};

describe('transport ceiling', () => {
  for (const [name, payload] of Object.entries(largest)) {
    it(`is comfortably above the largest valid ${name}`, () => {
      // The payload really is valid: otherwise this test measures nothing.
      const parsed = requestSchemas[name as RequestName].safeParse(payload);
      expect(parsed.error?.issues ?? []).toEqual([]);
      // socket.io sends `42["name",payload]` plus an ack id.
      const bytes = Buffer.byteLength(JSON.stringify([name, payload])) + 16;
      expect(bytes * 1.5).toBeLessThan(LIMITS.packetBytes);
    });
  }
});
