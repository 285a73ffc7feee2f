/**
 * Issue 5, end to end in Debian's Chromium, browser mode: a buyer sends the seller a photo and an
 * order reference; the seller sees the photo inline (and full size) and the order chip; the buyer
 * exports the order as evidence, and the downloaded bundle passes the real verifier while a
 * tampered copy fails. Deep links from the page URL: a hostile one is refused with a message and
 * opens nothing; a valid one opens the conversation with the order in the composer.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { verifyZip } from '../../shared/evidence/verify';
import { en } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import { addContact, bubble, composer, contactRow, conversationHeading, signUp, type Person } from './ui';

const t = en;
const E = en.evidence;
const fill = (s: string, v: Record<string, string | number>): string =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));

const BUYER: Person = {
  id: 'anna-buyer',
  name: 'Anna Kowalska',
  company: 'Kowalski Import',
  role: 'buyer',
  password: 'correct horse 9',
};
const SELLER: Person = {
  id: 'li-seller',
  name: 'Li Wei',
  company: 'Yiwu Bright Trading',
  role: 'seller',
  password: 'correct horse 9',
};

/** A real PNG (w×h, solid colour with a stripe), made here so the test needs no fixture file. */
function makePng(w: number, h: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer): number => {
    let c = 0xffffffff;
    for (const x of b) c = (crcTable[(c ^ x) & 0xff] as number) ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer): Buffer => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const c = Buffer.alloc(4);
    c.writeUInt32BE(crc(td));
    return Buffer.concat([len, td, c]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: number[] = [];
  for (let y = 0; y < h; y++) {
    rows.push(0);
    for (let x = 0; x < w; x++) rows.push(...(y % 20 < 10 ? [230, 120, 20] : [20, 110, 110]));
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const CHIP = 'Order #8123 · LED strip ×300';

test('photo and order between buyer and seller; the order exports as evidence that verifies; deep links', async ({
  browser,
  server,
}) => {
  const buyerCtx = await browser.newContext({
    timezoneId: 'Europe/Warsaw',
    locale: 'en-US',
    acceptDownloads: true,
  });
  const sellerCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'en-US' });
  const work = mkdtempSync(join(tmpdir(), 'tradewind-evidence-e2e-'));
  try {
    const buyer = await buyerCtx.newPage();
    const seller = await sellerCtx.newPage();
    await signUp(buyer, BUYER, { t, open: server.url });
    await signUp(seller, SELLER, { t, open: server.url });
    // Each adds the other and opens the conversation with them.
    for (const [page, other] of [
      [buyer, SELLER],
      [seller, BUYER],
    ] as const) {
      await addContact(page, t, other.id);
      await contactRow(page, t, other.name).click();
      await expect(conversationHeading(page, other.name)).toBeVisible();
    }

    // The buyer picks a photo with the file picker…
    const png = makePng(120, 80);
    const chooser = buyer.waitForEvent('filechooser');
    await buyer.getByRole('button', { name: E.attach }).click();
    await (await chooser).setFiles({ name: 'strip-photo.png', mimeType: 'image/png', buffer: png });
    const drafts = buyer.getByRole('list', { name: E.attached });
    await expect(drafts.getByRole('listitem').filter({ hasText: 'strip-photo.png' })).toBeVisible();

    // …and an order reference; a wrong quantity is refused first.
    await buyer.getByRole('button', { name: E.attachOrder }).click();
    const form = buyer.getByRole('group', { name: E.orderForm });
    await form.getByRole('textbox', { name: E.orderNo }).fill('8123');
    await form.getByRole('textbox', { name: E.title }).fill('LED strip');
    await form.getByRole('textbox', { name: E.quantity }).fill('three hundred');
    await form.getByRole('button', { name: E.addOrder }).click();
    await expect(form.getByRole('alert')).toHaveText(E.badQuantity);
    await form.getByRole('textbox', { name: E.quantity }).fill('300');
    await form.getByRole('button', { name: E.addOrder }).click();
    await expect(form).toBeHidden();

    const text = 'Here is what arrived: IP20 instead of IP65.';
    await composer(buyer, t, SELLER.name).fill(text);
    await composer(buyer, t, SELLER.name).press('Enter');
    await expect(drafts).toBeHidden();
    const mine = bubble(buyer, text);
    await expect(mine.getByRole('img', { name: fill(E.photo, { name: 'strip-photo.png' }) })).toBeVisible();
    await expect(mine).toContainText(CHIP);
    await expect(
      mine
        .getByRole('img', { name: t.ticks.sent })
        .or(mine.getByRole('img', { name: t.ticks.delivered }))
        .or(mine.getByRole('img', { name: t.ticks.read })),
    ).toBeVisible();

    // The seller sees the photo inline (fetched with the session, cached) and the order chip.
    const theirs = bubble(seller, text);
    const photo = theirs.getByRole('img', { name: fill(E.photo, { name: 'strip-photo.png' }) });
    await expect(photo).toBeVisible();
    expect(await photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
    await expect(theirs).toContainText(CHIP);
    // Full size in a dialog; Escape closes it.
    await theirs.getByRole('button', { name: fill(E.openPhoto, { name: 'strip-photo.png' }) }).click();
    const viewer = seller.getByRole('dialog', { name: fill(E.viewer, { name: 'strip-photo.png' }) });
    await expect(viewer).toBeVisible();
    await expect(viewer).toContainText('120×80');
    await seller.keyboard.press('Escape');
    await expect(viewer).toBeHidden();

    // A second message without an order, so the order export has something to leave out.
    await composer(seller, t, BUYER.name).fill('We will check with the factory.');
    await composer(seller, t, BUYER.name).press('Enter');
    await expect(bubble(buyer, 'We will check with the factory.')).toBeVisible();

    // Filter by order from the right panel.
    await buyer.getByRole('button', { name: fill(E.filterBy, { orderNo: '8123' }) }).click();
    await expect(bubble(buyer, 'We will check with the factory.')).toHaveCount(0);
    await expect(bubble(buyer, text)).toBeVisible();
    mkdirSync('docs/screenshots', { recursive: true });
    await buyer.screenshot({ path: 'docs/screenshots/photos-orders.png' });
    await buyer.getByRole('button', { name: E.allMessages }).click();
    await expect(bubble(buyer, 'We will check with the factory.')).toBeVisible();

    // Export the order as evidence.
    await buyer.getByRole('button', { name: E.exportButton }).click();
    const dialog = buyer.getByRole('dialog', { name: E.exportTitle });
    await dialog.getByRole('radio', { name: E.scopeOrder }).check();
    await expect(dialog.getByRole('combobox', { name: E.orderNo })).toHaveValue('8123');
    await expect(dialog).toContainText(fill(E.inScope, { count: 1 }));
    await dialog
      .getByRole('textbox', { name: E.claim })
      .fill('Item not as described: IP20 delivered instead of IP65.');
    await dialog.getByRole('textbox', { name: E.disputeId }).fill('DSP-2025-77');
    const download = buyer.waitForEvent('download');
    await dialog.getByRole('button', { name: E.export }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^li-seller-8123-\d{4}-\d{2}-\d{2}\.tradewind-evidence\.zip$/);
    await expect(dialog.getByRole('status').filter({ hasText: /^✔/ })).toContainText(
      'Verified — 1 message, 1 attachment, signed by server key',
    );
    await expect(dialog.getByRole('button', { name: E.print })).toBeVisible();
    await dialog.screenshot({ path: 'docs/screenshots/export-dialog.png' });
    const path = join(work, file.suggestedFilename());
    await file.saveAs(path);

    // The real verifier: the library and the command line.
    const zip = new Uint8Array(readFileSync(path));
    const result = verifyZip(zip);
    expect(result.problems).toEqual([]);
    expect(result.summary?.messages).toBe(1);
    expect(result.summary?.attachmentsIncluded).toBe(1);
    const out = execFileSync('node', ['scripts/verify.mjs', path], { encoding: 'utf8' });
    expect(out).toMatch(/^OK/m);

    // A tampered copy fails: the message text edited in evidence.json.
    const files = unzipSync(zip);
    const ev = JSON.parse(strFromU8(files['evidence.json'] as Uint8Array)) as {
      messages: { text: string }[];
    };
    (ev.messages[0] as { text: string }).text = 'Here is what arrived: IP65 as ordered.';
    files['evidence.json'] = strToU8(JSON.stringify(ev, null, 2) + '\n');
    const tampered = join(work, 'tampered.zip');
    writeFileSync(tampered, zipSync(files));
    expect(verifyZip(new Uint8Array(readFileSync(tampered))).problems.map((p) => p.code)).toContain(
      'message_hash',
    );
    const bad = spawnSync('node', ['scripts/verify.mjs', tampered], { encoding: 'utf8' });
    expect(bad.status).toBe(1);
    expect(bad.stdout + bad.stderr).not.toMatch(/^OK/m);
    await buyer.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // Deep links in the browser route. Hostile input: refused with a message, nothing opened.
    const hostile = await buyerCtx.newPage();
    await hostile.goto(`${server.url}/#/chat?with=${SELLER.id}&order=%3Cscript%3Ealert(1)%3C/script%3E`);
    await expect(
      hostile.getByRole('alert').filter({ hasText: fill(E.deepLinkRefused, { reason: '' }).trim() }),
    ).toBeVisible();
    await expect(hostile.getByText(t.conversation.none)).toBeVisible();
    await expect(hostile.getByRole('group', { name: E.orderForm })).toHaveCount(0);
    await hostile.close();

    // A valid "Chat now" link opens the conversation with the order in the composer.
    const chatNow = await buyerCtx.newPage();
    const link = `tradewind://chat?with=${SELLER.id}&order=9001&product=LED-5050`;
    await chatNow.goto(`${server.url}/?open=${encodeURIComponent(link)}`);
    await expect(chatNow.getByRole('heading', { level: 2, name: new RegExp(SELLER.name) })).toBeVisible();
    await expect(chatNow.locator('.composer-order')).toContainText('Order #9001 · LED-5050');
    await expect(chatNow.getByRole('button', { name: E.removeOrder })).toBeVisible();
    await chatNow.close();
  } finally {
    await buyerCtx.close();
    await sellerCtx.close();
  }
});
