/**
 * What malformed packets do to a connection, at the Engine.IO / socket.io packet level (issue 13,
 * hole 9; docs/protocol.md § Transport, "Malformed packets"). Requests that parse as socket.io
 * events are the server's to answer, and it answers every one in the ack; packets that
 * socket.io's own parser or state machine refuses close the connection before any of our code
 * runs. This test sends raw frames over a WebSocket (and two over long-polling), then a probe
 * request, and records which connections survive — the table in the docs is this test's list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startTestServer, type TestServer } from '../helpers/server';

/** What a packet does to the connection: the probe after it is answered, or the server closes. */
type Outcome = 'answered' | 'closed';

/** [what is sent, what happens to the connection, the frames (socket.io packets after Engine.IO's `4`)]. */
const CASES: [string, Outcome, (string | Buffer)[]][] = [
  // Well-formed requests, including ones our transport answers with an error.
  ['a request with an ack', 'answered', ['421["profile:get",{}]']],
  ['a request without an ack', 'answered', ['42["profile:get",{}]']],
  ['an unknown event name', 'answered', ['421["no:such",{}]']],
  ['`__proto__` as the event name', 'answered', ['421["__proto__",{}]']],
  ['a number as the event name', 'answered', ['421[7,{}]']],
  ['a payload nested 5,000 deep', 'answered', [`421["profile:get",${'['.repeat(5000)}${']'.repeat(5000)}]`]],
  ['an ACK for an id the server never sent', 'answered', ['4377[{}]']],
  ['CONNECT to a namespace that does not exist', 'answered', ['40/admin,']],
  [
    'a binary event with its attachment',
    'answered',
    ['451-["profile:get",{"_placeholder":true,"num":0}]', Buffer.from([1])],
  ],
  // Engine.IO packets: only ping/pong/noop/upgrade/close types exist besides messages.
  ['Engine.IO pong (unsolicited)', 'answered', ['3']],
  ['Engine.IO noop', 'answered', ['6']],
  ['Engine.IO upgrade on a WebSocket', 'answered', ['5']],
  ['Engine.IO close on a WebSocket (ignored)', 'answered', ['1']],
  ['Engine.IO ping from the client', 'closed', ['2']],
  ['an unknown Engine.IO packet type', 'closed', ['9']],
  ['an empty frame', 'closed', ['']],
  ['a binary frame that is no attachment', 'closed', [Buffer.from([1, 2, 3])]],
  // socket.io packets its parser refuses.
  ['an unknown socket.io packet type', 'closed', ['49']],
  ['invalid JSON', 'closed', ['42["message:send",']],
  ['an EVENT whose data is not an array', 'closed', ['42{"a":1}']],
  ['an EVENT with an empty array', 'closed', ['42[]']],
  ['the reserved event name "connect"', 'closed', ['42["connect"]']],
  ['the reserved event name "connect_error"', 'closed', ['42["connect_error"]']],
  ['the reserved event name "disconnect"', 'closed', ['42["disconnect"]']],
  ['the reserved event name "disconnecting"', 'closed', ['42["disconnecting"]']],
  ['the reserved event name "newListener"', 'closed', ['42["newListener"]']],
  ['the reserved event name "removeListener"', 'closed', ['42["removeListener"]']],
  ['an ACK whose data is not an array', 'closed', ['4377{}']],
  ['CONNECT with auth that is not an object', 'closed', ['40"token"']],
  [
    'a binary event followed by text instead of its attachment',
    'closed',
    ['451-["x",{"_placeholder":true,"num":0}]'],
  ],
  // socket.io's state machine: packets that make no sense in the connection's state.
  ['a second CONNECT to the same namespace', 'closed', ['40']],
  ['an EVENT for a namespace not connected', 'closed', ['42/admin,["profile:get"]']],
  ['CONNECT_ERROR sent by the client', 'closed', ['44{"message":"x"}']],
];

/** The request sent after the case's frames: an anonymous profile:get, answered `unauthenticated`. */
const PROBE = '4299["profile:get",{}]';

describe('malformed packets (WebSocket and polling)', () => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('pglite');
  });
  afterAll(async () => {
    await t?.close();
  });

  /**
   * Opens a raw WebSocket, connects to `/`, runs `then` (which may wait for frames from the
   * server), sends the probe and resolves with what happened to it.
   */
  function overWebSocket(
    then: (ws: WebSocket, next: (prefix: string) => Promise<string>) => Promise<void> | void,
  ): Promise<Outcome> {
    const ws = new WebSocket(`${t.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`);
    const waiting: { prefix: string; resolve: (frame: string) => void }[] = [];
    const next = (prefix: string) => new Promise<string>((resolve) => waiting.push({ prefix, resolve }));
    let connected = false;
    return new Promise((resolve, reject) => {
      ws.on('error', reject);
      ws.on('close', () => resolve('closed'));
      ws.on('message', (data, isBinary) => {
        const text = isBinary ? '<binary>' : (data as Buffer).toString();
        const waiter = waiting.findIndex((w) => text.startsWith(w.prefix));
        if (waiter >= 0) waiting.splice(waiter, 1)[0]?.resolve(text);
        if (text.startsWith('0{')) ws.send('40');
        else if (text.startsWith('40{') && !connected) {
          connected = true;
          void Promise.resolve(then(ws, next)).then(() => ws.send(PROBE), reject);
        } else if (text.startsWith('4399[')) {
          expect(JSON.parse(text.slice(4))).toMatchObject([{ ok: false, code: 'unauthenticated' }]);
          resolve('answered');
          ws.terminate();
        }
      });
    });
  }

  it.each(CASES)('WebSocket: %s → %s', async (_name, expected, packet) => {
    const outcome = await overWebSocket((ws) => {
      for (const frame of packet) ws.send(frame);
    });
    expect(outcome).toBe(expected);
  });

  it('WebSocket: DISCONNECT (41) leaves the namespace but keeps the connection; CONNECT again works', async () => {
    // The server handles a DISCONNECT on the next tick; wait until it has, on the server side.
    const left = new Promise<string>((resolve) =>
      t.server.io.once('connection', (s) => s.once('disconnect', (reason) => resolve(reason))),
    );
    const outcome = await overWebSocket(async (ws, next) => {
      ws.send('41');
      expect(await left).toBe('client namespace disconnect');
      const connectedAgain = next('40{');
      ws.send('40');
      await connectedAgain;
    });
    expect(outcome).toBe('answered');
  });

  it('WebSocket: a request sent before the server acknowledged its CONNECT closes the connection', async () => {
    // The server's CONNECT runs its middleware first — with a token, a session lookup in the
    // store; until it answers `40{sid}` the namespace has no socket, and a packet for it is
    // "invalid state".
    const left = new Promise<string>((resolve) =>
      t.server.io.once('connection', (s) => s.once('disconnect', (reason) => resolve(reason))),
    );
    const outcome = await overWebSocket(async (ws) => {
      ws.send('41');
      await left;
      ws.send('40{"token":"not-a-session"}');
    });
    expect(outcome).toBe('closed');
  });

  /** Long-polling: open, CONNECT, then POST `packet` and the probe; what the next GETs bring. */
  async function overPolling(packet: string): Promise<Outcome> {
    const base = `${t.url}/socket.io/?EIO=4&transport=polling`;
    const open = await (await fetch(base)).text();
    const sid = (JSON.parse(open.slice(1)) as { sid: string }).sid;
    const url = `${base}&sid=${sid}`;
    const post = (body: string) => fetch(url, { method: 'POST', body });
    await post('40');
    expect(await (await fetch(url)).text()).toMatch(/^40\{/);
    await post(`${packet}\u001e${PROBE}`);
    // Each GET returns what the server queued (a long poll waits for the next packet).
    for (;;) {
      const res = await fetch(url);
      const body = await res.text();
      if (res.status !== 200 || body.split('\u001e').includes('1')) return 'closed';
      if (body.includes('4399[')) return 'answered';
    }
  }

  it('polling: a well-formed request is answered; invalid JSON closes the session', async () => {
    expect(await overPolling('421["no:such",{}]')).toBe('answered');
    expect(await overPolling('42["message:send",')).toBe('closed');
  });
});
