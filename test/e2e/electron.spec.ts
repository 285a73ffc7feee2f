/**
 * Issue 2's flow in the real desktop app, driven with Playwright's `_electron`: the app starts
 * against a server this test started (TRADEWIND_SERVER_URL), a buyer signs up in the Electron
 * window, a supplier signs up in Chromium (browser mode), they add each other and chat both ways
 * with receipts. Then the desktop app goes offline, writes three messages, quits, starts again
 * (signed back in from safeStorage where the OS offers real encryption; asked to sign in where it
 * does not), shows its history before reconnecting, comes back online, and the supplier gets the
 * three exactly once and in order. It also checks that the page sees the narrow
 * `window.tradewind` bridge and no Node, and the desktop-only flows (issue 14): a notification
 * click opens its conversation, a status picked in the tray becomes the status, a downloaded
 * update offers "restart to update", and a development build neither updates nor registers a
 * login item.
 *
 * Runs wherever an Electron binary exists; where none does (these machines: the binary cannot be
 * downloaded) it reports itself skipped, with the reason.
 */
import { _electron, type ElectronApplication, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { en } from '../../renderer/src/app/catalogues';
import { conversationIdFor } from '../../shared/protocol/conversation';
import { findElectronBinary } from '../../scripts/lib/electronBinary.js';
import { expect, test } from './fixtures';
import {
  addContact,
  bubble,
  contactRow,
  conversationHeading,
  messageLog,
  offlineBanner,
  send,
  signUp,
  tick,
  type Person,
} from './ui';

const ROOT = join(import.meta.dirname, '..', '..');
const electron = findElectronBinary({ root: ROOT });

test.skip(
  !electron.found,
  `Electron binary not found (${electron.found ? '' : electron.reason}); the desktop test runs where Electron is installed.`,
);

const ANNA: Person = {
  id: 'anna-desk',
  name: 'Anna Desktop',
  company: 'Kowalski Import',
  role: 'buyer',
  password: 'correct horse 1',
};
const LI: Person = {
  id: 'li-web',
  name: 'Li Browser',
  company: 'Yiwu Bright Trading',
  role: 'seller',
  password: 'correct horse 2',
};

function launch(serverUrl: string, userData: string): Promise<ElectronApplication> {
  if (!electron.found) throw new Error('no Electron binary');
  return _electron.launch({
    executablePath: electron.path,
    // Root cannot use Chromium's OS sandbox (CI containers); the renderer sandbox flags stay on.
    args: [ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
    env: { ...process.env, TRADEWIND_SERVER_URL: serverUrl, TRADEWIND_USER_DATA_DIR: userData },
  });
}

test('desktop app: chat with a browser user; messages written offline survive a restart and arrive once, in order', async ({
  server,
  browser,
}) => {
  if (!electron.found) return; // narrowed for TypeScript; the skip above already applies
  if (!existsSync(join(ROOT, 'dist', 'electron', 'main.cjs'))) {
    throw new Error('dist/electron is missing: run `npm run build` (npm test does it).');
  }
  const userData = mkdtempSync(join(tmpdir(), 'tradewind-electron-'));
  let app: ElectronApplication | null = null;
  const liCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai' });
  try {
    app = await launch(server.url, userData);
    const anna = await app.firstWindow();
    await expect(anna).toHaveURL(/^app:\/\/tradewind\//);

    // The page gets the bridge and nothing of Node.
    const surface = await anna.evaluate(() => {
      const w = window as unknown as Record<string, unknown>;
      const bridge = w.tradewind as Record<string, unknown> | undefined;
      return {
        bridge: bridge ? Object.keys(bridge).sort() : null,
        require: typeof w.require,
        process: typeof w.process,
        ipcRenderer: bridge ? 'ipcRenderer' in bridge : false,
      };
    });
    expect(surface.bridge).toEqual(
      [
        'getLaunchAtLogin',
        'getUpdateStatus',
        'idleSeconds',
        'info',
        'installUpdate',
        'loadSession',
        'notify',
        'onEvent',
        'printToPdf',
        'saveFile',
        'saveSession',
        'saveStreamClose',
        'saveStreamOpen',
        'saveStreamWrite',
        'setBadge',
        'setLaunchAtLogin',
        'setTrayState',
      ].sort(),
    );
    expect(surface).toMatchObject({ require: 'undefined', process: 'undefined', ipcRenderer: false });
    const info = await anna.evaluate(() =>
      (window as unknown as { tradewind: { info: (a: undefined) => Promise<unknown> } }).tradewind.info(
        undefined,
      ),
    );
    expect(info).toMatchObject({ ok: true, value: { kind: 'electron', defaultServerUrl: server.url } });

    // The desktop window is already on the sign-in screen; the browser page opens the server first.
    // Both show the server they were configured with (read-only in the desktop app: its CSP allows
    // only that server).
    const signUpOptions = { t: en, serverUrl: server.url };
    await signUp(anna, ANNA, signUpOptions);
    const li = await liCtx.newPage();
    await signUp(li, LI, { ...signUpOptions, open: server.url });

    await addContact(anna, en, LI.id);
    await desktopFlows(app, anna);
    await contactRow(anna, en, LI.name).click();
    await addContact(li, en, ANNA.id);
    await contactRow(li, en, ANNA.name).click();

    const q = 'Hello from the desktop app: is the 500-piece MOQ firm?';
    await send(anna, en, LI.name, q);
    await expect(bubble(li, q)).toBeVisible();
    await expect(tick(anna, q, en.ticks.read)).toBeVisible();
    const a = 'Hello from the browser: 300 pieces is fine.';
    await send(li, en, ANNA.name, a);
    await expect(bubble(anna, a)).toBeVisible();
    await expect(tick(li, a, en.ticks.read)).toBeVisible();

    // Offline in the desktop app: three messages wait in the outbox, then the app quits.
    await app.context().setOffline(true);
    await expect(offlineBanner(anna, en)).toBeVisible();
    const offline = ['Desktop offline 1', 'Desktop offline 2', 'Desktop offline 3'];
    for (const text of offline) {
      await send(anna, en, LI.name, text);
      await expect(tick(anna, text, en.ticks.sending)).toBeVisible();
    }
    const secure = await app.evaluate(
      ({ safeStorage }) =>
        safeStorage.isEncryptionAvailable() &&
        !['basic_text', 'unknown'].includes(safeStorage.getSelectedStorageBackend?.() ?? ''),
    );
    await app.close();
    app = null;

    // Started again: signed back in where safeStorage kept the token, else asked to sign in; either
    // way the history and the waiting outbox come from IndexedDB.
    app = await launch(server.url, userData);
    await app.context().setOffline(true);
    const again = await app.firstWindow();
    if (!secure) {
      await again.getByRole('button', { name: en.auth.toSignIn }).click();
      await again.getByRole('textbox', { name: en.auth.memberId }).fill(ANNA.id);
      await again.getByLabel(en.auth.password).fill(ANNA.password);
      await expect(again.getByRole('textbox', { name: en.auth.serverUrl })).toHaveValue(server.url);
      await again.getByRole('button', { name: en.auth.submitSignIn, exact: true }).click();
    }
    await expect(again.getByRole('heading', { name: en.contacts.title, level: 1 })).toBeVisible();
    await contactRow(again, en, LI.name).click();
    await expect(bubble(again, a)).toBeVisible();
    for (const text of offline) await expect(tick(again, text, en.ticks.sending)).toBeVisible();
    await expect(bubble(li, offline[0]!)).toHaveCount(0);

    // Back online: Li gets the three once each and in order; Anna sees them read.
    await app.context().setOffline(false);
    for (const text of offline) await expect(tick(again, text, en.ticks.read)).toBeVisible();
    await expect(messageLog(li).locator('p.text')).toHaveText([q, a, ...offline]);
  } finally {
    await liCtx.close();
    await app?.close();
    rmSync(userData, { recursive: true, force: true });
  }
});

/** Calls a host method from the page, as the renderer does. */
function callHost(page: Page, method: string, arg?: unknown): Promise<unknown> {
  return page.evaluate(
    ([m, a]) =>
      (window as unknown as { tradewind: Record<string, (x: unknown) => Promise<unknown>> }).tradewind[m]!(a),
    [method, arg] as const,
  );
}

/** Sends a host event to the window, as main does (tray menu, updater). */
function hostEvent(app: ElectronApplication, event: unknown): Promise<void> {
  return app.evaluate(({ BrowserWindow }, e) => {
    BrowserWindow.getAllWindows()[0]!.webContents.send('tradewind:event', e);
  }, event);
}

/**
 * The desktop-only flows, on Anna's window with Li as a contact whose conversation is not open:
 * a notification click opens the conversation; a status picked in the tray menu becomes the
 * status; an update that is ready offers "restart to update"; a development build offers neither
 * updates nor launch at login.
 */
async function desktopFlows(app: ElectronApplication, anna: Page): Promise<void> {
  // Development build (`electron .`): no updates, no login item.
  expect(await callHost(anna, 'getUpdateStatus')).toEqual({ ok: true, value: { state: 'disabled' } });
  expect(await callHost(anna, 'getLaunchAtLogin')).toEqual({
    ok: true,
    value: { supported: false, enabled: false },
  });

  // A notification that is clicked at once (the OS's click, simulated in main) opens its
  // conversation. Desktops without a notification service (a bare CI display) cannot show one:
  // there the step is reported, not faked.
  const canNotify = await app.evaluate(({ Notification }) => Notification.isSupported());
  if (canNotify) {
    await app.evaluate(({ Notification }) => {
      Notification.prototype.show = function (this: Electron.Notification) {
        setImmediate(() => this.emit('click'));
      };
    });
    await expect(conversationHeading(anna, LI.name)).toHaveCount(0);
    expect(
      await callHost(anna, 'notify', {
        title: LI.name,
        body: 'A message from Li',
        conversationId: conversationIdFor(ANNA.id, LI.id),
      }),
    ).toEqual({ ok: true, value: null });
    await expect(conversationHeading(anna, LI.name)).toBeVisible();
  } else {
    test
      .info()
      .annotations.push({ type: 'skipped step', description: 'no notification service on this desktop' });
  }

  // The tray's status submenu: the page tells main its status and words; a pick comes back.
  expect(
    await callHost(anna, 'setTrayState', {
      presence: 'online',
      connected: true,
      labels: {
        open: en.desktop.open,
        status: en.presenceMenu.label,
        online: en.presenceMenu.online,
        away: en.presenceMenu.away,
        busy: en.presenceMenu.busy,
        invisible: en.presenceMenu.invisible,
        connected: en.desktop.connected,
        offline: en.desktop.offline,
        quit: en.desktop.quit,
      },
    }),
  ).toEqual({ ok: true, value: null });
  await hostEvent(app, { kind: 'setPresence', presence: 'busy' });
  await expect(
    anna.getByRole('button', { name: `${en.presenceMenu.label}: ${en.presenceMenu.busy}` }),
  ).toBeVisible();
  await hostEvent(app, { kind: 'setPresence', presence: 'online' });
  await expect(
    anna.getByRole('button', { name: `${en.presenceMenu.label}: ${en.presenceMenu.online}` }),
  ).toBeVisible();

  // An update ready to install: one quiet line with "restart to update" (nothing is waiting in a
  // development build, so the restart answers with a sentence instead of restarting).
  await hostEvent(app, { kind: 'updateReady', version: '9.9.9' });
  const banner = anna
    .getByRole('status')
    .filter({ hasText: en.desktop.updateReady.replace('{{version}}', '9.9.9') });
  await expect(banner).toBeVisible();
  await banner.getByRole('button', { name: en.desktop.restart }).click();
  await expect(banner.getByRole('alert')).toHaveText(en.errors.not_found);
}
