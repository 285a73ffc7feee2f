/**
 * Issue 4, end to end in Debian's Chromium, browser mode, against the DeepL-compatible peer
 * (test/peers/deepl): a Polish buyer in Warsaw and a Chinese seller in Shanghai each read the
 * other in their own language. The writer sees the preview and back-translation before sending;
 * the reader sees "translation approved by sender" with the original one click away; a
 * per-conversation reading language shows DeepL's machine translation with its label. Then the
 * peer answers 456 (quota exceeded): messages still flow, shown untranslated with a visible
 * state, and the composer keeps working. The writer's own bubbles tell what the partner was
 * shown: "sent as (…)" opens the approved translation; without one, a label says the partner reads
 * a machine translation (both in translation-buyer.png).
 */
import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { startDeeplPeer, type DeeplPeer } from '../peers/deepl';
import { type Messages, pl, zh } from '../../renderer/src/app/catalogues';
import { expect, startServer, test, type TradewindServer } from './fixtures';
import { addContact, bubble, composer, contactRow, signUp, type Person } from './ui';

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

const preview = (page: Page, t: Messages) => page.getByRole('region', { name: t.translation.preview });

/** Types a draft, waits for the preview (and back-translation) and sends it. */
async function sendWithPreview(
  page: Page,
  t: Messages,
  partner: string,
  text: string,
  into: string,
  back: string,
): Promise<void> {
  const box = composer(page, t, partner);
  await box.fill(text);
  await expect(preview(page, t)).toContainText(into);
  await expect(preview(page, t)).toContainText(back);
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(bubble(page, text)).toBeVisible();
}

test('a Polish buyer and a Chinese seller read each other in their own language; quota exceeded still delivers', async ({
  browser,
}) => {
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

    // Anna writes in Polish: she sees the Chinese and the back-translation before sending.
    const q = 'Jaka jest cena?';
    await sendWithPreview(anna, pl, LI.name, q, '价格是多少？', q);
    await expect(preview(anna, pl)).toHaveCount(0);
    // On her own bubble, what Li was shown is one click away: "sent as (Chinese)".
    const sentAs = bubble(anna, q).getByRole('button', {
      name: new RegExp(pl.translation.sentAs.replace(' ({{lang}})', '')),
    });
    await expect(sentAs).toHaveAttribute('aria-expanded', 'false');
    await expect(bubble(anna, q)).not.toContainText('价格是多少？');
    await sentAs.click();
    await expect(sentAs).toHaveAttribute('aria-expanded', 'true');
    await expect(bubble(anna, q)).toContainText('价格是多少？');

    // Li reads it in Chinese, marked as approved by the sender; the original is one click away.
    const forLi = bubble(li, '价格是多少？');
    await expect(forLi).toContainText(zh.translation.approved);
    await forLi.getByRole('button', { name: zh.translation.showOriginal }).click();
    await expect(bubble(li, q)).toContainText(zh.translation.original);
    await bubble(li, q).getByRole('button', { name: zh.translation.showTranslation }).click();
    await expect(bubble(li, '价格是多少？')).toBeVisible();

    // Li answers in Chinese; Anna reads Polish, approved by the sender.
    const a = '已收到付款。';
    await sendWithPreview(li, zh, ANNA.name, a, 'Płatność otrzymana.', a);
    const forAnna = bubble(anna, 'Płatność otrzymana.');
    await expect(forAnna).toContainText(pl.translation.approved);
    await forAnna.getByRole('button', { name: pl.translation.showOriginal }).click();
    await expect(bubble(anna, a)).toBeVisible();
    await bubble(anna, a).getByRole('button', { name: pl.translation.showTranslation }).click();

    // Reading this conversation in English: no approved English exists, so DeepL translates, labelled so.
    const readIn = anna.getByRole('combobox', { name: pl.translation.readInLabel });
    const values = await readIn
      .locator('option')
      .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const english = values.find((v) => /^en-us$/i.test(v)) ?? values.find((v) => /^en(-|$)/i.test(v));
    expect(english, `an English target among ${values.join(', ')}`).toBeDefined();
    const translatesBefore = peer.stats().translateRequests;
    await readIn.selectOption(english!);
    await expect(bubble(anna, 'Payment received.')).toContainText(pl.translation.machine);
    expect(peer.stats().translateRequests).toBeGreaterThan(translatesBefore);
    // "Show originals" for the whole conversation, then back.
    // (click, not check(): the box reflects IndexedDB, which updates a moment after the click)
    const originals = anna.getByRole('checkbox', { name: pl.translation.showOriginals });
    await originals.click();
    await expect(originals).toBeChecked();
    await expect(bubble(anna, a)).toContainText(pl.translation.original);
    await originals.click();
    await expect(originals).not.toBeChecked();
    await readIn.selectOption({ label: pl.translation.myLanguage.replace('{{lang}}', 'polski') });
    await expect(bubble(anna, 'Płatność otrzymana.')).toContainText(pl.translation.approved);
    // Back to English: answered from IndexedDB, no new DeepL request.
    const cachedBefore = peer.stats().requests;
    await readIn.selectOption(english!);
    await expect(bubble(anna, 'Payment received.')).toContainText(pl.translation.machine);
    expect(peer.stats().requests).toBe(cachedBefore);
    await readIn.selectOption({ label: pl.translation.myLanguage.replace('{{lang}}', 'polski') });

    // The seller's screenshot: approved translations both ways and a live preview under the composer.
    mkdirSync('docs/screenshots', { recursive: true });
    await composer(li, zh, ANNA.name).fill('可以寄样品吗？');
    await expect(preview(li, zh)).toContainText('Czy możecie wysłać próbkę?');
    await li.screenshot({ path: 'docs/screenshots/translation-seller.png' });
    await composer(li, zh, ANNA.name).fill('');

    // Quota exceeded: DeepL answers 456 from now on.
    peer.control({ mode: '456' });
    const q2 = '什么时候可以发货？';
    const box = composer(li, zh, ANNA.name);
    await box.fill(q2);
    await expect(preview(li, zh)).toContainText(zh.errors.quota_exceeded);
    // Not frozen: the draft can still be edited and sent.
    await expect(box).toBeEditable();
    await box.press('Enter');
    await expect(box).toHaveValue('');
    await expect(bubble(li, q2)).toBeVisible();
    // Anna gets it at once, in the original, with a visible "not translated" state.
    await expect(bubble(anna, q2)).toContainText(pl.translation.notTranslatedQuota);

    // Anna answers during the outage too; Li receives it untranslated, marked so.
    const r2 = 'Dziękuję, czekam na odpowiedź';
    const annaBox = composer(anna, pl, LI.name);
    await annaBox.fill(r2);
    await expect(preview(anna, pl)).toContainText(pl.errors.quota_exceeded);
    await annaBox.press('Enter');
    await expect(annaBox).toHaveValue('');
    await expect(bubble(li, r2)).toContainText(zh.translation.notTranslatedQuota);
    // Sent without an approved translation: Anna's bubble says Li reads DeepL's machine translation.
    await expect(bubble(anna, r2)).toContainText(pl.translation.sentMachine.split(' · ')[0]!);

    await anna.screenshot({ path: 'docs/screenshots/translation-buyer.png' });
  } finally {
    peer.control({ mode: 'normal' });
    await annaCtx.close();
    await liCtx.close();
  }
});
