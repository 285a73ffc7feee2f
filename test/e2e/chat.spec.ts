/**
 * Issue 2, end to end in Debian's Chromium, browser mode: a Polish buyer in Warsaw and a Chinese
 * supplier in Shanghai sign up, add each other, chat both ways and see receipts move from
 * delivered to read. Then the buyer goes offline, writes three messages, closes the window and
 * reopens it (still offline: the stored history shows), comes back online, and the supplier
 * receives the three exactly once and in order.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { pl } from '../../renderer/src/i18n/pl';
import { zh } from '../../renderer/src/i18n/zh';
import type { Messages } from '../../renderer/src/i18n/en';
import { expect, test } from './fixtures';
import { call, connect } from '../helpers/client';

interface Person {
  id: string;
  name: string;
  company: string;
  role: 'buyer' | 'seller';
  password: string;
}

const ANNA: Person = {
  id: 'anna-pl',
  name: 'Anna Kowalska',
  company: 'Kowalski Import',
  role: 'buyer',
  password: 'correct horse 1',
};
const LI: Person = {
  id: 'li-yiwu',
  name: 'Li Wei',
  company: 'Yiwu Bright Trading',
  role: 'seller',
  password: 'correct horse 2',
};

async function signUp(page: Page, url: string, p: Person, t: Messages): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: t.auth.toSignUp }).click();
  await expect(page.getByRole('heading', { name: t.auth.signUpTitle })).toBeVisible();
  await page.getByRole('textbox', { name: t.auth.memberId }).fill(p.id);
  await page.getByRole('textbox', { name: t.auth.displayName }).fill(p.name);
  await page.getByRole('textbox', { name: t.auth.company }).fill(p.company);
  await page.getByRole('radio', { name: p.role === 'buyer' ? t.auth.buyer : t.auth.seller }).check();
  await page.getByLabel(t.auth.password).fill(p.password);
  await expect(page.getByRole('textbox', { name: t.auth.serverUrl })).toHaveValue(url);
  await page.getByRole('button', { name: t.auth.submitSignUp, exact: true }).click();
  await expect(page.getByRole('heading', { name: t.contacts.title, level: 1 })).toBeVisible();
}

async function addContact(page: Page, memberId: string, t: Messages): Promise<void> {
  await page.getByRole('button', { name: t.contacts.add }).click();
  await page.getByRole('textbox', { name: t.contacts.addTitle }).fill(memberId);
  await page.getByRole('button', { name: t.contacts.addSubmit, exact: true }).click();
}

const contactList = (page: Page, t: Messages) => page.getByRole('list', { name: t.contacts.list });
const messageLog = (page: Page) => page.getByRole('log');
const bubble = (page: Page, text: string) => messageLog(page).getByRole('listitem').filter({ hasText: text });
const tick = (page: Page, text: string, name: string) =>
  bubble(page, text).getByRole('img', { name, exact: true });
const composer = (page: Page, t: Messages, partner: string) =>
  page.getByRole('textbox', { name: t.conversation.composer.replace('{{name}}', partner) });

async function send(page: Page, t: Messages, partner: string, text: string): Promise<void> {
  const box = composer(page, t, partner);
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(bubble(page, text)).toBeVisible();
}

test('two users chat across time zones; messages written offline arrive once and in order', async ({
  browser,
  server,
}) => {
  const annaCtx = await browser.newContext({ timezoneId: 'Europe/Warsaw', locale: 'pl-PL' });
  const liCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  try {
    const anna = await annaCtx.newPage();
    const li = await liCtx.newPage();

    await signUp(anna, server.url, ANNA, pl);
    await signUp(li, server.url, LI, zh);

    // The UI speaks each user's language.
    await expect(anna.locator('html')).toHaveAttribute('lang', 'pl');
    await expect(li.locator('html')).toHaveAttribute('lang', 'zh');

    // Anna adds Li by member id; the lookup error for a wrong id is a sentence in Polish.
    await addContact(anna, 'nobody-here', pl);
    await expect(anna.getByRole('alert')).toHaveText(pl.errors.not_found);
    await anna.getByRole('textbox', { name: pl.contacts.addTitle }).fill(LI.id);
    await anna.getByRole('button', { name: pl.contacts.addSubmit, exact: true }).click();
    await expect(contactList(anna, pl).getByRole('button', { name: LI.name })).toBeVisible();
    await expect(anna.getByRole('heading', { level: 2, name: new RegExp(LI.name) })).toContainText(
      LI.company,
    );

    // Anna writes first: Li's client stores it and confirms delivery, but has not opened it yet.
    const q1 = 'Dzień dobry! Is the 500-piece MOQ firm?';
    await send(anna, pl, LI.name, q1);
    await expect(tick(anna, q1, pl.ticks.delivered)).toBeVisible();

    // Li sees Anna (not yet a contact) with one unread message, opens it: Anna's tick turns to read.
    const fromAnna = contactList(li, zh).getByRole('button', { name: ANNA.id });
    await expect(fromAnna.getByLabel(zh.contacts.unread.replace('{{count}}', '1'))).toBeVisible();
    await fromAnna.click();
    await expect(bubble(li, q1)).toBeVisible();
    await expect(tick(anna, q1, pl.ticks.read)).toBeVisible();
    await expect(fromAnna.getByLabel(zh.contacts.unread.replace('{{count}}', '1'))).toHaveCount(0);

    // Li adds Anna back and answers; Anna has the conversation open, so it is read at once.
    await addContact(li, ANNA.id, zh);
    await expect(contactList(li, zh).getByRole('button', { name: ANNA.name })).toBeVisible();
    const a1 = '最低起订量可以降到300件。The MOQ can go down to 300 pieces.';
    await send(li, zh, ANNA.name, a1);
    await expect(bubble(anna, a1)).toBeVisible();
    await expect(tick(li, a1, zh.ticks.read)).toBeVisible();

    const q2 = 'Great. FOB Ningbo, 30% deposit, balance before shipment?';
    await send(anna, pl, LI.name, q2);
    await expect(bubble(li, q2)).toBeVisible();
    await expect(tick(anna, q2, pl.ticks.read)).toBeVisible();
    const a2 = '可以。Yes — we can ship within 15 days after the deposit.';
    // While Li types, Anna sees it; the message itself ends the indicator.
    const typing = anna
      .getByRole('status')
      .filter({ hasText: pl.conversation.typing.replace('{{name}}', LI.name) });
    await composer(li, zh, ANNA.name).fill(a2);
    await expect(typing).toBeVisible();
    await send(li, zh, ANNA.name, a2);
    await expect(typing).toHaveCount(0);
    await expect(tick(li, a2, zh.ticks.read)).toBeVisible();
    await expect(bubble(anna, a2)).toBeVisible();

    // Anna sees Li's local time in the header (Shanghai, GMT+8).
    await expect(anna.getByText(/GMT\+8/).first()).toBeVisible();

    // The screenshot for the README: the main window with a conversation.
    mkdirSync('docs/screenshots', { recursive: true });
    await anna.screenshot({ path: 'docs/screenshots/chat.png' });

    // The browser-mode shell is cached so the window can open without the network.
    await anna.evaluate(async () => {
      await navigator.serviceWorker.ready;
    });

    // --- offline -------------------------------------------------------------------------------
    await annaCtx.setOffline(true);
    await expect(anna.getByRole('status').filter({ hasText: pl.banner.offline })).toBeVisible();
    const offline = [
      'Offline 1: sample order for 300 pcs',
      'Offline 2: colour 4000K',
      'Offline 3: please send the PI',
    ];
    for (const text of offline) {
      await send(anna, pl, LI.name, text);
      await expect(tick(anna, text, pl.ticks.sending)).toBeVisible();
    }
    await anna.close();

    // Reopened while still offline: the history comes from IndexedDB, before any connection.
    const again = await annaCtx.newPage();
    await again.goto(server.url);
    await expect(again.getByRole('status').filter({ hasText: pl.banner.offline })).toBeVisible();
    await contactList(again, pl).getByRole('button', { name: LI.name }).click();
    await expect(bubble(again, q1)).toBeVisible();
    await expect(bubble(again, a2)).toBeVisible();
    for (const text of offline) await expect(tick(again, text, pl.ticks.sending)).toBeVisible();
    await expect(bubble(li, offline[0]!)).toHaveCount(0);

    // Back online: the outbox drains; Li gets the three, in order, once each.
    await annaCtx.setOffline(false);
    await expect(again.getByRole('status').filter({ hasText: pl.banner.offline })).toHaveCount(0);
    for (const text of offline) await expect(tick(again, text, pl.ticks.read)).toBeVisible();
    const texts = messageLog(li).locator('p.text');
    await expect(texts).toHaveText([q1, a1, q2, a2, ...offline]);

    // The server holds them once each too (the client's store is keyed by client id, so a
    // duplicate on the server would collapse into one bubble above): Li's third device asks.
    const probe = await connect(server.url);
    try {
      const { token } = await call(probe, 'auth:signIn', { memberId: LI.id, password: LI.password });
      probe.close();
      const liSocket = await connect(server.url, token);
      try {
        const [conv] = await call(liSocket, 'sync:conversations', {});
        const { messages } = await call(liSocket, 'sync:messages', {
          conversationId: conv!.id,
          afterSeq: 0,
          limit: 100,
        });
        expect(messages.map((m) => m.text)).toEqual([q1, a1, q2, a2, ...offline]);
        expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4, 5, 6, 7]);
      } finally {
        liSocket.close();
      }
    } finally {
      probe.close();
    }

    // And after a reload (Li's copy now comes from IndexedDB plus a catch-up sync) still once each.
    await li.reload();
    await contactList(li, zh).getByRole('button', { name: ANNA.name }).click();
    await expect(messageLog(li).locator('p.text')).toHaveText([q1, a1, q2, a2, ...offline]);
  } finally {
    await annaCtx.close();
    await liCtx.close();
  }
});
