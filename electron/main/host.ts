/**
 * The desktop implementation of the host API. Everything Electron-specific arrives through
 * `HostDeps` (wired in index.ts), so this object — and the rules in it — run in unit tests.
 */
import type { HostInfo, PrintFile, TrayState, UpdateStatus } from '../../shared/hostApi';
import { ok, fail, type Result } from '../../shared/result';
import type { HostHandlers } from './ipc';
import type { LaunchAtLoginService } from './loginItem';
import type { SessionStore } from './sessionStore';

export interface HostDeps {
  info: Omit<HostInfo, 'kind'>;
  sessions: SessionStore;
  /** Shows the save dialog; resolves to the chosen path, or null if the user cancelled. */
  chooseSavePath: (suggestedName: string) => Promise<string | null>;
  writeFile: (path: string, data: Uint8Array) => Promise<void>;
  /** A file written in pieces (a large save): it appears at `path` only on `commit`. */
  createFile: (path: string) => Promise<PiecewiseFile>;
  /** Renders self-contained HTML to PDF with scripts disabled and no network. */
  renderPdf: (html: string, files?: readonly PrintFile[]) => Promise<Uint8Array>;
  /** Shows a system notification; false if the OS has none. */
  notify: (n: { title: string; body: string; conversationId?: string | undefined }) => boolean;
  setUnreadCount: (count: number, label?: string) => void;
  systemIdleSeconds: () => number;
  launchAtLogin: LaunchAtLoginService;
  setTrayState: (state: TrayState) => void;
  updates: { status: () => UpdateStatus; install: () => Result<null> };
}

/** A file being written in pieces; `discard` leaves nothing behind. */
export interface PiecewiseFile {
  write: (data: Uint8Array) => Promise<void>;
  commit: () => Promise<void>;
  discard: () => Promise<void>;
}

/** Characters that are invalid or dangerous in file names on some OS; also path separators. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what we strip
const UNSAFE_FILENAME = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;

/** A file name the user can keep: no directories, no reserved characters, not empty or dotted. */
export function safeFileName(name: string): string {
  const cleaned = name
    .replace(UNSAFE_FILENAME, '_')
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '')
    .slice(0, 200);
  return cleaned === '' ? 'tradewind-export' : cleaned;
}

export function createHostHandlers(deps: HostDeps) {
  // Saves in pieces under way, by id: the bytes go to the file as they come, never held here.
  const saves = new Map<string, { path: string; file: PiecewiseFile; size: number; written: number }>();
  let lastSave = 0;
  const endSave = async (id: string): Promise<void> => {
    const s = saves.get(id);
    saves.delete(id);
    await s?.file.discard();
  };
  return {
    info: () => Promise.resolve(ok({ kind: 'electron' as const, ...deps.info })),
    loadSession: () => deps.sessions.load(),
    saveSession: (session) => deps.sessions.save(session),
    saveFile: async ({ suggestedName, data }) => {
      const path = await deps.chooseSavePath(safeFileName(suggestedName));
      if (path === null) return ok({ saved: false });
      await deps.writeFile(path, data);
      return ok({ saved: true, path });
    },
    saveStreamOpen: async ({ suggestedName, size }) => {
      const path = await deps.chooseSavePath(safeFileName(suggestedName));
      if (path === null) return ok({ id: null });
      const id = `save-${++lastSave}`;
      saves.set(id, { path, file: await deps.createFile(path), size, written: 0 });
      return ok({ id });
    },
    saveStreamWrite: async ({ id, data }) => {
      const s = saves.get(id);
      if (!s) return fail('not_found', 'This save is not under way.');
      if (s.written + data.byteLength > s.size) {
        await endSave(id);
        return fail('bad_request', `More than the ${s.size} bytes announced; nothing was saved.`);
      }
      s.written += data.byteLength;
      try {
        await s.file.write(data);
      } catch (err) {
        await endSave(id);
        throw err;
      }
      return ok(null);
    },
    saveStreamClose: async ({ id, abort }) => {
      const s = saves.get(id);
      if (!s) return fail('not_found', 'This save is not under way.');
      if (abort || s.written !== s.size) {
        await endSave(id);
        return abort
          ? ok({ saved: false })
          : fail('bad_request', `The file ended after ${s.written} of ${s.size} bytes; nothing was saved.`);
      }
      saves.delete(id);
      try {
        await s.file.commit();
      } catch (err) {
        await s.file.discard();
        throw err;
      }
      return ok({ saved: true, path: s.path });
    },
    printToPdf: async ({ html, files }) => ok(await deps.renderPdf(html, files ?? [])),
    notify: ({ title, body, conversationId }) =>
      Promise.resolve(
        deps.notify({ title, body, conversationId })
          ? ok(null)
          : fail('unsupported', 'This system does not show notifications.'),
      ),
    setBadge: ({ count, label }) => {
      deps.setUnreadCount(count, label);
      return Promise.resolve(ok(null));
    },
    idleSeconds: () => Promise.resolve(ok(deps.systemIdleSeconds())),
    getLaunchAtLogin: async () => ok(await deps.launchAtLogin.get()),
    setLaunchAtLogin: async ({ enabled }) => ok(await deps.launchAtLogin.set(enabled)),
    setTrayState: (state) => {
      deps.setTrayState(state);
      return Promise.resolve(ok(null));
    },
    getUpdateStatus: () => Promise.resolve(ok(deps.updates.status())),
    installUpdate: () => Promise.resolve(deps.updates.install()),
  } satisfies HostHandlers;
}
