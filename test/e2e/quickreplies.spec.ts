/**
 * Quick replies (issue 11), end to end in Debian's Chromium, browser mode, against the
 * DeepL-compatible peer (test/peers/deepl): a seller in Shanghai saves replies in Settings; in the
 * chat with a Polish buyer in Warsaw who mentioned an order, `/` offers them filtered as typed,
 * Enter inserts one with `{name}`, `{order}` and `{me}` filled in, the translation preview into
 * Polish follows, Enter sends, and the buyer receives it. Esc closes the list and leaves the `/`;
 * the tool button opens the same list with a search field. A second device of the seller, signed
 * in afterwards, has the same replies, and a deletion there reaches the first device's composer
 * at once. Offline, the replies still work, and one saved meanwhile reaches the other device once
 * the connection is back. The list and the Settings section have no serious axe finding. The `/`
 * list is photographed for README (docs/screenshots/quick-replies.png).
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { startDeeplPeer, type DeeplPeer } from '../peers/deepl';
import { en, pl, type Messages } from '../../renderer/src/app/catalogues';
import { expect, startServer, test, type TradewindServer } from './fixtures';
import { addContact, bubble, composer, contactRow, signIn, signUp, type Person } from './ui';

const SELLER: Person = {
  id: 'qr-li',
  name: 'Li Wei',
  company: 'Yiwu Bright Trading',
  role: 'seller',
  password: 'quick replies seller 1',
};
const BUYER: Person = {
  id: 'qr-anna',
  name: 'Anna Kowalska',
  company: 'Kowalski Import',
  role: 'buyer',
  password: 'quick replies buyer 1',
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

const Q = en.quickReplies;
const rail = (page: Page, t: Messages) => page.getByRole('navigation', { name: t.rail.label });
const picker = (page: Page) => page.getByRole('listbox', { name: Q.picker });
const preview = (page: Page, t: Messages) => page.getByRole('region', { name: t.translation.preview });

/** Opens Settings › Quick replies (English window). */
async function openQuickReplies(page: Page): Promise<void> {
  await rail(page, en).getByRole('button', { name: en.rail.settings }).click();
  await page
    .getByRole('navigation', { name: en.settings.title })
    .getByRole('button', { name: Q.title })
    .click();
  await expect(page.getByRole('heading', { name: Q.title, level: 3 })).toBeVisible();
}

/** Saves a new reply from the Settings form and waits for it in the list. */
async function addReply(page: Page, name: string, text: string): Promise<void> {
  const form = page.getByRole('form', { name: Q.add });
  await form.getByRole('textbox', { name: Q.name, exact: true }).fill(name);
  await form.getByRole('textbox', { name: Q.text, exact: true }).fill(text);
  await form.getByRole('button', { name: Q.addButton, exact: true }).click();
  await expect(savedList(page).getByRole('listitem').filter({ hasText: name })).toBeVisible();
}

const savedList = (page: Page) => page.getByRole('list', { name: Q.list });

/** Serious or critical accessibility findings inside `selector`, as lines (none expected). */
async function axe(page: Page, selector: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).include(selector).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
}

test('a seller saves quick replies, inserts one with / (placeholders filled, preview in Polish), sends it; another device has them', async ({
  browser,
}) => {
  // Three windows and a translation peer on a machine shared by many test runs: more than the default 90 s.
  test.setTimeout(360_000);
  const sellerCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'en-GB' });
  const buyerCtx = await browser.newContext({ timezoneId: 'Europe/Warsaw', locale: 'pl-PL' });
  const secondCtx = await browser.newContext({ timezoneId: 'Asia/Hong_Kong', locale: 'en-GB' });
  try {
    const li = await sellerCtx.newPage();
    const anna = await buyerCtx.newPage();
    await signUp(li, SELLER, { t: en, open: server.url });
    await signUp(anna, BUYER, { t: pl, open: server.url });
    await addContact(anna, pl, SELLER.id);
    await expect(contactRow(anna, pl, SELLER.name)).toBeVisible();
    await addContact(li, en, BUYER.id);
    await expect(contactRow(li, en, BUYER.name)).toBeVisible();

    // The buyer asks about her order, with the order attached.
    await contactRow(anna, pl, SELLER.name).click();
    const E = pl.evidence;
    await anna.getByRole('button', { name: E.attachOrder }).click();
    const form = anna.getByRole('group', { name: E.orderForm });
    await form.getByRole('textbox', { name: E.orderNo }).fill('TW-8123');
    await form.getByRole('button', { name: E.addOrder }).click();
    await expect(form).toBeHidden();
    const question = 'Kiedy wysyłka?';
    await composer(anna, pl, SELLER.name).fill(question);
    await composer(anna, pl, SELLER.name).press('Enter');
    await expect(bubble(anna, question)).toBeVisible();

    // The seller saves two replies in Settings; a name left empty is refused first.
    await openQuickReplies(li);
    await expect(li.getByText(Q.none)).toBeVisible();
    const newForm = li.getByRole('form', { name: Q.add });
    await newForm.getByRole('textbox', { name: Q.text, exact: true }).fill('No name yet');
    await newForm.getByRole('button', { name: Q.addButton, exact: true }).click();
    await expect(newForm.getByText(Q.nameRequired)).toBeVisible();
    await newForm.getByRole('textbox', { name: Q.text, exact: true }).fill('');
    const shipping = 'Dear {name}, order {order} ships by sea within 15 days. Best regards, {me}';
    await addReply(li, 'Shipping terms', shipping);
    await addReply(li, 'MOQ', 'Our MOQ is 500 pieces, {name}.');
    await expect(savedList(li).getByRole('listitem')).toHaveCount(2);
    expect(await axe(li, '.settings-body')).toEqual([]);

    // In the chat, `/` offers both; typing filters; Esc closes and leaves the text alone.
    await rail(li, en).getByRole('button', { name: en.rail.chats }).click();
    await contactRow(li, en, BUYER.name).click();
    await expect(bubble(li, question)).toBeVisible();
    const box = composer(li, en, BUYER.name);
    await box.click();
    await box.press('/');
    await expect(picker(li).getByRole('option')).toHaveText([/^MOQ/, /^Shipping terms/]);
    mkdirSync('docs/screenshots', { recursive: true });
    await li.screenshot({ path: 'docs/screenshots/quick-replies.png' });
    expect(await axe(li, '.composer')).toEqual([]);
    await box.press('Escape');
    await expect(picker(li)).toBeHidden();
    await expect(box).toHaveValue('/');
    await box.press('Backspace');
    await box.pressSequentially('/sh');
    await expect(picker(li).getByRole('option')).toHaveCount(1);
    const option = picker(li).getByRole('option', { name: /Shipping terms/ });
    await expect(option).toHaveAttribute('aria-selected', 'true');
    await expect(box).toHaveAttribute('aria-activedescendant', (await option.getAttribute('id'))!);

    // Enter inserts it, filled in; the preview shows what Anna will read, in Polish.
    await box.press('Enter');
    await expect(picker(li)).toBeHidden();
    const filled = `Dear ${BUYER.name}, order TW-8123 ships by sea within 15 days. Best regards, ${SELLER.name}`;
    await expect(box).toHaveValue(filled);
    await expect(preview(li, en)).toContainText(`[PL] ${filled}`);
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(bubble(li, filled)).toBeVisible();

    // Anna receives it, translated for her and approved by the sender.
    const received = bubble(anna, `[PL] ${filled}`);
    await expect(received).toBeVisible();
    await expect(received).toContainText(pl.translation.approved);

    // The tool button opens the same list with a search field; Enter inserts at the caret.
    await li.getByRole('button', { name: Q.open }).click();
    const search = li.getByRole('combobox', { name: Q.filter });
    await expect(search).toBeFocused();
    await search.fill('moq');
    await expect(picker(li).getByRole('option')).toHaveText([/^MOQ/]);
    await search.press('Enter');
    await expect(box).toHaveValue(`Our MOQ is 500 pieces, ${BUYER.name}.`);
    await expect(box).toBeFocused();
    await box.fill('');

    // Another device of the seller, signed in now, has the same replies.
    const second = await secondCtx.newPage();
    await signIn(second, SELLER, { t: en, open: server.url });
    await openQuickReplies(second);
    await expect(savedList(second).getByRole('listitem')).toHaveCount(2);
    await expect(savedList(second)).toContainText('Shipping terms');
    await expect(savedList(second)).toContainText(shipping);

    // A deletion there reaches the first device at once: `/` offers only the other reply.
    await second.getByRole('button', { name: Q.deleteNamed.replace('{{name}}', 'MOQ') }).click();
    await expect(savedList(second).getByRole('listitem')).toHaveCount(1);
    await box.press('/');
    await expect(picker(li).getByRole('option')).toHaveText([/^Shipping terms/]);
    await box.press('Escape');
    await box.fill('');

    // Offline, the replies still work (IndexedDB), and one saved meanwhile waits, marked, until
    // the connection is back; then the other device has it.
    await sellerCtx.setOffline(true);
    await expect(li.getByRole('status').filter({ hasText: en.banner.offline })).toBeVisible();
    await box.press('/');
    await expect(picker(li).getByRole('option')).toHaveText([/^Shipping terms/]);
    await box.press('Escape');
    await box.fill('');
    await openQuickReplies(li);
    await addReply(li, 'Samples', 'Samples are free, {name}; you pay the courier.');
    const samples = savedList(li).getByRole('listitem').filter({ hasText: 'Samples' });
    await expect(samples).toContainText(Q.pending);
    await expect(savedList(second).getByRole('listitem')).toHaveCount(1);
    await sellerCtx.setOffline(false);
    await expect(samples).not.toContainText(Q.pending);
    await expect(savedList(second).getByRole('listitem').filter({ hasText: 'Samples' })).toBeVisible();
  } finally {
    await sellerCtx.close();
    await buyerCtx.close();
    await secondCtx.close();
  }
});
