import { mkdtemp, mkdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { resolveAppPath, serveAppRequest } from './appProtocol';

let root: string;
let outside: string;
beforeAll(async () => {
  const base = await mkdtemp(join(tmpdir(), 'tw-app-'));
  root = join(base, 'renderer');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Tradewind</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  outside = join(base, 'secret.txt');
  await writeFile(outside, 'secret');
  await writeFile(join(base, 'renderer-evil.txt'), 'sibling with a common prefix');
});

const fs = { readFile: (f: string) => readFile(f) };

describe('resolveAppPath', () => {
  it('maps app URLs into the root', () => {
    expect(resolveAppPath(root, 'app://tradewind/')).toEqual({
      ok: true,
      file: join(root, 'index.html'),
      spaFallback: false,
    });
    expect(resolveAppPath(root, 'app://tradewind/assets/app.js?v=1')).toEqual({
      ok: true,
      file: join(root, 'assets', 'app.js'),
      spaFallback: false,
    });
  });

  it.each([
    'app://tradewind/../secret.txt',
    'app://tradewind/%2e%2e/secret.txt',
    'app://tradewind/..%2fsecret.txt',
    'app://tradewind/..%2F..%2F..%2Fetc%2Fpasswd',
    'app://tradewind/assets/..%2f..%2fsecret.txt',
    'app://tradewind/..%5csecret.txt',
    'app://tradewind/%00index.html',
    'app://tradewind/C:%5cWindows%5cwin.ini',
    'app://tradewind/%2fetc%2fpasswd',
    'app://tradewind/..%2frenderer-evil.txt',
    'app://tradewind/%E0%A4%A',
    'app://other/index.html',
  ])('never leaves the root: %s', (url) => {
    const r = resolveAppPath(root, url);
    if (r.ok) {
      expect(r.file.startsWith(root + '/')).toBe(true);
    } else {
      expect([400, 404]).toContain(r.status);
    }
  });
});

describe('serveAppRequest', () => {
  it('serves index.html with the CSP and nosniff', async () => {
    const res = await serveAppRequest(root, 'app://tradewind/index.html', fs, "default-src 'none'");
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('<title>Tradewind</title>');
  });

  it('serves scripts with a JavaScript type', async () => {
    const res = await serveAppRequest(root, 'app://tradewind/assets/app.js', fs, 'x');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it('falls back to index.html for client-side routes, 404 for missing files', async () => {
    const route = await serveAppRequest(root, 'app://tradewind/conversations/abc', fs, 'x');
    expect(route.status).toBe(200);
    expect(await route.text()).toContain('Tradewind');
    expect((await serveAppRequest(root, 'app://tradewind/missing.js', fs, 'x')).status).toBe(404);
  });

  it('does not serve files outside the root', async () => {
    for (const url of ['app://tradewind/..%2fsecret.txt', 'app://tradewind/%2e%2e/secret.txt']) {
      const res = await serveAppRequest(root, url, fs, 'x');
      expect(res.status).not.toBe(200);
    }
    expect(outside).toBeTruthy();
  });
});
