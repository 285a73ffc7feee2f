/**
 * The host-API contract: what the renderer may ask of the host it runs in. One declaration,
 * three implementations that must `satisfies` it:
 *   - electron/main registers an IPC handler per method (and parses every payload with `args`),
 *   - electron/preload exposes `window.tradewind` with one `ipcRenderer.invoke` per method,
 *   - renderer/src/host/web.ts implements the same methods with browser APIs (browser mode).
 * A method missing from any side is a compile error.
 */
import { z } from 'zod';
import { PresenceSetting } from './protocol/schemas';
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
const MiB = 1024 * 1024;
/**
 * Starts saving a large file in pieces (an evidence bundle, read from its Blob a piece at a time,
 * so neither side ever holds it whole): the save dialog, then `saveStreamWrite` in order, then
 * `saveStreamClose`.
 */
export const SaveStreamOpenRequest = z.object({
  suggestedName: z.string().min(1).max(255),
  mime: z.string().max(100),
  /** The whole file's size: it is kept only when exactly this many bytes arrived. */
  size: z
    .number()
    .int()
    .min(0)
    .max(2 * 1024 * MiB),
});
/** The next piece of a save begun with `saveStreamOpen`. */
export const SaveStreamWriteRequest = z.object({
  id: z.string().min(1).max(64),
  data: z.instanceof(Uint8Array).refine((d) => d.byteLength <= 16 * MiB, 'Piece too large.'),
});
/** Ends a save: kept when every announced byte arrived; otherwise, or with `abort`, nothing is left. */
export const SaveStreamCloseRequest = z.object({
  id: z.string().min(1).max(64),
  abort: z.boolean().optional(),
});
/**
 * A file the report links to, printed beside it: an evidence bundle's photo
 * (`attachments/<sha256>-<name>`, a name without separators or control characters).
 */
export const PrintFile = z.object({
  // eslint-disable-next-line no-control-regex -- control characters are what the name may not hold
  path: z.string().regex(/^attachments\/[0-9a-f]{64}-[^/\\\u0000-\u001f]{1,400}$/),
  data: z.instanceof(Uint8Array),
});
export type PrintFile = z.infer<typeof PrintFile>;
export const PrintPdfRequest = z.object({
  html: z.string().max(512 * 1024 * 1024),
  /** Files the HTML links to by relative URL (the report's photos), at most 2 GiB in all. */
  files: z
    .array(PrintFile)
    .max(100_000)
    .refine((fs) => fs.reduce((n, f) => n + f.data.byteLength, 0) <= 2 * 1024 * 1024 * 1024, 'Too large.')
    .optional(),
});
export const NotifyRequest = z.object({
  title: z.string().max(200),
  body: z.string().max(1000),
  /** Conversation to open when the notification is clicked. */
  conversationId: z.string().max(200).optional(),
});
export const BadgeRequest = z.object({
  count: z.number().int().min(0).max(99999),
  /** The count as a sentence in the user's language ("3 unread"): tray tooltip, Windows overlay. */
  label: z.string().max(200).optional(),
});
export const LaunchAtLoginRequest = z.object({ enabled: z.boolean() });

const TrayLabel = z.string().min(1).max(100);
/** The tray menu's words, in the user's language (the renderer owns every visible string). */
export const TrayLabels = z.object({
  open: TrayLabel,
  status: TrayLabel,
  online: TrayLabel,
  away: TrayLabel,
  busy: TrayLabel,
  invisible: TrayLabel,
  connected: TrayLabel,
  offline: TrayLabel,
  quit: TrayLabel,
});
export type TrayLabels = z.infer<typeof TrayLabels>;
/** What the tray shows besides the unread count: the user's status and whether the app is connected. */
export const TrayStateRequest = z.object({
  presence: PresenceSetting,
  connected: z.boolean(),
  labels: TrayLabels,
});
export type TrayState = z.infer<typeof TrayStateRequest>;

/** name → zod schema of its single argument (z.undefined() for none). */
export const hostMethods = {
  /** Which host this is and what it can do. */
  info: z.undefined(),
  /** The remembered session (token kept with safeStorage on the desktop), or null. */
  loadSession: z.undefined(),
  saveSession: StoredSession.nullable(),
  /** Save a file chosen by the user (save dialog on the desktop, a download in the browser). */
  saveFile: SaveFileRequest,
  /** The same for a large file, in pieces: the dialog, then the pieces in order, then the end. */
  saveStreamOpen: SaveStreamOpenRequest,
  saveStreamWrite: SaveStreamWriteRequest,
  saveStreamClose: SaveStreamCloseRequest,
  /** Render HTML (and the files it links to) to PDF bytes (Electron printToPDF; browser mode prints). */
  printToPdf: PrintPdfRequest,
  notify: NotifyRequest,
  setBadge: BadgeRequest,
  /** Seconds since the last user input (powerMonitor on the desktop, page activity in the browser). */
  idleSeconds: z.undefined(),
  /** Whether the app starts when the user logs in to the computer (a setting; desktop only). */
  getLaunchAtLogin: z.undefined(),
  setLaunchAtLogin: LaunchAtLoginRequest,
  /** The tray's status submenu and connection line (desktop only; a no-op in the browser). */
  setTrayState: TrayStateRequest,
  /** Whether a downloaded update waits for a restart (never in development or the browser). */
  getUpdateStatus: z.undefined(),
  /** Restart now and install the downloaded update. */
  installUpdate: z.undefined(),
} as const;

export type HostMethod = keyof typeof hostMethods;

export interface HostInfo {
  kind: 'electron' | 'web';
  platform: string;
  version: string;
  /** The server this host was configured to talk to (TRADEWIND_SERVER_URL, settings, or the local default). */
  defaultServerUrl: string;
}

/** `supported` is false in the browser and in development builds (a login item would start bare Electron). */
export interface LaunchAtLogin {
  supported: boolean;
  enabled: boolean;
}

/**
 * `disabled`: this build does not update itself (development, browser, no feed configured);
 * `idle`: nothing to install yet; `ready`: `version` is downloaded, verified and waits for a restart.
 */
export type UpdateStatus = { state: 'disabled' | 'idle' } | { state: 'ready'; version: string };

export interface HostResults {
  info: HostInfo;
  loadSession: StoredSession | null;
  saveSession: null;
  saveFile: { saved: boolean; path?: string };
  /** `id` names the save in the calls that follow; null: the user cancelled the dialog. */
  saveStreamOpen: { id: string | null };
  saveStreamWrite: null;
  saveStreamClose: { saved: boolean; path?: string };
  printToPdf: Uint8Array;
  notify: null;
  setBadge: null;
  idleSeconds: number;
  getLaunchAtLogin: LaunchAtLogin;
  setLaunchAtLogin: LaunchAtLogin;
  setTrayState: null;
  getUpdateStatus: UpdateStatus;
  installUpdate: null;
}

/** The object both bindings implement. Every method resolves to a Result, never throws. */
export type HostApi = {
  [M in HostMethod]: (arg: z.input<(typeof hostMethods)[M]>) => Promise<Result<HostResults[M]>>;
};

/**
 * Host → renderer events: deep links, notification clicks, a status picked in the tray menu, and
 * an update that is ready to install.
 */
export const HostEvent = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('deepLink'), url: z.string().max(4096) }),
  z.object({ kind: z.literal('openConversation'), conversationId: z.string().max(200) }),
  z.object({ kind: z.literal('setPresence'), presence: PresenceSetting }),
  z.object({ kind: z.literal('updateReady'), version: z.string().max(100) }),
]);
export type HostEvent = z.infer<typeof HostEvent>;

/** The IPC channel names; preload and main derive them from the method names. */
export const ipcChannel = (m: HostMethod): string => `tradewind:${m}`;
export const IPC_EVENT_CHANNEL = 'tradewind:event';

/** What preload exposes on `window.tradewind`. */
export type TradewindBridge = HostApi & { onEvent: (listener: (e: HostEvent) => void) => () => void };
