import { describe, expect, it, vi } from 'vitest';
import { DEFAULT_SERVER_URL, resolveServerUrl } from './config';

describe('resolveServerUrl', () => {
  it('defaults to the local server', () => {
    expect(resolveServerUrl({ env: {}, readSettings: () => null, warn: vi.fn() })).toEqual({
      serverUrl: DEFAULT_SERVER_URL,
      source: 'default',
    });
  });

  it('prefers TRADEWIND_SERVER_URL, reduced to its origin', () => {
    const r = resolveServerUrl({
      env: { TRADEWIND_SERVER_URL: 'https://chat.example.com:8443/some/path' },
      readSettings: () => '{"serverUrl":"https://other.example.com"}',
      warn: vi.fn(),
    });
    expect(r).toEqual({ serverUrl: 'https://chat.example.com:8443', source: 'env' });
  });

  it('reads settings.json next', () => {
    const r = resolveServerUrl({
      env: {},
      readSettings: () => '{"serverUrl":"https://t.example.com/"}',
      warn: vi.fn(),
    });
    expect(r).toEqual({ serverUrl: 'https://t.example.com', source: 'settings' });
  });

  it('warns about and skips invalid values', () => {
    const warn = vi.fn();
    const r = resolveServerUrl({
      env: { TRADEWIND_SERVER_URL: 'javascript:alert(1)' },
      readSettings: () => '{"serverUrl": 42}',
      warn,
    });
    expect(r.source).toBe('default');
    expect(warn).toHaveBeenCalledTimes(2);
  });

  it('survives unreadable or malformed settings', () => {
    const warn = vi.fn();
    expect(resolveServerUrl({ env: {}, readSettings: () => '{oops', warn }).source).toBe('default');
    expect(
      resolveServerUrl({
        env: {},
        readSettings: () => {
          throw new Error('EACCES');
        },
        warn,
      }).source,
    ).toBe('default');
  });
});
