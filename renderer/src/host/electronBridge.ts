/**
 * The Electron binding of the host API: every method goes to `window.tradewind`, which preload
 * exposes with one `ipcRenderer.invoke` per method of the contract.
 */
import type { HostApi, TradewindBridge } from '../../../shared/hostApi';
import { fail } from '../../../shared/result';

declare global {
  interface Window {
    /** Present only inside the desktop app (electron/preload). */
    tradewind?: TradewindBridge;
  }
}

function bridge(): TradewindBridge {
  const b = window.tradewind;
  if (!b) throw new Error('window.tradewind is missing: not running inside the desktop app');
  return b;
}

/** Wraps a bridge call so a broken IPC channel becomes a Failure instead of a rejection. */
async function call<R>(fn: () => Promise<R>): Promise<R> {
  try {
    return await fn();
  } catch {
    return fail('internal', 'The desktop host did not answer.') as R;
  }
}

export const electronHost = {
  info: (a) => call(() => bridge().info(a)),
  loadSession: (a) => call(() => bridge().loadSession(a)),
  saveSession: (a) => call(() => bridge().saveSession(a)),
  saveFile: (a) => call(() => bridge().saveFile(a)),
  saveStreamOpen: (a) => call(() => bridge().saveStreamOpen(a)),
  saveStreamWrite: (a) => call(() => bridge().saveStreamWrite(a)),
  saveStreamClose: (a) => call(() => bridge().saveStreamClose(a)),
  printToPdf: (a) => call(() => bridge().printToPdf(a)),
  notify: (a) => call(() => bridge().notify(a)),
  setBadge: (a) => call(() => bridge().setBadge(a)),
  idleSeconds: (a) => call(() => bridge().idleSeconds(a)),
  getLaunchAtLogin: (a) => call(() => bridge().getLaunchAtLogin(a)),
  setLaunchAtLogin: (a) => call(() => bridge().setLaunchAtLogin(a)),
  setTrayState: (a) => call(() => bridge().setTrayState(a)),
  getUpdateStatus: (a) => call(() => bridge().getUpdateStatus(a)),
  installUpdate: (a) => call(() => bridge().installUpdate(a)),
} satisfies HostApi;

/** Subscribes to host events (deep links, notification clicks); returns the disposer. */
export function onElectronHostEvent(listener: Parameters<TradewindBridge['onEvent']>[0]): () => void {
  return bridge().onEvent(listener);
}
