/** The text rules (docs/protocol.md § Text fields), through the schemas of the requests that carry text. */
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { requestSchemas, type RequestName } from './events';
import {
  cleanTypedText,
  controlCharacter,
  firstControlCharacter,
  leadingByteOrderMark,
  notWellFormed,
  text,
  textProblem,
} from './text';

const clientId = '01eba702-51e2-486d-8e76-18ec18594739';
const LONE = 'a\ud83db';

/** A valid payload of a request with one text field set to `value`, the field's path and its name. */
type Case = [RequestName, (value: string) => unknown, string, string];

const cases: Case[] = [
  ['message:send', (v) => ({ to: 'li.wei', clientId, text: v }), 'text', 'message text'],
  [
    'message:send',
    (v) => ({ to: 'li.wei', clientId, text: 'x', translation: { text: v, lang: 'zh' } }),
    'translation.text',
    'approved translation',
  ],
  [
    'message:send',
    (v) => ({ to: 'li.wei', clientId, text: 'x', order: { orderNo: v } }),
    'order.orderNo',
    'order number',
  ],
  [
    'message:send',
    (v) => ({ to: 'li.wei', clientId, text: 'x', order: { productId: v } }),
    'order.productId',
    'product id',
  ],
  [
    'message:send',
    (v) => ({ to: 'li.wei', clientId, text: 'x', order: { title: v } }),
    'order.title',
    'product title',
  ],
  [
    'message:send',
    (v) => ({ to: 'li.wei', clientId, text: 'x', order: { price: v } }),
    'order.price',
    'price',
  ],
  [
    'message:send',
    (v) => ({
      to: 'li.wei',
      clientId,
      text: '',
      attachments: [{ sha256: 'a'.repeat(64), name: v, mime: 'image/png', size: 1 }],
    }),
    'attachments.0.name',
    'attachment name',
  ],
  [
    'message:send',
    (v) => ({
      to: 'li.wei',
      clientId,
      text: '',
      attachments: [{ sha256: 'a'.repeat(64), name: 'a.png', mime: v, size: 1 }],
    }),
    'attachments.0.mime',
    'attachment type',
  ],
  [
    'auth:signUp',
    (v) => ({ memberId: 'anna.k', displayName: v, password: 'long enough', role: 'buyer' }),
    'displayName',
    'display name',
  ],
  [
    'auth:signUp',
    (v) => ({
      memberId: 'anna.k',
      displayName: 'Anna',
      password: 'long enough',
      role: 'buyer',
      profile: { company: v },
    }),
    'profile.company',
    'company name',
  ],
  [
    'auth:signUp',
    (v) => ({
      memberId: 'anna.k',
      displayName: 'Anna',
      password: 'long enough',
      role: 'buyer',
      deviceName: v,
    }),
    'deviceName',
    'device name',
  ],
  [
    'auth:signUp',
    (v) => ({ memberId: 'anna.k', displayName: 'Anna', password: `long enough ${v}`, role: 'buyer' }),
    'password',
    'password',
  ],
  [
    'auth:signIn',
    (v) => ({ memberId: 'anna.k', password: 'whatever', deviceName: v }),
    'deviceName',
    'device name',
  ],
  ['profile:update', (v) => ({ displayName: v }), 'displayName', 'display name'],
  ['profile:update', (v) => ({ profile: { company: v } }), 'profile.company', 'company name'],
  ['group:create', (v) => ({ name: v }), 'name', 'group name'],
  ['group:rename', (v) => ({ id: 'g1', name: v }), 'name', 'group name'],
  ['contact:note', (v) => ({ memberId: 'li.wei', note: v }), 'note', 'note'],
  [
    'contact:note',
    (v) => ({ memberId: 'li.wei', note: 'x', baseNote: v }),
    'baseNote',
    'note the edit started from',
  ],
  ['sync:messages', (v) => ({ conversationId: v, afterSeq: 0 }), 'conversationId', 'conversation id'],
  [
    'sync:batch',
    (v) => ({ cursors: [{ conversationId: v, afterSeq: 0 }] }),
    'cursors.0.conversationId',
    'conversation id',
  ],
  [
    'message:receipt',
    (v) => ({ conversationId: v, kind: 'read', upToSeq: 1 }),
    'conversationId',
    'conversation id',
  ],
  [
    'evidence:attest',
    (v) => ({ conversationId: v, scope: { kind: 'whole' } }),
    'conversationId',
    'conversation id',
  ],
  [
    'evidence:attest',
    (v) => ({ conversationId: 'dm:a.b:c.d', scope: { kind: 'order', orderNo: v } }),
    'scope.orderNo',
    'order number',
  ],
  ['translate:texts', (v) => ({ items: [{ id: v, text: 'x' }], targetLang: 'pl' }), 'items.0.id', 'item id'],
  [
    'translate:texts',
    (v) => ({ items: [{ id: '1', text: v }], targetLang: 'pl' }),
    'items.0.text',
    'text to translate',
  ],
  [
    'translate:texts',
    (v) => ({ items: [{ id: '1', text: 'x' }], targetLang: 'pl', groupId: v }),
    'groupId',
    'group id',
  ],
  ['translate:preview', (v) => ({ text: v, targetLang: 'pl' }), 'text', 'text to translate'],
  ['translate:preview', (v) => ({ text: 'x', targetLang: 'pl', groupId: v }), 'groupId', 'group id'],
  [
    'glossary:put',
    (v) => ({
      scope: { kind: 'group', groupId: v },
      sourceLang: 'pl',
      targetLang: 'zh',
      entries: [{ source: 'a', target: 'b' }],
    }),
    'scope.groupId',
    'group id',
  ],
  [
    'glossary:put',
    (v) => ({
      scope: { kind: 'contact', memberId: 'li.wei' },
      sourceLang: 'pl',
      targetLang: 'zh',
      name: v,
      entries: [{ source: 'a', target: 'b' }],
    }),
    'name',
    'glossary name',
  ],
  [
    'glossary:put',
    (v) => ({
      scope: { kind: 'contact', memberId: 'li.wei' },
      sourceLang: 'pl',
      targetLang: 'zh',
      entries: [{ source: `a${v}`, target: 'b' }],
    }),
    'entries.0.source',
    'glossary term',
  ],
  ['glossary:list', (v) => ({ scope: { kind: 'group', groupId: v } }), 'scope.groupId', 'group id'],
  ['glossary:delete', (v) => ({ id: v }), 'id', 'glossary id'],
  ['quickReply:put', (v) => ({ id: 'r1', name: v, text: 'x' }), 'name', 'quick reply name'],
  ['quickReply:put', (v) => ({ id: 'r1', name: 'MOQ', text: v }), 'text', 'quick reply text'],
];

const SendMessageRequestOf = (text: string) => issuesOf('message:send', { to: 'li.wei', clientId, text });

function issuesOf(name: RequestName, payload: unknown): z.core.$ZodIssue[] {
  const r = requestSchemas[name].safeParse(payload);
  return r.success ? [] : r.error.issues;
}

describe('text rules', () => {
  it('finds the first refused control character; tab, LF and CR only in multi-line text', () => {
    expect(firstControlCharacter('ok', false)).toBeNull();
    expect(firstControlCharacter('a\u0000b', true)).toBe(0);
    expect(firstControlCharacter('a\u001fb\u0001', false)).toBe(0x1f);
    expect(firstControlCharacter('a\tb\r\nc', true)).toBeNull();
    expect(firstControlCharacter('a\tb', false)).toBe(9);
    expect(firstControlCharacter('a\u000bb', true)).toBe(0x0b);
    // DEL, C1 controls, zero-width joiners and emoji are text, not C0 controls.
    expect(firstControlCharacter('\u007f\u0085\u200d😀', false)).toBeNull();
  });

  it('cleans typed text into what message text accepts, keeping tabs, line breaks and emoji', () => {
    expect(cleanTypedText('one\u000btwo\u000cthree\u0000\u0007 four\tfive\r\nsix 😀')).toBe(
      'one\ntwo\nthree four\tfive\r\nsix 😀',
    );
    expect(cleanTypedText('a\ud83db\ude00')).toBe('a\ufffdb\ufffd');
    const samples = ['\u0000x', 'a\u001fb', 'x\ud800', 'plain', '\u000b'];
    for (const s of samples) expect(SendMessageRequestOf(`${cleanTypedText(s)}x`)).toEqual([]);
  });

  it('drops a leading U+FEFF from typed text, so a pasted byte order mark never reaches the outbox', () => {
    expect(cleanTypedText('\ufeffHello')).toBe('Hello');
    expect(cleanTypedText('\u0000\ufeff\ufeffHello\ufeff')).toBe('Hello\ufeff');
    expect(SendMessageRequestOf(cleanTypedText('\ufeffHello'))).toEqual([]);
  });

  it('refuses a text that begins with U+FEFF in every field that does not trim; trimming fields drop it', () => {
    // PGlite reads a leading U+FEFF back without it: a hashed field would no longer match its hash.
    // Cases whose field is the value itself (not a prefixed one like the password's).
    const whole = cases.filter(([, build]) => JSON.stringify(build('\ufeffx')).includes('"\ufeffx"'));
    expect(whole.length).toBeGreaterThan(30);
    for (const [name, build, path, field] of whole) {
      const r = requestSchemas[name].safeParse(build('\ufeffx'));
      // A field that trims removes U+FEFF with the white space (String.prototype.trim).
      if (r.success) expect(JSON.stringify(r.data)).not.toContain('\ufeff');
      else
        expect(r.error.issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
          path,
          leadingByteOrderMark(field),
        ]);
    }
    expect(textProblem('\ufeffhi', 'message text', true)).toBe(
      'The message text begins with U+FEFF (a byte order mark, an invisible character), which is not allowed; remove it.',
    );
    // Inside a text it is an ordinary (invisible) character and is stored as sent.
    expect(textProblem('hi\ufeffthere', 'message text', true)).toBeNull();
    expect(SendMessageRequestOf('\ufeffHello').map((i) => i.message)).toEqual([
      leadingByteOrderMark('message text'),
    ]);
    expect(
      issuesOf('message:send', {
        to: 'li.wei',
        clientId,
        text: 'x',
        translation: { text: '\ufeff译文', lang: 'zh' },
      }),
    ).toHaveLength(1);
  });

  it('names the field and the character', () => {
    expect(textProblem('a\u0000', 'display name')).toBe(
      'The display name contains a control character (U+0000), which is not allowed; remove it.',
    );
    expect(textProblem('a\nb', 'group name')).toBe('The group name cannot contain tabs or line breaks.');
    expect(textProblem('a\nb', 'note', true)).toBeNull();
    expect(textProblem(LONE, 'note', true)).toBe(notWellFormed('note'));
    expect(textProblem('Łódź 深圳 😀', 'company name')).toBeNull();
  });

  it('trims before checking length where the field trims, and names the field in length sentences', () => {
    const name = text({ field: 'group name', min: 1, max: 3, trim: true });
    expect(name.parse('  abc  ')).toBe('abc');
    expect(name.safeParse('   ').error?.issues[0]?.message).toBe('The group name cannot be empty.');
    expect(name.safeParse('abcd').error?.issues[0]?.message).toBe('The group name has at most 3 characters.');
  });

  it.each(cases)(
    '%s refuses NUL, other C0 controls and lone surrogates in %s',
    (name, build, path, field) => {
      expect(issuesOf(name, build('fine text'))).toEqual([]);
      for (const [bad, message] of [
        ['x\u0000y', controlCharacter(field, 0)],
        ['x\u0007y', controlCharacter(field, 7)],
        ['x\u001by', controlCharacter(field, 0x1b)],
        [LONE, notWellFormed(field)],
        ['\udc00', notWellFormed(field)],
      ] as const) {
        const issues = issuesOf(name, build(bad));
        expect(issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
      }
    },
  );

  it('multi-line fields keep tabs and line breaks; single-line fields refuse them', () => {
    const multi = cases.filter(([, , , field]) =>
      [
        'message text',
        'approved translation',
        'note',
        'note the edit started from',
        'text to translate',
        'quick reply text',
      ].includes(field),
    );
    expect(multi).toHaveLength(7);
    for (const [name, build, path, field] of cases) {
      const issues = issuesOf(name, build('line one\r\n\tline two'));
      if (multi.some((m) => m[3] === field)) expect(issues).toEqual([]);
      else
        expect(issues.map((i) => [i.path.join('.'), i.message])).toContainEqual([
          path,
          `The ${field} cannot contain tabs or line breaks.`,
        ]);
    }
  });

  it('sign-in compares the password as typed: any characters within the length', () => {
    expect(issuesOf('auth:signIn', { memberId: 'anna.k', password: 'old\u0000pass' })).toEqual([]);
  });

  it('refuses counters the store cannot hold and times that do not exist', () => {
    expect(issuesOf('sync:messages', { conversationId: 'dm:a.b:c.d', afterSeq: 2 ** 31 })).not.toEqual([]);
    expect(issuesOf('sync:messages', { conversationId: 'dm:a.b:c.d', afterSeq: 2 ** 31 - 1 })).toEqual([]);
    expect(issuesOf('group:list', { sinceVersion: 2 ** 40 })).not.toEqual([]);
    const range = (from: string) => ({
      conversationId: 'dm:a.b:c.d',
      scope: { kind: 'dateRange', from, to: '2026-03-01T00:00:00Z' },
    });
    expect(issuesOf('evidence:attest', range('2026-02-28T00:00:00Z'))).toEqual([]);
    for (const bad of [
      '2026-02-30T00:00:00Z',
      '2026-13-01T00:00:00Z',
      '0000-01-01T00:00:00Z',
      '2026-01-01T25:00:00Z',
    ])
      expect(issuesOf('evidence:attest', range(bad)).map((i) => i.path.join('.'))).toContain('scope.from');
  });
});
