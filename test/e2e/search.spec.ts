/**
 * Issue 10, message search end to end in Debian's Chromium, browser mode, against the DeepL-compatible
 * peer: a Polish buyer in Warsaw and a Chinese seller in Shanghai. The seller writes in Chinese
 * and approves the Polish translation; the buyer finds it typing "probki" (no diacritics) in the
 * Polish translation and "样品" in the Chinese original, sees the sender and the sender's local
 * time, opens it with Enter and lands on the message (scrolled to, marked current); reading in
 * English adds DeepL's machine translation, which is found too. Ctrl+F searches one conversation
 * with ↑/↓; the seller searches in Chinese for part of a dictionary word. Screenshot: search.png.
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { startDeeplPeer, type DeeplPeer } from '../peers/deepl';
import { type Messages, pl, zh } from '../../renderer/src/app/catalogues';
import { expect, startServer, test, type TradewindServer } from './fixtures';
import {
  addContact,
  bubble,
  composer,
  contactRow,
  conversationHeading,
  send,
  signUp,
  type Person,
} from './ui';

const ANNA: Person = {
  id: 'anna-search',
  name: 'Anna Kowalska',
  company: 'Kowalski Import',
  role: 'buyer',
  password: 'correct horse 1',
};
const LI: Person = {
  id: 'li-search',
  name: 'Li Wei',
  company: 'Yiwu Bright Trading',
  role: 'seller',
  password: 'correct horse 2',
};

let peer: DeeplPeer;
let server: TradewindServer;
let stopServer: () => Promise<void>;

test.beforeAll(async () => {
  peer = await startDeeplPeer({ port: 0 });
  ({ server, stop: stopServer } = await startServer([], {
    DEEPL_AUTH_KEY: 'e2e-key:fx',
    DEEPL_SERVER_URL: peer.url,
  }));
});
test.afterAll(async () => {
  await stopServer?.();
  await peer?.close();
});

const searchDialog = (page: Page, t: Messages) => page.getByRole('dialog', { name: t.search.title });
const searchField = (page: Page, t: Messages) =>
  searchDialog(page, t).getByRole('combobox', { name: t.search.field });
const hits = (page: Page, t: Messages) =>
  searchDialog(page, t).getByRole('listbox', { name: t.search.results }).getByRole('option');

test('finds a word in the Chinese original and in the Polish translation, and opens the conversation at it', async ({
  browser,
}) => {
  // Two windows, 26 sends and a dozen searches: a hang guard, not a speed target. On the
  // saturated 2-core machine (load ~40) each send took ~10 s and 300 s ended at the 13th.
  test.setTimeout(600_000);
  const annaCtx = await browser.newContext({ timezoneId: 'Europe/Warsaw', locale: 'pl-PL' });
  const liCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'zh-CN' });
  try {
    const anna = await annaCtx.newPage();
    const li = await liCtx.newPage();
    await signUp(anna, ANNA, { t: pl, open: server.url });
    await signUp(li, LI, { t: zh, open: server.url });
    await addContact(anna, pl, LI.id);
    await expect(contactRow(anna, pl, LI.name)).toBeVisible();
    await addContact(li, zh, ANNA.id);
    await expect(contactRow(li, zh, ANNA.name)).toBeVisible();
    await contactRow(anna, pl, LI.name).click();
    await contactRow(li, zh, ANNA.name).click();

    // Li asks in Chinese and approves the Polish translation the preview shows.
    const question = '样品准备好了吗？';
    const polish = 'Czy próbki są gotowe?';
    const box = composer(li, zh, ANNA.name);
    await box.fill(question);
    await expect(li.getByRole('region', { name: zh.translation.preview })).toContainText(polish);
    await box.press('Enter');
    await expect(bubble(li, question)).toBeVisible();
    await expect(bubble(anna, polish)).toContainText(pl.translation.approved);

    // Then a long exchange pushes it out of view.
    for (let i = 1; i <= 24; i++) await send(anna, pl, LI.name, `Wiadomość numer ${i}`);
    await expect(bubble(anna, polish)).not.toBeInViewport();

    // Ctrl+K: "probki" without diacritics finds "próbki" in the translation, highlighted; the
    // Chinese original is on the line too, with the sender and the sender's local time.
    await anna.keyboard.press('Control+k');
    await expect(searchField(anna, pl)).toBeFocused();
    await searchField(anna, pl).fill('probki');
    await expect(hits(anna, pl)).toHaveCount(1);
    const hit = hits(anna, pl).first();
    await expect(hit).toContainText(question);
    await expect(hit).toContainText(LI.name);
    await expect(hit).toContainText('GMT+8');
    await expect(hit.locator('mark')).toHaveText(['próbki']);
    await expect(searchDialog(anna, pl).getByRole('group', { name: LI.name })).toBeVisible();
    await expect(searchDialog(anna, pl).getByRole('status')).toContainText(
      pl.search.found.replace('{{n}}', '1'),
    );
    mkdirSync('docs/screenshots', { recursive: true });
    await anna.screenshot({ path: 'docs/screenshots/search.png' });

    // The Chinese original: a word the segmenter may split, found and highlighted as typed.
    await searchField(anna, pl).fill('样品');
    await expect(hits(anna, pl)).toHaveCount(1);
    await expect(hits(anna, pl).first().locator('mark')).toHaveText(['样品']);
    await expect(hits(anna, pl).first()).toHaveAttribute('aria-selected', 'true');
    // Nothing else matches a word that was never written.
    await searchField(anna, pl).fill('faktura');
    await expect(searchDialog(anna, pl).getByRole('status')).toHaveText(pl.search.none);
    await searchField(anna, pl).fill('PROBKI gotowe');
    await expect(hits(anna, pl)).toHaveCount(1);

    // Enter opens the conversation at the message: scrolled into view and marked current.
    await searchField(anna, pl).press('Enter');
    await expect(searchDialog(anna, pl)).toHaveCount(0);
    await expect(conversationHeading(anna, LI.name)).toBeVisible();
    const target = bubble(anna, polish);
    await expect(target).toBeInViewport();
    await expect(target).toHaveAttribute('aria-current', 'true');

    // Ctrl+F searches this conversation only; ↑ goes to the older hit.
    await anna.keyboard.press('Control+f');
    const find = anna.getByRole('search', { name: pl.search.find }).getByRole('searchbox');
    await expect(find).toBeFocused();
    await find.fill('numer');
    const count = anna.getByRole('search', { name: pl.search.find }).getByRole('status');
    await expect(count).toHaveText(pl.search.findCount.replace('{{index}}', '24').replace('{{n}}', '24'));
    await expect(bubble(anna, 'Wiadomość numer 24')).toHaveAttribute('aria-current', 'true');
    for (let i = 0; i < 20; i++) await find.press('ArrowUp');
    await expect(count).toHaveText(pl.search.findCount.replace('{{index}}', '4').replace('{{n}}', '24'));
    const fourth = bubble(anna, 'Wiadomość numer 4');
    await expect(fourth).toHaveAttribute('aria-current', 'true');
    await expect(fourth).toBeInViewport();
    await find.press('ArrowDown');
    await expect(bubble(anna, 'Wiadomość numer 5')).toHaveAttribute('aria-current', 'true');
    await find.press('Escape');
    await expect(find).toHaveCount(0);

    // Reading in English: DeepL's machine translation is cached here and indexed as well.
    const readIn = anna.getByRole('combobox', { name: pl.translation.readInLabel });
    const values = await readIn
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const english = values.find((v) => /^en-us$/i.test(v)) ?? values.find((v) => /^en(-|$)/i.test(v));
    expect(english, `an English target among ${values.join(', ')}`).toBeDefined();
    await readIn.selectOption(english!);
    await expect(bubble(anna, 'Are the samples ready?')).toContainText(pl.translation.machine);
    await anna.keyboard.press('Control+k');
    await searchField(anna, pl).fill('sampl');
    await expect(hits(anna, pl)).toHaveCount(1);
    await expect(hits(anna, pl).first().locator('mark')).toHaveText(['samples']);
    await searchField(anna, pl).press('Escape');
    await expect(searchDialog(anna, pl)).toHaveCount(0);

    // The seller searches in Chinese, in a Chinese window, for part of a dictionary word.
    await li.getByRole('button', { name: zh.search.open }).click();
    await searchField(li, zh).fill('准备');
    await expect(hits(li, zh)).toHaveCount(1);
    await expect(hits(li, zh).first()).toContainText(zh.conversation.you);
    await expect(hits(li, zh).first().locator('mark').first()).toHaveText('准备');
    // A contact filter chip narrows to one conversation; removing it widens again.
    await searchDialog(li, zh).getByRole('button', { name: zh.search.addContact }).click();
    await searchDialog(li, zh).getByRole('combobox', { name: zh.search.contact }).selectOption(ANNA.id);
    const chip = zh.search.chipContact.replace('{{name}}', ANNA.name);
    await expect(searchDialog(li, zh).getByText(chip)).toBeVisible();
    await expect(hits(li, zh)).toHaveCount(1);
    await searchDialog(li, zh)
      .getByRole('button', { name: zh.search.remove.replace('{{name}}', chip) })
      .click();
    await expect(searchDialog(li, zh).getByText(chip)).toHaveCount(0);
  } finally {
    await annaCtx.close();
    await liCtx.close();
  }
});
