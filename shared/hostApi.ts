/**
 * The host-API contract: what the renderer may ask of the host it runs in. One declaration,
 * three implementations that must `satisfies` it:
 *   - electron/main registers an IPC handler per method (and parses every payload with `args`),
 *   - electron/preload exposes `window.tradewind` with one `ipcRenderer.invoke` per method,
 *   - renderer/src/host/web.ts implements the same methods with browser APIs (browser mode).
 * A method missing from any side is a compile error.
 */
import { z } from 'zod';
import type { Result } from './result';

export const StoredSession = z.object({
  serverUrl: z.url({ protocol: /^https?$/ }),
  token: z.string().min(10).max(200),
  memberId: z.string().max(32),
});
export type StoredSession = z.infer<typeof StoredSession>;

export const SaveFileRequest = z.object({
  suggestedName: z.string().min(1).max(255),
  mime: z.string().max(100),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= 2 * 1024 * 1024 * 1024, 'File too large.'),
});
export const PrintPdfRequest = z.object({ html: z.string().max(512 * 1024 * 1024) });
export const NotifyRequest = z.object({
  title: z.string().max(200),
  body: z.string().max(1000),
  /** Conversation to open when the notification is clicked. */
  conversationId: z.string().max(200).optional(),
});
export const BadgeRequest = z.object({ count: z.number().int().min(0).max(99999) });

/** name → zod schema of its single argument (z.undefined() for none). */
export const hostMethods = {
  /** Which host this is and what it can do. */
  info: z.undefined(),
  /** The remembered session (token kept with safeStorage on the desktop), or null. */
  loadSession: z.undefined(),
  saveSession: StoredSession.nullable(),
  /** Save a file chosen by the user (save dialog on the desktop, a download in the browser). */
  saveFile: SaveFileRequest,
  /** Render self-contained HTML to PDF bytes (Electron printToPDF; browser mode prints). */
  printToPdf: PrintPdfRequest,
  notify: NotifyRequest,
  setBadge: BadgeRequest,
  /** Seconds since the last user input (powerMonitor on the desktop, page activity in the browser). */
  idleSeconds: z.undefined(),
} as const;

export type HostMethod = keyof typeof hostMethods;

export interface HostInfo {
  kind: 'electron' | 'web';
  platform: string;
  version: string;
  /** The server this host was configured to talk to (TRADEWIND_SERVER_URL, settings, or the local default). */
  defaultServerUrl: string;
}

export interface HostResults {
  info: HostInfo;
  loadSession: StoredSession | null;
  saveSession: null;
  saveFile: { saved: boolean; path?: string };
  printToPdf: Uint8Array;
  notify: null;
  setBadge: null;
  idleSeconds: number;
}

/** The object both bindings implement. Every method resolves to a Result, never throws. */
export type HostApi = {
  [M in HostMethod]: (arg: z.input<(typeof hostMethods)[M]>) => Promise<Result<HostResults[M]>>;
};

/** Host → renderer events (deep links, notification clicks). */
export const HostEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deepLink'), url: z.string().max(4096) }),
  z.object({ kind: z.literal('openConversation'), conversationId: z.string().max(200) }),
]);
export type HostEvent = z.infer<typeof HostEvent>;

/** The IPC channel names; preload and main derive them from the method names. */
export const ipcChannel = (m: HostMethod): string => `tradewind:${m}`;
export const IPC_EVENT_CHANNEL = 'tradewind:event';

/** What preload exposes on `window.tradewind`. */
export type TradewindBridge = HostApi & { onEvent: (listener: (e: HostEvent) => void) => () => void };
