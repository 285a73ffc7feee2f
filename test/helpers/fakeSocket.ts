/**
 * A stand-in for the socket.io-client socket that the renderer's sync engine drives, for unit tests
 * that mock `sync/transport`: it keeps the handlers the engine registers, `connect()` runs the
 * `connect` handler at once (after `beforeConnect`, where a test sees what socket.io-client would
 * ask at a handshake), and `emit` plays a server event into the engine.
 *
 * Tests load it inside `vi.hoisted` (mock factories run before imports):
 * `const fake = await vi.hoisted(async () => (await import('…/test/helpers/fakeSocket')).fakeSocket())`.
 */
export interface FakeSocket {
  connected: boolean;
  active: boolean;
  on(event: string, fn: (...args: unknown[]) => void): FakeSocket;
  connect(): FakeSocket;
  disconnect(): FakeSocket;
  removeAllListeners(): FakeSocket;
}

export function fakeSocket(beforeConnect: () => void = () => undefined): {
  socket: FakeSocket;
  emit: (event: string, payload: unknown) => void;
} {
  const handlers = new Map<string, (...args: unknown[]) => void>();
  const socket: FakeSocket = {
    connected: false,
    active: false,
    on(event, fn) {
      handlers.set(event, fn);
      return socket;
    },
    connect() {
      beforeConnect();
      socket.active = true;
      socket.connected = true;
      handlers.get('connect')?.();
      return socket;
    },
    disconnect() {
      socket.active = false;
      socket.connected = false;
      return socket;
    },
    removeAllListeners() {
      handlers.clear();
      return socket;
    },
  };
  return { socket, emit: (event, payload) => handlers.get(event)?.(payload) };
}
