import { describe, expect, it } from 'vitest';
import {
  allowPermission,
  buildCsp,
  decideNavigation,
  decideWindowOpen,
  isAppUrl,
  safeExternalUrl,
  responseHeaders,
  serverOrigins,
  withCsp,
} from './security';

describe('navigation policy', () => {
  it('allows the app origin only', () => {
    expect(decideNavigation('app://tradewind/index.html')).toEqual({ action: 'allow' });
    expect(decideNavigation('app://tradewind/conversations/1')).toEqual({ action: 'allow' });
    expect(decideNavigation('app://other/index.html')).toEqual({ action: 'deny' });
    expect(decideNavigation('file:///etc/passwd')).toEqual({ action: 'deny' });
    expect(decideNavigation('http://127.0.0.1:4100/')).toEqual({ action: 'deny' });
  });

  it('sends https navigations to the browser instead', () => {
    expect(decideNavigation('https://example.com/a?b=c')).toEqual({
      action: 'deny',
      openExternally: 'https://example.com/a?b=c',
    });
  });

  it('never opens windows, only https links externally', () => {
    expect(decideWindowOpen('app://tradewind/index.html')).toEqual({ action: 'deny' });
    expect(decideWindowOpen('https://alibaba.com/item/1')).toEqual({
      action: 'deny',
      openExternally: 'https://alibaba.com/item/1',
    });
  });

  it.each([
    'http://example.com/',
    'javascript:alert(1)',
    'file:///C:/Windows/System32/calc.exe',
    'smb://server/share',
    'ms-msdt:/id PCWDiagnostic',
    'tradewind://chat?with=abcdef',
    'https://user:pw@example.com/',
    'https://',
    `https://example.com/${'a'.repeat(2100)}`,
    'not a url',
  ])('refuses to open external URL #%#', (url) => {
    expect(safeExternalUrl(url)).toBeNull();
    expect(decideWindowOpen(url)).toEqual({ action: 'deny' });
  });

  it('isAppUrl rejects look-alikes', () => {
    expect(isAppUrl('app://tradewind/')).toBe(true);
    expect(isAppUrl('app://tradewind.evil.com/')).toBe(false);
    expect(isAppUrl('app://evil.com/tradewind')).toBe(false);
    expect(isAppUrl(null)).toBe(false);
    expect(isAppUrl(undefined)).toBe(false);
  });
});

describe('CSP', () => {
  it('allows the configured server over http and ws, nothing else on the network', () => {
    const csp = buildCsp('http://127.0.0.1:4100');
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:4100 ws://127.0.0.1:4100");
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toMatch(/script-src[^;]*unsafe/);
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).not.toContain('*');
  });

  it('uses wss for an https server', () => {
    expect(serverOrigins('https://tradewind.example.com/')).toEqual([
      'https://tradewind.example.com',
      'wss://tradewind.example.com',
    ]);
    expect(buildCsp('https://tradewind.example.com:8443')).toContain(
      "connect-src 'self' https://tradewind.example.com:8443 wss://tradewind.example.com:8443",
    );
  });

  it('ignores a non-http server URL instead of widening the policy', () => {
    expect(serverOrigins('javascript:alert(1)')).toEqual([]);
    expect(buildCsp('file:///')).toContain("connect-src 'self';");
  });

  it('replaces a CSP the response carried, whatever its case', () => {
    const out = withCsp({ 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] }, 'X');
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': ['X'] });
    expect(withCsp(undefined, 'Y')).toEqual({ 'Content-Security-Policy': ['Y'] });
  });
});

describe('responseHeaders', () => {
  const csp = "default-src 'none'";
  it('lets the app read responses of the configured server only', () => {
    const fromServer = responseHeaders(
      'http://127.0.0.1:4100/api/demo-session',
      { 'Content-Type': ['application/json'] },
      csp,
      'http://127.0.0.1:4100',
    );
    expect(fromServer['Access-Control-Allow-Origin']).toEqual(['app://tradewind']);
    expect(fromServer.Vary).toEqual(['Origin']);
    expect(fromServer['Content-Security-Policy']).toEqual([csp]);
    const elsewhere = responseHeaders('http://127.0.0.1:9999/x', {}, csp, 'http://127.0.0.1:4100');
    expect(elsewhere['Access-Control-Allow-Origin']).toBeUndefined();
  });
  it("keeps the server's own CORS answer", () => {
    const h = responseHeaders(
      'http://127.0.0.1:4100/x',
      { 'access-control-allow-origin': ['*'] },
      csp,
      'http://127.0.0.1:4100',
    );
    expect(h['access-control-allow-origin']).toEqual(['*']);
    expect(h['Access-Control-Allow-Origin']).toBeUndefined();
  });
});

describe('permissions', () => {
  it('grants notifications to the app only', () => {
    expect(allowPermission('notifications', 'app://tradewind/index.html')).toBe(true);
    expect(allowPermission('notifications', 'https://evil.example/')).toBe(false);
    expect(allowPermission('notifications', undefined)).toBe(false);
  });
  it.each(['media', 'geolocation', 'openExternal', 'clipboard-read', 'fileSystem', 'unknown'])(
    'denies %s',
    (p) => {
      expect(allowPermission(p, 'app://tradewind/index.html')).toBe(false);
    },
  );
});
