/**
 * HTML → PDF for the evidence report. The HTML comes from the renderer, so it is treated as
 * untrusted: it is loaded into a hidden, offscreen, sandboxed window with JavaScript disabled,
 * no preload, in its own in-memory session whose every request except the report file itself,
 * the files written beside it (its photos, under `attachments/`) and data: URLs is cancelled
 * (nothing may phone home while it is printed). The window is destroyed afterwards, also on error
 * or timeout, and the temporary folder removed.
 *
 * The HTML goes through a temporary file rather than a data: URL because Chromium caps URLs at
 * 2 MiB, and an evidence report links its photos as files of the bundle (docs/evidence.md
 * § Report): they are written next to it, under the paths it links (host API `PrintFile`).
 */
import { BrowserWindow, session } from 'electron';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PrintFile } from '../../shared/hostApi';

const LOAD_TIMEOUT_MS = 60_000;
const PARTITION = 'tradewind-pdf'; // no "persist:" prefix: in memory, gone when the app quits

let sessionPrepared = false;

function pdfSession(allowedFileUrl: (url: string) => boolean): Electron.Session {
  const ses = session.fromPartition(PARTITION);
  if (!sessionPrepared) {
    sessionPrepared = true;
    ses.webRequest.onBeforeRequest((details, callback) => {
      const allowed = details.url.startsWith('data:') || allowedFileUrl(details.url);
      callback({ cancel: !allowed });
    });
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
  }
  return ses;
}

let currentFileUrl: string | null = null;
/** `file:` URL prefix of the current report's photos (`<dir>/attachments/`), or null. */
let currentFilesPrefix: string | null = null;
const isAllowedFile = (url: string): boolean =>
  url === currentFileUrl || (currentFilesPrefix !== null && url.startsWith(currentFilesPrefix));
/** One report at a time: printing is rare, and the request filter allows one report's files. */
let queue: Promise<unknown> = Promise.resolve();

export function renderPdf(html: string, files: readonly PrintFile[] = []): Promise<Uint8Array> {
  const run = queue.then(() => renderOne(html, files));
  queue = run.catch(() => undefined);
  return run;
}

async function renderOne(html: string, files: readonly PrintFile[]): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'tradewind-pdf-'));
  const file = join(dir, 'report.html');
  try {
    await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
    // The paths are checked by the host API's schema (attachments/<sha256>-<name>, no separators).
    for (const f of files) {
      const path = join(dir, f.path);
      await mkdir(dirname(path), { recursive: true, mode: 0o700 });
      await writeFile(path, f.data, { mode: 0o600 });
    }
  } catch (err) {
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  currentFileUrl = pathToFileURL(file).href;
  currentFilesPrefix = files.length > 0 ? `${pathToFileURL(join(dir, 'attachments')).href}/` : null;
  const win = new BrowserWindow({
    show: false,
    width: 1240,
    height: 1754,
    webPreferences: {
      session: pdfSession(isAllowedFile),
      offscreen: true,
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      images: true,
      spellcheck: false,
    },
  });
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      win.loadURL(currentFileUrl),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error('PDF rendering timed out')), LOAD_TIMEOUT_MS);
      }),
    ]);
    const pdf = await win.webContents.printToPDF({
      printBackground: true,
      pageSize: 'A4',
      preferCSSPageSize: true,
    });
    return new Uint8Array(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  } finally {
    clearTimeout(timer);
    currentFileUrl = null;
    currentFilesPrefix = null;
    if (!win.isDestroyed()) win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
