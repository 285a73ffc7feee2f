/**
 * HTML → PDF for the evidence report. The HTML comes from the renderer, so it is treated as
 * untrusted: it is loaded into a hidden, offscreen, sandboxed window with JavaScript disabled,
 * no preload, in its own in-memory session whose every request except the report file itself
 * and data: URLs is cancelled (the report is self-contained; nothing may phone home while it is
 * printed). The window is destroyed afterwards, also on error or timeout.
 *
 * The HTML goes through a temporary file rather than a data: URL because Chromium caps URLs at
 * 2 MiB and a report with embedded images is larger.
 */
import { BrowserWindow, session } from 'electron';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const LOAD_TIMEOUT_MS = 60_000;
const PARTITION = 'tradewind-pdf'; // no "persist:" prefix: in memory, gone when the app quits

let sessionPrepared = false;

function pdfSession(allowedFileUrl: () => string | null): Electron.Session {
  const ses = session.fromPartition(PARTITION);
  if (!sessionPrepared) {
    sessionPrepared = true;
    ses.webRequest.onBeforeRequest((details, callback) => {
      const allowed = details.url.startsWith('data:') || details.url === allowedFileUrl();
      callback({ cancel: !allowed });
    });
    ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
    ses.setPermissionCheckHandler(() => false);
  }
  return ses;
}

let currentFileUrl: string | null = null;
/** One report at a time: printing is rare, and the request filter allows one file URL. */
let queue: Promise<unknown> = Promise.resolve();

export function renderPdf(html: string): Promise<Uint8Array> {
  const run = queue.then(() => renderOne(html));
  queue = run.catch(() => undefined);
  return run;
}

async function renderOne(html: string): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'tradewind-pdf-'));
  const file = join(dir, 'report.html');
  await writeFile(file, html, { encoding: 'utf8', mode: 0o600 });
  currentFileUrl = pathToFileURL(file).href;
  const win = new BrowserWindow({
    show: false,
    width: 1240,
    height: 1754,
    webPreferences: {
      session: pdfSession(() => currentFileUrl),
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
    if (!win.isDestroyed()) win.destroy();
    await rm(dir, { recursive: true, force: true });
  }
}
