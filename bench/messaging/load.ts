/**
 * The client side of the messaging bench: users connected through socket.io-client exactly as
 * the app connects, the load shapes (closed loop with N in flight, open loop at a fixed rate),
 * a /healthz poller, and idle sockets speaking the socket.io protocol over a bare WebSocket.
 */
import { randomUUID } from 'node:crypto';
import { request as httpGet } from 'node:http';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';

/** How long one send may wait for its ack before it counts as failed. */
export const ACK_TIMEOUT_MS = 10_000;

export interface User {
  id: string;
  socket: Socket;
}

interface Ack {
  ok: boolean;
  code?: string;
  message?: string;
}

/** Realistic trade messages (40–200 characters), cycled by the load. */
const TEXTS = [
  'Hello, what is the price for 500 units of the stainless steel bottle, 750 ml, with our logo?',
  'Can you send a sample by DHL? We pay the shipping.',
  'The MOQ is 1,000 pieces per colour. Lead time is 25 days after the deposit.',
  'Payment received, thank you. Please confirm the shipping date and send the packing list.',
  'OK',
  'We need the invoice with the HS code 7323.93 and the net weight per carton, please.',
  'Could you make the handle black instead of silver? Same price?',
  'Our warehouse in Gdańsk is closed on Saturday; please deliver on Monday between 8:00 and 15:00.',
];
export const textFor = (i: number): string => TEXTS[i % TEXTS.length]!;

export function connectSocket(url: string, auth: Record<string, string>): Promise<Socket> {
  const socket = io(url, { auth, transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

export async function emitWithAck(
  socket: Socket,
  event: string,
  payload: unknown,
): Promise<Ack & { value?: unknown }> {
  return (await socket.timeout(ACK_TIMEOUT_MS).emitWithAck(event, payload)) as Ack & { value?: unknown };
}

/** One offered message: when it was sent (`performance.now()`) and its sender→recipient ms. */
export interface Delivery {
  sentAt: number;
  /** Infinity when it never arrived. */
  ms: number;
}

/** Times from send to the recipient's `message:new`, by client id. */
export class Deliveries {
  private readonly waiting = new Map<string, number>();
  private delivered: Delivery[] = [];
  watch(user: User): void {
    user.socket.on('message:new', (m: { clientId: string }) => {
      const t0 = this.waiting.get(m.clientId);
      if (t0 === undefined) return;
      this.waiting.delete(m.clientId);
      this.delivered.push({ sentAt: t0, ms: performance.now() - t0 });
    });
  }
  expect(clientId: string): void {
    this.waiting.set(clientId, performance.now());
  }
  get outstanding(): number {
    return this.waiting.size;
  }
  /** Resolves once nothing is outstanding, or after `maxMs`. */
  async drain(maxMs: number): Promise<void> {
    const until = performance.now() + maxMs;
    while (this.waiting.size > 0 && performance.now() < until) await new Promise((r) => setTimeout(r, 20));
  }
  /**
   * What was delivered since the last call, and what is still outstanding as lost (`ms`
   * Infinity), in order of sending; forgets both.
   */
  collect(): Delivery[] {
    const out = this.delivered;
    for (const sentAt of this.waiting.values()) out.push({ sentAt, ms: Infinity });
    this.waiting.clear();
    this.delivered = [];
    return out.sort((a, b) => a.sentAt - b.sentAt);
  }
}

export interface Pair {
  from: User;
  to: User;
}

export interface LoadResult {
  acked: number;
  failed: number;
  failures: Record<string, number>;
  seconds: number;
  ackLatencies: number[];
}

function send(pair: Pair, i: number): Promise<Ack> {
  return emitWithAck(pair.from.socket, 'message:send', {
    to: pair.to.id,
    clientId: randomUUID(),
    text: textFor(i),
    lang: 'en',
  }).catch((err: unknown) => ({ ok: false, code: err instanceof Error ? 'timeout' : 'error' }));
}

function countFailure(r: LoadResult, ack: Ack): void {
  r.failed += 1;
  const code = ack.code ?? 'unknown';
  r.failures[code] = (r.failures[code] ?? 0) + 1;
}

/** `inFlight` workers, each sending on its pair and sending again once acked, for `seconds` or `maxMessages`. */
export async function closedLoop(
  pairs: Pair[],
  inFlight: number,
  seconds: number,
  maxMessages: number,
): Promise<LoadResult> {
  const r: LoadResult = { acked: 0, failed: 0, failures: {}, seconds: 0, ackLatencies: [] };
  const start = performance.now();
  const deadline = start + seconds * 1000;
  let issued = 0;
  const worker = async (w: number) => {
    const pair = pairs[w % pairs.length]!;
    while (performance.now() < deadline && issued < maxMessages) {
      const i = issued++;
      const t0 = performance.now();
      const ack = await send(pair, i);
      if (ack.ok) {
        r.acked += 1;
        r.ackLatencies.push(performance.now() - t0);
      } else countFailure(r, ack);
    }
  };
  await Promise.all(Array.from({ length: inFlight }, (_, w) => worker(w)));
  r.seconds = (performance.now() - start) / 1000;
  return r;
}

/**
 * Offers `rate` messages a second for `seconds` (open loop: sends are due on a clock, whether or
 * not earlier ones were acked), round-robin over `pairs`, and records sender→recipient latency.
 * Stops offering once more than `maxBacklog` sends are unacked: the server has fallen behind.
 */
export async function openLoop(
  pairs: Pair[],
  rate: number,
  seconds: number,
  deliveries: Deliveries,
  maxBacklog: number,
): Promise<LoadResult & { offered: number }> {
  const r: LoadResult & { offered: number } = {
    acked: 0,
    failed: 0,
    failures: {},
    seconds,
    ackLatencies: [],
    offered: 0,
  };
  const acks: Promise<void>[] = [];
  const total = Math.round(rate * seconds);
  const start = performance.now();
  while (r.offered < total && r.offered - r.acked - r.failed <= maxBacklog) {
    const due = Math.min(total, Math.floor(((performance.now() - start) / 1000) * rate) + 1);
    while (r.offered < due) {
      const i = r.offered++;
      const pair = pairs[i % pairs.length]!;
      const clientId = randomUUID();
      const t0 = performance.now();
      deliveries.expect(clientId);
      acks.push(
        emitWithAck(pair.from.socket, 'message:send', {
          to: pair.to.id,
          clientId,
          text: textFor(i),
          lang: 'en',
        })
          .catch((err: unknown) => ({ ok: false, code: err instanceof Error ? 'timeout' : 'error' }))
          .then((ack) => {
            if (ack.ok) {
              r.acked += 1;
              r.ackLatencies.push(performance.now() - t0);
            } else countFailure(r, ack);
          }),
      );
    }
    await new Promise((res) => setTimeout(res, 1));
  }
  await Promise.all(acks);
  return r;
}

/** Polls GET /healthz one request at a time until stopped; returns the latencies. */
export function pollHealth(url: string): { stop(): Promise<number[]> } {
  const latencies: number[] = [];
  let running = true;
  const once = () =>
    new Promise<void>((resolve) => {
      const t0 = performance.now();
      const req = httpGet(`${url}/healthz`, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(performance.now() - t0);
          resolve();
        });
      });
      req.on('error', () => resolve());
      req.end();
    });
  const loop = (async () => {
    while (running) {
      await once();
      await new Promise((r) => setTimeout(r, 20));
    }
  })();
  return {
    async stop() {
      running = false;
      await loop;
      return latencies;
    },
  };
}

/**
 * An idle signed-in connection with the least client-side weight: socket.io's protocol spoken
 * over a bare WebSocket (engine.io open, then a namespace CONNECT carrying `auth`; pongs answered).
 */
export function idleSocket(url: string, auth: Record<string, string>): Promise<WebSocket> {
  const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
  return new Promise((resolve, reject) => {
    ws.on('message', (data: Buffer) => {
      const s = data.toString();
      if (s.startsWith('0')) ws.send(`40${JSON.stringify(auth)}`);
      else if (s === '2') ws.send('3');
      else if (s.startsWith('40')) resolve(ws);
      else if (s.startsWith('44')) reject(new Error(`connect refused: ${s}`));
    });
    ws.on('error', reject);
  });
}

/** `count` connections, `concurrency` at a time. */
export async function idleSockets(
  url: string,
  auths: Record<string, string>[],
  concurrency: number,
): Promise<WebSocket[]> {
  const out: WebSocket[] = [];
  let next = 0;
  const worker = async () => {
    while (next < auths.length) {
      const auth = auths[next++]!;
      out.push(await idleSocket(url, auth));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return out;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)]!;
}
