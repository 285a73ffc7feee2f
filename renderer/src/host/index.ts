/** Picks the host binding once at start: the desktop bridge when preload exposed it, else the web one. */
import type { HostApi } from '../../../shared/hostApi';
// Named electronBridge.ts: the lint zone refuses any import path with an `electron` segment.
import { electronHost } from './electronBridge';
import { webHost } from './web';

export const isElectron = typeof window !== 'undefined' && window.tradewind !== undefined;

export const host: HostApi = isElectron ? electronHost : webHost;

/** The server a new sign-in points at: this page's origin in browser mode, the local server on the desktop. */
export function defaultServerUrl(): string {
  if (!isElectron && /^https?:$/.test(location.protocol)) return location.origin;
  return 'http://127.0.0.1:4100';
}
