/**
 * `GET /metrics` (docs/operations.md § Metrics): Prometheus text from prom-client, behind a
 * bearer token when one is configured, else for this machine only.
 */
import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BACKENDS, startTestServer, type TestServer } from '../helpers/server';
import { call, clientId, closeAll, connect, signUp } from '../helpers/client';

/** A GET with headers fetch would not send as given (Host). */
function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: u.hostname, port: u.port, path: u.pathname, headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** The value of a sample line `name{labels} value` (labels as written by prom-client), or null. */
function sample(text: string, series: string): number | null {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line ? Number(line.slice(series.length + 1)) : null;
}

describe.each(BACKENDS)('metrics on %s', (backend) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(backend, { metricsToken: 'scrape-secret-1' });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers only a scraper with the token, with what the server did', async () => {
    expect((await get(`${t.url}/metrics`)).status).toBe(404);
    expect((await get(`${t.url}/metrics`, { Authorization: 'Bearer wrong' })).status).toBe(404);

    const buyer = await signUp(t.url, 'buyer');
    const seller = await signUp(t.url, 'seller');
    const idle = await connect(t.url);
    await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: clientId(), text: 'One' });
    const again = clientId();
    await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: again, text: 'Two' });
    await call(buyer.socket, 'message:send', { to: seller.memberId, clientId: again, text: 'Two' }); // duplicate

    const res = await get(`${t.url}/metrics`, { Authorization: 'Bearer scrape-secret-1' });
    expect(res.status).toBe(200);
    const text = res.body;
    expect(sample(text, 'tradewind_messages_persisted_total')).toBe(2);
    // Each stored message goes to both participants' rooms (the sender's other devices too).
    expect(sample(text, 'tradewind_messages_delivered_total')).toBe(4);
    expect(sample(text, 'tradewind_ack_latency_seconds_count{event="message:send"}')).toBe(3);
    expect(sample(text, 'tradewind_requests_total{event="message:send",outcome="ok"}')).toBe(3);
    expect(sample(text, 'tradewind_sockets{state="signed_in"}')).toBe(2);
    expect(sample(text, 'tradewind_sockets{state="anonymous"}')).toBe(1);
    expect(sample(text, 'nodejs_eventloop_lag_seconds')).not.toBeNull();
    // Every send goes through a group commit, each counted by how it was written: the first in a
    // new conversation on the path that reads (PGlite) or locks (PostgreSQL); the second in one
    // statement from the head the first left; the resend tried so too, found by the unique index of
    // client ids (nothing written), then answered as the duplicate by the path that reads.
    const first = backend === 'pglite' ? 'read' : 'locking';
    expect(sample(text, `tradewind_group_commit_size_sum{path="${first}"}`)).toBe(1);
    expect(sample(text, 'tradewind_group_commit_size_sum{path="cached"}')).toBe(1);
    expect(sample(text, 'tradewind_group_commit_size_sum{path="fell_back"}')).toBe(1);
    for (const name of [
      'tradewind_group_commit_size',
      'tradewind_uploads_total',
      'tradewind_upload_bytes_total',
      'tradewind_deepl_requests_total',
      'tradewind_deepl_characters_total',
      'tradewind_deepl_errors_total',
    ])
      expect(text).toContain(`# TYPE ${name} `);
    closeAll(buyer.socket, seller.socket, idle);
  });
});

describe('metrics without a token', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('pglite');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('answers this machine only: loopback peer and loopback host name', async () => {
    expect((await get(`${t.url}/metrics`)).status).toBe(200);
    // A reverse proxy on this machine forwarding a public host name is not this machine.
    expect((await get(`${t.url}/metrics`, { Host: 'tradewind.example' })).status).toBe(404);
  });
});
