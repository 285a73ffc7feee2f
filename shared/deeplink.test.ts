import { describe, expect, it } from 'vitest';
import { findDeepLinkInArgv, formatDeepLink, parseDeepLink, DEEP_LINK_MAX_LENGTH } from './deeplink';

describe('parseDeepLink', () => {
  it('parses a chat link with order and product', () => {
    const r = parseDeepLink('tradewind://chat?with=shenzhen-led&order=TW-2026-0042&product=sku_991');
    expect(r).toEqual({
      ok: true,
      value: { kind: 'chat', with: 'shenzhen-led', orderNo: 'TW-2026-0042', productId: 'sku_991' },
    });
  });

  it('accepts a trailing slash and normalises the member id to lower case', () => {
    const r = parseDeepLink('tradewind://chat/?with=Yiwu.Toys');
    expect(r).toEqual({ ok: true, value: { kind: 'chat', with: 'yiwu.toys' } });
  });

  it('round-trips through formatDeepLink', () => {
    const link = { kind: 'chat' as const, with: 'istanbul_tex', orderNo: 'A/B#1', productId: 'p:2' };
    const r = parseDeepLink(formatDeepLink(link));
    expect(r).toEqual({ ok: true, value: link });
  });

  it.each([
    ['not a string', 42],
    ['empty', ''],
    ['not a URL', 'chat?with=abc'],
    ['javascript:', 'javascript:alert(1)//tradewind://chat?with=abc'],
    ['https', 'https://chat?with=abcdef'],
    ['file', 'file:///etc/passwd'],
    ['other host', 'tradewind://evil.example?with=abcdef'],
    ['other action', 'tradewind://settings?with=abcdef'],
    ['a path', 'tradewind://chat/../../etc?with=abcdef'],
    ['credentials', 'tradewind://user:pw@chat?with=abcdef'],
    ['a port', 'tradewind://chat:8080?with=abcdef'],
    ['a fragment', 'tradewind://chat?with=abcdef#x'],
    ['no member id', 'tradewind://chat'],
    ['empty member id', 'tradewind://chat?with='],
    ['short member id', 'tradewind://chat?with=ab'],
    ['bad member id', 'tradewind://chat?with=%3Cscript%3E'],
    ['member id with spaces', 'tradewind://chat?with=abc%20def'],
    ['overlong member id', `tradewind://chat?with=${'a'.repeat(33)}`],
    ['overlong order', `tradewind://chat?with=abcdef&order=${'1'.repeat(65)}`],
    ['markup in product', 'tradewind://chat?with=abcdef&product=%3Cimg%3E'],
    ['javascript: in product', 'tradewind://chat?with=abcdef&product=javascript%3Aalert(1)'],
    ['unknown parameter', 'tradewind://chat?with=abcdef&redirect=https://evil.example'],
    ['prototype key', 'tradewind://chat?with=abcdef&__proto__=x'],
    ['repeated parameter', 'tradewind://chat?with=abcdef&with=ghijkl'],
    ['control characters', 'tradewind://chat?with=abc\ndef'],
    ['tab smuggling', 'trade\twind://chat?with=abcdef'],
    ['backslashes', 'tradewind:\\\\chat?with=abcdef'],
    ['overlong link', `tradewind://chat?with=abcdef&order=1${'&x'.repeat(DEEP_LINK_MAX_LENGTH)}`],
  ])('refuses %s', (_name, input) => {
    const r = parseDeepLink(input);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe('bad_request');
  });
});

describe('findDeepLinkInArgv', () => {
  it('finds the link among Chromium switches (second-instance argv)', () => {
    const argv = ['/opt/Tradewind/tradewind', '--allow-file-access', 'tradewind://chat?with=saopaulo-cafe'];
    expect(findDeepLinkInArgv(argv)).toEqual({ kind: 'chat', with: 'saopaulo-cafe' });
  });

  it('ignores invalid links and other arguments', () => {
    expect(
      findDeepLinkInArgv(['app', 'tradewind://evil?with=x', '--flag', 'https://example.com']),
    ).toBeNull();
  });
});
