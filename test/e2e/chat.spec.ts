/**
 * Issue 2, end to end in Debian's Chromium, browser mode: a Polish buyer in Warsaw and a Chinese
 * supplier in Shanghai sign up, add each other, chat both ways and see receipts move from
 * delivered to read. Then the buyer goes offline, writes three messages, closes the window and
 * reopens it (still offline: the stored history shows), comes back online, and the supplier
 * receives the three exactly once and in order.
 */
import { mkdirSync } from 'node:fs';
import { pl, zh } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import { call, connect } from '../helpers/client';
import {
  addContact,
  bubble,
  composer,
  contactRow,
  conversationHeading,
  messageLog,
  offlineBanner,
  send,
  signUp,
  tick,
  type Person,
} from './ui';

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

test('two users chat across time zones; messages written offline arrive once and in order', async ({
  browser,
  server,
}) => {
  const annaCtx = await browser.newContext({ timezoneId: 'Europe/Warsaw', locale: 'pl-PL' });
  const liCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  try {
    const anna = await annaCtx.newPage();
    const li = await liCtx.newPage();

    const browserMode = { open: server.url, serverUrl: server.url };
    await signUp(anna, ANNA, { t: pl, ...browserMode });
    await signUp(li, LI, { t: zh, ...browserMode });

    // The UI speaks each user's language.
    await expect(anna.locator('html')).toHaveAttribute('lang', 'pl');
    await expect(li.locator('html')).toHaveAttribute('lang', 'zh-CN');

    // Anna adds Li by member id; the lookup error for a wrong id is a sentence in Polish.
    await addContact(anna, pl, 'nobody-here');
    await expect(anna.getByRole('alert')).toHaveText(pl.errors.not_found);
    await anna.getByRole('textbox', { name: pl.contacts.addTitle }).fill(LI.id);
    await anna.getByRole('button', { name: pl.contacts.addSubmit, exact: true }).click();
    await expect(contactRow(anna, pl, LI.name)).toBeVisible();
    await expect(conversationHeading(anna, LI.name)).toContainText(LI.company);

    // Anna writes first: Li's client stores it and confirms delivery, but has not opened it yet.
    const q1 = 'Dzień dobry! Is the 500-piece MOQ firm?';
    await send(anna, pl, LI.name, q1);
    await expect(tick(anna, q1, pl.ticks.delivered)).toBeVisible();

    // Li sees Anna (not yet a contact) with one unread message, opens it: Anna's tick turns to read.
    const fromAnna = contactRow(li, zh, ANNA.id);
    await expect(fromAnna.getByLabel(zh.contacts.unread.replace('{{count}}', '1'))).toBeVisible();
    await fromAnna.click();
    await expect(bubble(li, q1)).toBeVisible();
    await expect(tick(anna, q1, pl.ticks.read)).toBeVisible();
    await expect(fromAnna.getByLabel(zh.contacts.unread.replace('{{count}}', '1'))).toHaveCount(0);

    // Li adds Anna back and answers; Anna has the conversation open, so it is read at once.
    await addContact(li, zh, ANNA.id);
    await expect(contactRow(li, zh, ANNA.name)).toBeVisible();
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

    // The browser-mode shell is cached so the window can open without the network: every file the
    // build lists, the chunks loaded on demand included (each language, the dialogs, the workers).
    const uncached = await anna.evaluate(async () => {
      await navigator.serviceWorker.ready;
      const files = (await (await fetch('./precache.json')).json()) as string[];
      const cache = await caches.open('tradewind-shell-v1');
      const missing: string[] = [];
      for (const f of files) if (!(await cache.match(new URL(f, location.href).href))) missing.push(f);
      return { files: files.length, missing };
    });
    expect(uncached.files).toBeGreaterThan(10);
    expect(uncached.missing).toEqual([]);

    // --- offline -------------------------------------------------------------------------------
    await annaCtx.setOffline(true);
    await expect(offlineBanner(anna, pl)).toBeVisible();
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
    await expect(offlineBanner(again, pl)).toBeVisible();
    await contactRow(again, pl, LI.name).click();
    await expect(bubble(again, q1)).toBeVisible();
    await expect(bubble(again, a2)).toBeVisible();
    for (const text of offline) await expect(tick(again, text, pl.ticks.sending)).toBeVisible();
    await expect(bubble(li, offline[0]!)).toHaveCount(0);

    // Back online: the outbox drains; Li gets the three, in order, once each.
    await annaCtx.setOffline(false);
    await expect(offlineBanner(again, pl)).toHaveCount(0);
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
    await contactRow(li, zh, ANNA.name).click();
    await expect(messageLog(li).locator('p.text')).toHaveText([q1, a1, q2, a2, ...offline]);
  } finally {
    await annaCtx.close();
    await liCtx.close();
  }
});
