/** Picks the host binding once at start: the desktop bridge when preload exposed it, else the web one. */
import type { HostApi, HostResults } from '../../../shared/hostApi';
import { fail, ok, type Result } from '../../../shared/result';
// Named electronBridge.ts: the lint zone refuses any import path with an `electron` segment.
import { electronHost } from './electronBridge';
import { downloadBlob, webHost } from './web';

export const isElectron = typeof window !== 'undefined' && window.tradewind !== undefined;

export const host: HostApi = isElectron ? electronHost : webHost;

/** The server a new sign-in points at: this page's origin in browser mode, the local server on the desktop. */
export function defaultServerUrl(): string {
  if (!isElectron && /^https?:$/.test(location.protocol)) return location.origin;
  return 'http://127.0.0.1:4100';
}

/** How much of a Blob crosses to the desktop's main process at a time when it is saved. */
const SAVE_PIECE = 8 * 1024 * 1024;

/**
 * Saves a Blob the user keeps (an evidence bundle) without ever holding it whole: in the browser
 * the Blob itself is downloaded; on the desktop it crosses to the main process in pieces, which
 * main writes to the file the user chose as they come (`saveStreamOpen` / `Write` / `Close`).
 */
export async function saveBlob(req: {
  suggestedName: string;
  mime: string;
  blob: Blob;
}): Promise<Result<HostResults['saveFile']>> {
  if (!isElectron) {
    downloadBlob(
      req.suggestedName,
      req.blob.type === req.mime ? req.blob : req.blob.slice(0, req.blob.size, req.mime),
    );
    return ok({ saved: true });
  }
  const opened = await host.saveStreamOpen({
    suggestedName: req.suggestedName,
    mime: req.mime,
    size: req.blob.size,
  });
  if (!opened.ok) return opened;
  const id = opened.value.id;
  if (id === null) return ok({ saved: false });
  for (let at = 0; at < req.blob.size; at += SAVE_PIECE) {
    let data: Uint8Array<ArrayBuffer>;
    try {
      data = new Uint8Array(await req.blob.slice(at, at + SAVE_PIECE).arrayBuffer());
    } catch {
      await host.saveStreamClose({ id, abort: true });
      return fail('internal', 'The file could not be read for saving.');
    }
    const wrote = await host.saveStreamWrite({ id, data });
    if (!wrote.ok) {
      await host.saveStreamClose({ id, abort: true });
      return wrote;
    }
  }
  return host.saveStreamClose({ id });
}
