/**
 * Preload: exposes `window.tradewind` — one function per host method, generated from the
 * contract's method list, each a single `ipcRenderer.invoke` on the method's channel — plus
 * `onEvent`. Raw `ipcRenderer` is never exposed, and no function leaks Electron's event object
 * (which carries `sender`) to the page.
 *
 * Sandboxed preloads cannot `require` anything but a few Electron modules, so this file is
 * bundled into one CommonJS file (dist/electron/preload.cjs) including the zod schema it uses.
 */
import { contextBridge, ipcRenderer } from 'electron';
import {
  HostEvent,
  IPC_EVENT_CHANNEL,
  hostMethods,
  ipcChannel,
  type HostApi,
  type HostMethod,
  type TradewindBridge,
} from '../../shared/hostApi';

const methods = Object.keys(hostMethods) as HostMethod[];

// Object.fromEntries loses the per-key types; the method list comes from the contract itself,
// so the object has exactly HostApi's keys.
const api = Object.fromEntries(
  methods.map((m) => [m, (arg: unknown) => ipcRenderer.invoke(ipcChannel(m), arg)]),
) as HostApi;

// Events that arrive before the page subscribes (a deep link that launched the app) are kept
// and handed to the first listener, so the page never misses them.
const listeners = new Set<(e: HostEvent) => void>();
const early: HostEvent[] = [];
const MAX_EARLY = 20;

ipcRenderer.on(IPC_EVENT_CHANNEL, (_event, payload: unknown) => {
  const parsed = HostEvent.safeParse(payload);
  if (!parsed.success) return;
  if (listeners.size === 0) {
    early.push(parsed.data);
    if (early.length > MAX_EARLY) early.shift();
    return;
  }
  for (const l of listeners) l(parsed.data);
});

const bridge: TradewindBridge = {
  ...api,
  onEvent(listener) {
    listeners.add(listener);
    for (const e of early.splice(0)) listener(e);
    return () => {
      listeners.delete(listener);
    };
  },
};

contextBridge.exposeInMainWorld('tradewind', bridge);
