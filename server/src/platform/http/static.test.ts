import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentTypeOf, resolveStaticPath } from './static';

describe('resolveStaticPath', () => {
  let base: string;
  let root: string;
  beforeAll(async () => {
    base = await realpath(await mkdtemp(join(tmpdir(), 'tw-static-')));
    root = join(base, 'root');
    await mkdir(join(root, 'assets'), { recursive: true });
    await writeFile(join(root, 'index.html'), 'index');
    await writeFile(join(root, 'assets', 'a b.js'), 'js');
    await writeFile(join(root, '.env'), 'secret');
    await writeFile(join(base, 'outside.txt'), 'outside');
    await symlink(join(base, 'outside.txt'), join(root, 'link.txt'));
  });
  afterAll(() => rm(base, { recursive: true, force: true }));

  it('finds files inside the root, decoding the URL', async () => {
    expect(await resolveStaticPath(root, '/index.html')).toBe(join(root, 'index.html'));
    expect(await resolveStaticPath(root, '/assets/a%20b.js')).toBe(join(root, 'assets', 'a b.js'));
  });

  it('refuses traversal, dotfiles, NUL, backslashes, directories, symlinks out and bad escapes', async () => {
    for (const p of [
      '/../outside.txt',
      '/%2e%2e/outside.txt',
      '/assets/..%2F..%2Foutside.txt',
      '/.env',
      '/%00',
      '/..%5Coutside.txt',
      '/assets',
      '/link.txt',
      '/%E0%A4%A',
      '/nope.js',
    ]) {
      expect(await resolveStaticPath(root, p), p).toBeNull();
    }
  });

  it('knows the content types of a built renderer', () => {
    expect(contentTypeOf('x.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeOf('x.CSS')).toBe('text/css; charset=utf-8');
    expect(contentTypeOf('x.woff2')).toBe('font/woff2');
    expect(contentTypeOf('x.unknown')).toBe('application/octet-stream');
  });
});
