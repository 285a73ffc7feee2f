import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as reference from '../../../../shared/evidence/chain';
import { chainHash } from './chain';

/** Any string: full unicode, lone surrogates, controls, U+2028/2029, quotes and backslashes. */
const anyString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({
    unit: fc.constantFrom(
      '\u0000',
      '\ud800',
      '\udfff',
      '\u2028',
      '\u2029',
      '"',
      '\\',
      '\u007f',
      '\t',
      'é',
      '😀',
    ),
    maxLength: 12,
  }),
);
/** Any number JSON can carry (and some it cannot): -0, fractions, beyond 2^53, NaN. */
const anyNumber = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(-0, 2 ** 53 + 2, 1e21, 1e-7, Number.MAX_SAFE_INTEGER),
);
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });

const message = fc.record(
  {
    conversationId: anyString,
    seq: anyNumber,
    sender: anyString,
    sentAt: anyString,
    clientId: anyString,
    text: anyString,
    lang: maybe(anyString),
    translation: maybe(fc.record({ text: anyString, lang: anyString })),
    attachments: fc.array(fc.record({ sha256: anyString }), { maxLength: 4 }),
    order: maybe(
      fc.oneof(
        fc.record(
          { orderNo: anyString, productId: anyString, title: anyString, url: anyString },
          { requiredKeys: [] },
        ),
        // Keys the client chose, in any order, with any JSON value or undefined.
        fc.dictionary(anyString, fc.oneof(fc.jsonValue(), fc.constant(undefined))),
      ),
    ),
    change: fc.option(
      fc.record({ kind: fc.constantFrom('edit' as const, 'retract' as const), seq: anyNumber }),
      {
        nil: undefined,
      },
    ),
    replyTo: fc.option(fc.record({ seq: anyNumber }), { nil: undefined }),
    automatic: fc.option(fc.record({ kind: fc.constant('away' as const), backAt: maybe(anyString) }), {
      nil: undefined,
    }),
  },
  {
    requiredKeys: [
      'conversationId',
      'seq',
      'sender',
      'sentAt',
      'clientId',
      'text',
      'lang',
      'translation',
      'attachments',
      'order',
    ],
  },
);

describe('chain input written out by hand (chain.ts)', () => {
  it('hashes every message of the Hashable shape as the shared reference does', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 64 }), message, (prev, m) => {
        let expected: string;
        try {
          expected = reference.chainHash(prev, m);
        } catch {
          return; // no JSON form (a non-finite number): reported separately
        }
        expect(chainHash(prev, m)).toBe(expected);
      }),
      { numRuns: 20000 },
    );
  });
});
