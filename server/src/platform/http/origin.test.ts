/** The Origin allow-list (origin.ts): who may use the socket and the HTTP API. */
import { describe, expect, it } from 'vitest';
import { allowedOriginsOf, originPolicy } from './origin';

describe('originPolicy', () => {
  const policy = originPolicy({
    publicUrl: 'https://tradewind.example/',
    allowed: ['https://portal.example', 'http://intranet.example:8443'],
  });

  it('allows requests without an Origin (not a browser), the own origin, the desktop app and the list', () => {
    const host = '127.0.0.1:4100';
    expect(policy.allows(undefined, host)).toBe(true);
    expect(policy.allows('http://127.0.0.1:4100', host)).toBe(true);
    // Behind a TLS proxy the page is https while the server sees plain http with the same Host.
    expect(policy.allows('https://chat.example', 'chat.example')).toBe(true);
    expect(policy.allows('https://tradewind.example', 'internal-node-3:4100')).toBe(true);
    expect(policy.allows('app://tradewind', host)).toBe(true);
    expect(policy.allows('https://portal.example', host)).toBe(true);
    expect(policy.allows('HTTP://INTRANET.example:8443', host)).toBe(true);
  });

  it('refuses every other origin, null, and look-alikes', () => {
    const host = '127.0.0.1:4100';
    for (const origin of [
      'https://evil.example',
      'null',
      'http://127.0.0.1:4101',
      'http://127.0.0.1',
      'https://portal.example:444',
      'http://portal.example',
      'app://tradewind.evil',
      'file://',
      'chrome-extension://abcdef',
      'not a url',
      '',
    ])
      expect({ origin, allowed: policy.allows(origin, host) }).toEqual({ origin, allowed: false });
    // A Host header cannot make a foreign scheme its own.
    expect(policy.allows('ftp://127.0.0.1:4100', host)).toBe(false);
    expect(policy.allows('https://evil.example', undefined)).toBe(false);
  });

  it('names CORS origins only for allowed cross-origin callers', () => {
    expect(policy.corsOrigin('app://tradewind')).toBe('app://tradewind');
    expect(policy.corsOrigin('https://portal.example')).toBe('https://portal.example');
    expect(policy.corsOrigin('https://evil.example')).toBeNull();
    expect(policy.corsOrigin(undefined)).toBeNull();
  });
});

describe('allowedOriginsOf (TRADEWIND_ALLOWED_ORIGINS)', () => {
  it('reads a comma-separated list of origins', () => {
    expect(allowedOriginsOf(undefined)).toEqual([]);
    expect(allowedOriginsOf(' https://Portal.example , http://intranet.example:8443/ ,')).toEqual([
      'https://portal.example',
      'http://intranet.example:8443',
    ]);
  });

  it('fails on an entry that is not an origin, naming it', () => {
    for (const bad of ['portal.example', 'https://portal.example/app', 'https://user:pw@portal.example'])
      expect(() => allowedOriginsOf(`https://ok.example,${bad}`)).toThrow(bad);
  });
});
