import { once } from 'node:events';
import { mkdir, mkdtemp, realpath, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerContext } from '../../platform/context';
import { releasesRoute } from './feature';

let base: string;
let server: Server;
let origin: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'tw-releases-')));
  const dir = join(base, 'releases');
  await mkdir(dir);
  await writeFile(
    join(dir, 'latest-linux.yml'),
    'version: 0.2.0\nfiles:\n  - url: Tradewind-0.2.0.AppImage\n',
  );
  await writeFile(join(dir, 'Tradewind-0.2.0.AppImage'), Buffer.alloc(4096, 7));
  await writeFile(join(dir, '.env'), 'secret');
  await writeFile(join(base, 'outside.txt'), 'outside');
  const route = releasesRoute(dir);
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    void Promise.resolve(route(req, res, url, {} as ServerContext)).then((handled) => {
      if (!handled) res.writeHead(418).end('not mine');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.close();
  await rm(base, { recursive: true, force: true });
});

describe('releases route', () => {
  it('serves the update metadata and installers, never cached', async () => {
    const yml = await fetch(`${origin}/releases/latest-linux.yml`);
    expect(yml.status).toBe(200);
    expect(yml.headers.get('cache-control')).toBe('no-cache');
    expect(await yml.text()).toContain('version: 0.2.0');
    const app = await fetch(`${origin}/releases/Tradewind-0.2.0.AppImage`);
    expect(app.status).toBe(200);
    expect(Buffer.from(await app.arrayBuffer())).toEqual(Buffer.alloc(4096, 7));
    const head = await fetch(`${origin}/releases/Tradewind-0.2.0.AppImage`, { method: 'HEAD' });
    expect(head.headers.get('content-length')).toBe('4096');
  });

  it.each([
    '/releases/.env',
    '/releases/..%2foutside.txt',
    '/releases/..%5coutside.txt',
    '/releases/missing.yml',
  ])('answers 404 for %s', async (path) => {
    const r = await fetch(`${origin}${path}`);
    expect(r.status).toBe(404);
    expect(await r.text()).not.toContain('secret');
  });

  it('leaves other paths and methods to other routes', async () => {
    expect((await fetch(`${origin}/healthz`)).status).toBe(418);
    expect((await fetch(`${origin}/releases/latest-linux.yml`, { method: 'POST' })).status).toBe(418);
  });
});
