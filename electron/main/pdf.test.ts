/**
 * The evidence PDF renderer (pdf.ts) with a fake `electron`: what it loads, with which window
 * preferences, which requests its session lets out, and that it cleans up. The report HTML comes
 * from the renderer and is treated as hostile.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => unknown;

const h = vi.hoisted(() => ({
  partitions: [] as string[],
  beforeRequest: null as null | Listener,
  permissionRequest: null as null | Listener,
  permissionCheck: null as null | Listener,
  windows: [] as {
    opts: { show: boolean; webPreferences: Record<string, unknown> };
    loaded: string[];
    destroyed: boolean;
    printOptions: unknown;
    /** What the file held when the window loaded it, and its mode. */
    seen: { html: string; mode: number } | null;
  }[],
  /** What loadURL does, per test. */
  load: null as null | ((url: string) => Promise<void>),
}));

vi.mock('electron', () => {
  const session = {
    webRequest: {
      onBeforeRequest: (f: Listener) => {
        h.beforeRequest = f;
      },
    },
    setPermissionRequestHandler: (f: Listener) => {
      h.permissionRequest = f;
    },
    setPermissionCheckHandler: (f: Listener) => {
      h.permissionCheck = f;
    },
  };
  class BrowserWindow {
    loaded: string[] = [];
    destroyed = false;
    printOptions: unknown = null;
    seen: { html: string; mode: number } | null = null;
    webContents = {
      printToPDF: (o: unknown) => {
        this.printOptions = o;
        return Promise.resolve(Buffer.from('%PDF-1.7 fake'));
      },
    };
    constructor(readonly opts: { show: boolean; webPreferences: Record<string, unknown> }) {
      h.windows.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loaded.push(url);
      const file = fileURLToPath(url);
      this.seen = { html: readFileSync(file, 'utf8'), mode: statSync(file).mode & 0o777 };
      return h.load ? h.load(url) : Promise.resolve();
    }
    isDestroyed = () => this.destroyed;
    destroy(): void {
      this.destroyed = true;
    }
  }
  return {
    BrowserWindow,
    session: {
      fromPartition: (p: string) => {
        h.partitions.push(p);
        return session;
      },
    },
  };
});

const { renderPdf } = await import('./pdf');

/** Asks the session's request filter about `url`; true if it lets the request out. */
function allowed(url: string): boolean {
  let cancel: boolean | undefined;
  h.beforeRequest!({ url }, (r: { cancel: boolean }) => {
    cancel = r.cancel;
  });
  return cancel === false;
}

const REPORT =
  '<!doctype html><title>Evidence</title><p>Li Wei: 300 pieces</p><img src="data:image/png;base64,AA==">';

beforeEach(() => {
  h.windows.length = 0;
  h.load = null;
});

describe('renderPdf', () => {
  it('loads the HTML from a private temporary file into a hidden, script-less, sandboxed window', async () => {
    const pdf = await renderPdf(REPORT);
    expect(Buffer.from(pdf).toString()).toBe('%PDF-1.7 fake');
    expect(h.windows).toHaveLength(1);
    const w = h.windows[0]!;
    expect(w.loaded).toHaveLength(1);
    expect(w.loaded[0]).toMatch(/^file:\/\/.*\/tradewind-pdf-[^/]+\/report\.html$/);
    expect(w.seen).toEqual({ html: REPORT, mode: 0o600 });
    expect(w.opts.show).toBe(false);
    expect(w.opts.webPreferences).toMatchObject({
      javascript: false,
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      offscreen: true,
    });
    expect(w.opts.webPreferences).not.toHaveProperty('preload');
    expect(w.printOptions).toEqual({ printBackground: true, pageSize: 'A4', preferCSSPageSize: true });
  });

  it('uses its own in-memory session', () => {
    expect(h.partitions.length).toBeGreaterThan(0);
    for (const p of h.partitions) {
      expect(p).toBe('tradewind-pdf');
      expect(p.startsWith('persist:')).toBe(false);
    }
  });

  it('refuses every request except the report file itself and data: URLs, while rendering', async () => {
    let during: Record<string, boolean> = {};
    h.load = (url) => {
      during = {
        report: allowed(url),
        data: allowed('data:image/png;base64,AA=='),
        https: allowed('https://tracker.example/pixel.gif'),
        http: allowed('http://127.0.0.1:4100/api/demo-session'),
        otherFile: allowed('file:///etc/passwd'),
        sibling: allowed(url.replace('report.html', 'other.html')),
        ws: allowed('wss://evil.example/socket'),
        app: allowed('app://tradewind/index.html'),
      };
      return Promise.resolve();
    };
    const done = renderPdf(REPORT);
    await done;
    expect(during).toEqual({
      report: true,
      data: true,
      https: false,
      http: false,
      otherFile: false,
      sibling: false,
      ws: false,
      app: false,
    });
    // afterwards not even the report's URL is let through
    expect(allowed(h.windows[0]!.loaded[0]!)).toBe(false);
  });

  it('writes the photos the report links beside it, lets only those out, and removes them', async () => {
    const path = `attachments/${'a'.repeat(64)}-zdjęcie 1.png`;
    let during: Record<string, boolean> = {};
    let photo = '';
    h.load = (url) => {
      const photoUrl = new URL(path.split('/').map(encodeURIComponent).join('/'), url).href;
      photo = readFileSync(fileURLToPath(photoUrl), 'latin1');
      during = {
        photo: allowed(photoUrl),
        outside: allowed(new URL('other/x.png', url).href),
      };
      return Promise.resolve();
    };
    await renderPdf('<img src="attachments/x">', [{ path, data: Buffer.from('PNG bytes') }]);
    expect(photo).toBe('PNG bytes');
    expect(during).toEqual({ photo: true, outside: false });
    const dir = fileURLToPath(new URL('.', h.windows[0]!.loaded[0]));
    expect(existsSync(dir)).toBe(false);
  });

  it('denies every permission', () => {
    const answers: boolean[] = [];
    for (const p of ['notifications', 'media', 'geolocation', 'clipboard-read'])
      h.permissionRequest!({}, p, (granted: boolean) => answers.push(granted));
    expect(answers).toEqual([false, false, false, false]);
    expect(h.permissionCheck!({}, 'notifications', 'file://', {})).toBe(false);
  });

  it('destroys the window and removes the file, also when loading fails', async () => {
    h.load = () => Promise.reject(new Error('ERR_FAILED'));
    await expect(renderPdf(REPORT)).rejects.toThrow('ERR_FAILED');
    const w = h.windows[0]!;
    expect(w.destroyed).toBe(true);
    expect(existsSync(fileURLToPath(w.loaded[0]!))).toBe(false);
    h.load = null;
    await renderPdf(REPORT); // and the next report still renders
    expect(h.windows[1]!.destroyed).toBe(true);
    expect(existsSync(fileURLToPath(h.windows[1]!.loaded[0]!))).toBe(false);
  });

  it('renders one report at a time: the next window opens after the previous one is gone', async () => {
    const atLoad: { windows: number; previousDestroyed: boolean }[] = [];
    h.load = () => {
      atLoad.push({
        windows: h.windows.length,
        previousDestroyed: h.windows.slice(0, -1).every((w) => w.destroyed),
      });
      // A page load completes on a later turn of the event loop, as a real one does.
      return new Promise((r) => setImmediate(r));
    };
    await Promise.all([renderPdf('<p>one</p>'), renderPdf('<p>two</p>'), renderPdf('<p>three</p>')]);
    expect(atLoad).toEqual([
      { windows: 1, previousDestroyed: true },
      { windows: 2, previousDestroyed: true },
      { windows: 3, previousDestroyed: true },
    ]);
    expect(h.windows.map((w) => w.seen?.html)).toEqual(['<p>one</p>', '<p>two</p>', '<p>three</p>']);
  });
});
