/**
 * Settings (issue 12): the rail's settings button opens it; the interface language switches the
 * whole window at once (Romanian, then Persian mirrored), the theme can be pinned, and a server
 * without a DeepL key says plainly what live translation needs. Escape closes the status menu.
 *
 * Then what the account's settings do to other people and other devices, each person in a
 * browser context of their own zone and language: presence visibility (everyone / my contacts /
 * nobody) as a contact and a non-contact see it; signing out another device and all others from
 * Settings › Devices; the reading language and automatic translation reaching a second device
 * without a reload. Screenshots: settings-privacy-ar.png (right to left), settings-devices.png.
 */
import type { Browser, BrowserContext, Locator, Page } from '@playwright/test';
import { startDeeplPeer, type DeeplPeer } from '../peers/deepl';
import { ar, en, fa, type Messages, pl, ptBR, ro, tr } from '../../renderer/src/app/catalogues';
import { expect, startServer, test, type TradewindServer } from './fixtures';
import {
  addContact,
  bubble,
  composer,
  connect,
  contactRow,
  conversationHeading,
  send,
  signIn,
  signUp,
  type Person,
} from './ui';

const ANA: Person = {
  id: 'settings-ana',
  name: 'Ana Popescu',
  company: 'Popescu Textile SRL',
  password: 'a long enough password',
};

test('settings: language, theme, DeepL notice; Escape closes the status menu', async ({
  browser,
  server,
}) => {
  const ctx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Bucharest' });
  try {
    const page = await ctx.newPage();
    await signUp(page, ANA, { t: en, open: server.url });

    // Escape closes the status menu, the focus still on its button.
    const status = page.getByRole('button', { name: new RegExp(`^${en.presenceMenu.label}`) });
    await status.click();
    await expect(page.getByRole('menu', { name: en.presenceMenu.label })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu', { name: en.presenceMenu.label })).toBeHidden();

    // No rail button is disabled.
    const rail = page.getByRole('navigation', { name: en.rail.label });
    for (const b of await rail.getByRole('button').all()) await expect(b).toBeEnabled();

    await rail.getByRole('button', { name: en.rail.settings }).click();
    const sections = page.getByRole('navigation', { name: en.settings.title });
    await expect(sections).toBeVisible();

    // Translation: this server has no DeepL key, and the app says so and how to set it.
    await sections.getByRole('button', { name: en.settings.translation }).click();
    await expect(page.getByRole('status').filter({ hasText: en.translation.serverOff })).toBeVisible();
    await expect(page.getByText(en.translation.noKeyHowTo)).toBeVisible();

    // Appearance: dark pinned, whatever the system says.
    await sections.getByRole('button', { name: en.settings.appearance }).click();
    await page.getByRole('radio', { name: en.settings.themeDark }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('radio', { name: en.settings.themeSystem }).check();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);

    await sections.getByRole('button', { name: en.settings.language }).click();
    await page.getByRole('combobox', { name: en.settings.interfaceLanguage }).selectOption('ro');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ro');
    const roSections = page.getByRole('navigation', { name: ro.settings.title });
    await expect(roSections.getByRole('button', { name: ro.settings.privacy })).toBeVisible();
    await expect(page.getByRole('navigation', { name: ro.rail.label })).toBeVisible();

    // Kept across a reload (this device's choice).
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ro');

    await page
      .getByRole('navigation', { name: ro.rail.label })
      .getByRole('button', { name: ro.rail.settings })
      .click();
    await page.getByRole('combobox', { name: ro.settings.interfaceLanguage }).selectOption('fa');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const faSections = page.getByRole('navigation', { name: fa.settings.title });
    await faSections.getByRole('button', { name: fa.settings.translation }).click();
    await expect(page.getByText(fa.translation.serverOff)).toBeVisible();
    // Mirrored: the rail is at the right edge.
    const railBox = await page.getByRole('navigation', { name: fa.rail.label }).boundingBox();
    expect(railBox!.x).toBeGreaterThan(1000);
    await page.screenshot({ path: 'docs/screenshots/settings-fa-rtl.png' });
  } finally {
    await ctx.close();
  }
});

// --- what account settings do to other people and other devices ---------------------------------

const PASSWORD = 'a long enough password';
const KARIM: Person = {
  id: 'settings-karim',
  name: 'Karim Haddad',
  company: 'Haddad General Trading LLC',
  role: 'seller',
  password: PASSWORD,
};
const MARTA: Person = {
  id: 'settings-marta',
  name: 'Marta Nowak',
  company: 'Nowak Dom i Ogród',
  role: 'buyer',
  password: PASSWORD,
};
const JOAO: Person = {
  id: 'settings-joao',
  name: 'João Lima',
  company: 'Lima Importadora Ltda.',
  role: 'buyer',
  password: PASSWORD,
};
const EWA: Person = {
  id: 'settings-ewa',
  name: 'Ewa Zielińska',
  company: 'Zielińska Tekstylia',
  role: 'buyer',
  password: PASSWORD,
};
const MEHMET: Person = {
  id: 'settings-mehmet',
  name: 'Mehmet Demir',
  company: 'Demir Tekstil A.Ş.',
  role: 'seller',
  password: PASSWORD,
};
const OLGA: Person = {
  id: 'settings-olga',
  name: 'Olga Wójcik',
  company: 'Wójcik Elektro',
  role: 'buyer',
  password: PASSWORD,
};

/** Devices as their browsers name themselves: the session list tells them apart by these. */
const WINDOWS_UA =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';
const MAC_UA =
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/140.0.0.0 Safari/537.36';

/** i18next-style interpolation for expected strings. */
const fill = (s: string, v: Record<string, string>): string =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k] ?? '');

/** Opens Settings from the rail and one of its sections (by its name in the page's language). */
async function openSettings(page: Page, t: Messages, section: string): Promise<void> {
  await page
    .getByRole('navigation', { name: t.rail.label })
    .getByRole('button', { name: t.rail.settings })
    .click();
  await page
    .getByRole('navigation', { name: t.settings.title })
    .getByRole('button', { name: section, exact: true })
    .click();
  await expect(page.getByRole('heading', { level: 3, name: section })).toBeVisible();
}

/** Opens the chats screen from the rail and the conversation with `partner`. */
async function openChat(page: Page, t: Messages, partner: Person): Promise<void> {
  await page
    .getByRole('navigation', { name: t.rail.label })
    .getByRole('button', { name: t.rail.chats })
    .click();
  await contactRow(page, t, partner.name).first().click();
  await expect(conversationHeading(page, partner.name)).toBeVisible();
}

/** The presence dot of `name`'s row in my contact list; its accessible name is what I see. */
const dot = (page: Page, t: Messages, name: string): Locator =>
  contactRow(page, t, name).first().getByRole('img').first();

type ContextOptions = NonNullable<Parameters<Browser['newContext']>[0]>;

/**
 * Browser contexts of a test, each a person's device with its own zone, language (and user
 * agent): `open` makes one and its page, `close` closes them all, whatever happened.
 */
function devices(browser: Browser): {
  open: (options: ContextOptions) => Promise<Page>;
  close: () => Promise<void>;
} {
  const contexts: BrowserContext[] = [];
  return {
    open: async (options) => {
      const ctx = await browser.newContext(options);
      contexts.push(ctx);
      return ctx.newPage();
    },
    close: async () => {
      await Promise.all(contexts.map((c) => c.close()));
    },
  };
}

test('presence visibility: a contact and a non-contact see what everyone / my contacts / nobody allow', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000); // three windows on a shared machine
  const { open, close } = devices(browser);
  try {
    // A supplier in Dubai with an Arabic window; a buyer in Warsaw he has added back; a buyer in
    // São Paulo who added him and whom he has not added.
    const karim = await open({ locale: 'ar-AE', timezoneId: 'Asia/Dubai' });
    const marta = await open({ locale: 'en-GB', timezoneId: 'Europe/Warsaw' });
    const joao = await open({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
    await signUp(karim, KARIM, { t: ar, open: server.url });
    await signUp(marta, MARTA, { t: en, open: server.url });
    await signUp(joao, JOAO, { t: ptBR, open: server.url });
    await connect({ page: marta, t: en, person: MARTA }, { page: karim, t: ar, person: KARIM });
    await addContact(joao, ptBR, KARIM.id);
    const seenByMarta = dot(marta, en, KARIM.name);
    const seenByJoao = dot(joao, ptBR, KARIM.name);

    // A supplier starts with "everyone who has me as a contact": both see him online.
    await expect(seenByMarta).toHaveAccessibleName(en.presence.online);
    await expect(seenByJoao).toHaveAccessibleName(ptBR.presence.online);

    await openSettings(karim, ar, ar.settings.privacy);
    const visibility = karim.getByRole('combobox', { name: ar.settings.presenceVisibility });
    await expect(visibility).toHaveValue('everyone');
    await expect(karim.getByText(ar.settings.presenceDefaultSeller)).toBeVisible();

    // "Only people I have added too": Marta still sees him; João sees offline, with no last seen.
    await visibility.selectOption('contacts');
    await expect(karim.getByText(ar.settings.presenceContactsHint)).toBeVisible();
    await expect(seenByJoao).toHaveAccessibleName(ptBR.presence.offline);
    await expect(seenByMarta).toHaveAccessibleName(en.presence.online);

    // "Nobody": Marta too sees him offline, with no last seen, live and after a reload.
    await visibility.selectOption('nobody');
    await expect(karim.getByText(ar.settings.presenceNobodyHint)).toBeVisible();
    await expect(seenByMarta).toHaveAccessibleName(en.presence.offline);
    await expect(seenByJoao).toHaveAccessibleName(ptBR.presence.offline);
    await marta.reload();
    await expect(seenByMarta).toHaveAccessibleName(en.presence.offline);
    await expect(karim.locator('html')).toHaveAttribute('dir', 'rtl');
    await karim.screenshot({ path: 'docs/screenshots/settings-privacy-ar.png' });

    // "Everyone" again: both see him online at once.
    await visibility.selectOption('everyone');
    await expect(seenByMarta).toHaveAccessibleName(en.presence.online);
    await expect(seenByJoao).toHaveAccessibleName(ptBR.presence.online);
  } finally {
    await close();
  }
});

test('devices: another device signed out from Settings › Devices, then all others', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000); // four windows on a shared machine
  const { open, close } = devices(browser);
  try {
    // Ewa's three devices: her laptop (Linux, English), the office PC (Windows, Polish) and the
    // Mac she took to the fair in Guangzhou; she writes with a supplier in Istanbul.
    const laptop = await open({ locale: 'en-GB', timezoneId: 'Europe/Warsaw' });
    const office = await open({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw', userAgent: WINDOWS_UA });
    const fair = await open({ locale: 'en-US', timezoneId: 'Asia/Shanghai', userAgent: MAC_UA });
    const mehmet = await open({ locale: 'tr-TR', timezoneId: 'Europe/Istanbul' });
    await signUp(laptop, EWA, { t: en, open: server.url });
    await signUp(mehmet, MEHMET, { t: tr, open: server.url });
    await connect({ page: laptop, t: en, person: EWA }, { page: mehmet, t: tr, person: MEHMET });
    await signIn(office, EWA, { t: pl, open: server.url });
    await signIn(fair, EWA, { t: en, open: server.url });
    await openChat(mehmet, tr, EWA);

    // The office PC writes: it is signed in.
    await openChat(office, pl, MEHMET);
    await send(office, pl, MEHMET.name, 'Dzień dobry, piszę z biura.');
    await expect(bubble(mehmet, 'piszę z biura')).toBeVisible();

    await openSettings(laptop, en, en.settings.devices);
    const sessions = laptop.getByRole('list', { name: en.settings.sessions });
    await expect(sessions.getByRole('listitem')).toHaveCount(3);
    await expect(sessions.locator('[aria-current="true"]')).toContainText(en.settings.thisDeviceBadge);
    await expect(sessions.locator('[aria-current="true"]')).toContainText('Linux');
    const signOutOffice = sessions.getByRole('button', {
      name: fill(en.settings.signOutDeviceNamed, { name: 'Chrome 140 · Windows' }),
    });
    const signOutFair = sessions.getByRole('button', {
      name: fill(en.settings.signOutDeviceNamed, { name: 'Chrome 140 · macOS' }),
    });
    await expect(signOutOffice).toBeVisible();
    await expect(signOutFair).toBeVisible();
    await laptop.screenshot({ path: 'docs/screenshots/settings-devices.png' });

    // One device: the office PC goes back to the sign-in screen at once, with nothing to write in,
    // and stays there after a reload (its session is gone).
    await signOutOffice.click();
    await expect(office.getByRole('heading', { name: pl.auth.signInTitle })).toBeVisible();
    await expect(composer(office, pl, MEHMET.name)).toHaveCount(0);
    await office.reload();
    await expect(office.getByRole('heading', { name: pl.auth.signInTitle })).toBeVisible();
    await expect(office.getByRole('navigation', { name: pl.rail.label })).toHaveCount(0);
    await expect(signOutOffice).toHaveCount(0);
    await expect(sessions.getByRole('listitem')).toHaveCount(2);
    // Only that one: the Mac at the fair still writes.
    await openChat(fair, en, MEHMET);
    await send(fair, en, MEHMET.name, 'Greetings from the Canton Fair.');
    await expect(bubble(mehmet, 'Canton Fair')).toBeVisible();

    // All others: the Mac is signed out too; this laptop stays signed in and writes on.
    const signOutOthers = laptop.getByRole('button', { name: en.settings.signOutOthers });
    await signOutOthers.click();
    await expect(fair.getByRole('heading', { name: en.auth.signInTitle })).toBeVisible();
    await expect(composer(fair, en, MEHMET.name)).toHaveCount(0);
    await expect(sessions.getByRole('listitem')).toHaveCount(1);
    await expect(signOutOthers).toBeDisabled();
    await openChat(laptop, en, MEHMET);
    await send(laptop, en, MEHMET.name, 'Back in Warsaw; the other devices are signed out.');
    await expect(bubble(mehmet, 'Back in Warsaw')).toBeVisible();
  } finally {
    await close();
  }
});

test.describe('with live translation', () => {
  let peer: DeeplPeer;
  let liveServer: TradewindServer;
  let stopServer: () => Promise<void>;

  test.beforeAll(async () => {
    test.setTimeout(240_000); // the server's first start (migrations) on a shared machine
    peer = await startDeeplPeer({ port: 0 });
    ({ server: liveServer, stop: stopServer } = await startServer([], {
      DEEPL_AUTH_KEY: 'e2e-key:fx',
      DEEPL_SERVER_URL: peer.url,
    }));
  });
  test.afterAll(async () => {
    await stopServer?.();
    await peer?.close();
  });

  test('reading language and automatic translation reach my other device without a reload', async ({
    browser,
  }) => {
    test.setTimeout(180_000); // two windows on a shared machine
    const { open, close } = devices(browser);
    try {
      // Olga at home in Warsaw (Polish window) and on the laptop at a fair in Shanghai (English).
      const home = await open({ locale: 'pl-PL', timezoneId: 'Europe/Warsaw' });
      const fair = await open({ locale: 'en-GB', timezoneId: 'Asia/Shanghai' });
      await signUp(home, OLGA, { t: pl, open: liveServer.url });
      await signIn(fair, OLGA, { t: en, open: liveServer.url });
      await openSettings(home, pl, pl.settings.translation);
      await openSettings(fair, en, en.settings.translation);
      await expect(fair.getByText(en.settings.liveOn)).toBeVisible();

      // The reading language (part of the account's profile): chosen at home, shown at the fair.
      const homeLang = home.getByRole('combobox', { name: pl.translation.myReadLanguage });
      const fairLang = fair.getByRole('combobox', { name: en.translation.myReadLanguage });
      await expect(fairLang).toHaveValue(/^pl/);
      await homeLang.selectOption('en-GB');
      await expect(homeLang).toHaveValue('en-GB');
      await expect(fairLang).toHaveValue('en-GB');

      // Automatic translation (an account setting): off at home, off at the fair; on again from
      // the fair, on again at home.
      const homeAuto = home.getByRole('checkbox', { name: pl.settings.autoTranslate });
      const fairAuto = fair.getByRole('checkbox', { name: en.settings.autoTranslate });
      await expect(fairAuto).toBeChecked();
      await homeAuto.click();
      await expect(homeAuto).not.toBeChecked();
      await expect(fairAuto).not.toBeChecked();
      await fairAuto.click();
      await expect(fairAuto).toBeChecked();
      await expect(homeAuto).toBeChecked();
    } finally {
      await close();
    }
  });
});
