/**
 * The composer's draft alert (a file whose bytes are gone, drafts.spec) and the jump bar (first
 * unread, go to date, back to latest) as a user sees them, in English and Arabic (right to left),
 * at the desktop window's size and a small laptop's: screenshots to test-results/ to look at, and
 * the layout checked by machine — the jump bar's parts in reading order (mirrored in Arabic), none
 * overlapping or cut, the alert inside the composer and its file named whole.
 */
import { createHash } from 'node:crypto';
import type { Locator } from '@playwright/test';
import { catalogues, type Messages } from '../../renderer/src/app/catalogues';
import { call, PASSWORD, signIn } from '../helpers/client';
import { expect, seed, startServer, test } from './fixtures';
import { bubble, composer, contactRow, conversationHeading, loseBytes } from './ui';

const BUYER = 'screens-jump-buyer';
const SELLER = 'screens-jump-seller';
const fill = (s: string, v: Record<string, string>): string =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k] ?? '');
const sha256 = (b: Buffer): string => createHash('sha256').update(b).digest('hex');
const PHOTO = {
  // No place to break a line: the alert naming it must wrap it, not widen the composer.
  name: 'IMG_20261206_carton_damage_photo_from_the_warehouse_in_ningbo_port_before_loading_container_7.png',
  mimeType: 'image/png',
  buffer: Buffer.from(
    'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAAAElFTkSuQmCC',
    'base64',
  ),
};
const PDF = {
  name: 'عرض سعر 8123.pdf',
  mimeType: 'application/pdf',
  buffer: Buffer.from('%PDF-1.4\n% quotation\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n'),
};

/** Problems of a row of controls: overlaps, parts cut or outside it, and their order on screen. */
async function rowProblems(row: Locator, rtl: boolean): Promise<string[]> {
  return row.evaluate((el, isRtl) => {
    const found: string[] = [];
    const box = el.getBoundingClientRect();
    const parts = [...el.children].map((c) => ({ c, r: c.getBoundingClientRect() }));
    for (const { c, r } of parts) {
      const label = `${c.tagName} “${(c.textContent ?? '').trim()}”`;
      if (r.left < box.left - 1 || r.right > box.right + 1) found.push(`outside the row: ${label}`);
      for (const d of c.querySelectorAll<HTMLElement>('*'))
        if (d.scrollWidth > d.clientWidth + 1 && getComputedStyle(d).overflowX !== 'visible')
          found.push(`cut: ${label}`);
    }
    for (let i = 1; i < parts.length; i++) {
      const a = parts[i - 1]!.r;
      const b = parts[i]!.r;
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
        found.push(`overlap: ${parts[i - 1]!.c.tagName} and ${parts[i]!.c.tagName}`);
      // Reading order: left to right, or right to left when mirrored (same line only).
      if (Math.abs(a.top - b.top) < a.height / 2 && (isRtl ? b.right > a.left + 1 : b.left < a.right - 1))
        found.push(`not in reading order: ${parts[i - 1]!.c.tagName} then ${parts[i]!.c.tagName}`);
    }
    return found;
  }, rtl);
}

/** The alert stays inside the composer and shows all of its text (nothing cut or spilling). */
async function insideComposer(alert: Locator): Promise<string[]> {
  return alert.evaluate((el) => {
    const form = el.closest('form')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    const found: string[] = [];
    if (r.left < form.left - 1 || r.right > form.right + 1) found.push('outside the composer');
    if (el.scrollWidth > el.clientWidth + 1)
      found.push(`text ${el.scrollWidth - el.clientWidth}px wider than it`);
    return found;
  });
}

test('the draft alert and the jump bar in English and Arabic: mirrored, nothing cut or overlapping', async ({
  browser,
}) => {
  test.setTimeout(600_000);
  const { server, stop } = await startServer([], { TRADEWIND_SEND_RATE: '0' }, (dataDir) =>
    seed(dataDir, ['history', '--between', `${BUYER},${SELLER}`, '--messages', '400', '--unread', '0']),
  );
  const { socket: buyer } = await signIn(server.url, BUYER);
  const ctx = await browser.newContext({
    locale: 'en-US',
    timezoneId: 'Asia/Shanghai',
    deviceScaleFactor: 2,
  });
  const problems: string[] = [];
  try {
    const page = await ctx.newPage();
    await page.goto(server.url);
    const en = catalogues.en;
    await page.getByRole('textbox', { name: en.auth.memberId }).fill(SELLER);
    await page.getByLabel(en.auth.password).fill(PASSWORD);
    await page.getByRole('button', { name: en.auth.submitSignIn, exact: true }).click();
    await expect(contactRow(page, en, BUYER)).toBeVisible({ timeout: 120_000 });

    for (const lang of ['en', 'ar'] as const) {
      const t: Messages = catalogues[lang];
      // Away from the conversation, the buyer writes: unread when it opens.
      await page.evaluate((l) => localStorage.setItem('tradewind.language', l), lang);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute('dir', lang === 'ar' ? 'rtl' : 'ltr');
      const away: string[] = [];
      for (let i = 1; i <= 25; i++) {
        const text = `${lang} while you were away ${i}`;
        await call(buyer, 'message:send', {
          to: SELLER,
          clientId: crypto.randomUUID(),
          text,
          attachments: [],
        });
        away.push(text);
      }
      await contactRow(page, t, BUYER).click();
      await expect(conversationHeading(page, BUYER)).toBeVisible();
      await expect(bubble(page, away.at(-1)!)).toBeInViewport({ timeout: 120_000 });

      // The draft: two files, the photo's bytes then lost; the conversation opened again.
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: t.evidence.attach }).click();
      await (await chooser).setFiles([PHOTO, PDF]);
      const attached = page.getByRole('list', { name: t.evidence.attached }).getByRole('listitem');
      // Both stored (a file being read shows as a "loading" item of the list meanwhile).
      await expect(attached.filter({ hasText: PHOTO.name })).toBeVisible();
      await expect(attached.filter({ hasText: PDF.name })).toBeVisible();
      await composer(page, t, BUYER).fill(lang === 'ar' ? 'الصورة وعرض السعر' : 'The photo and the quote');
      await loseBytes(page, sha256(PHOTO.buffer));
      // Unread again for the jump bar after the reload: more from the buyer while it is closed.
      await page
        .getByRole('navigation', { name: t.rail.label })
        .getByRole('button', { name: t.rail.settings })
        .click();
      for (let i = 26; i <= 30; i++)
        await call(buyer, 'message:send', {
          to: SELLER,
          clientId: crypto.randomUUID(),
          text: `${lang} while you were away ${i}`,
          attachments: [],
        });
      // All five stored before the reload (the window's title carries the unread total): one still
      // arriving after the click on "First unread" would be a new first unread, and the button
      // would rightly come back for it.
      await expect(page).toHaveTitle(/^\(5\) /, { timeout: 60_000 });
      await page.reload();
      await page
        .getByRole('navigation', { name: t.rail.label })
        .getByRole('button', { name: t.rail.chats })
        .click();
      await contactRow(page, t, BUYER).click();
      const alert = page
        .getByRole('alert')
        .filter({ hasText: fill(t.draft.notRestored, { name: `\u2068${PHOTO.name}\u2069` }) });
      await expect(alert).toBeVisible();
      const jump = page.locator('.jump-bar');
      // The count is in the language's digits: the label up to it.
      const firstUnread = jump.getByRole('button', {
        name: t.conversation.firstUnread.split('{{count}}')[0],
      });
      await expect(firstUnread).toBeVisible();
      await firstUnread.click();
      await expect(jump.getByRole('button', { name: t.conversation.latest, exact: true })).toBeVisible();
      // Used, it stays gone, also while those messages are still unread (it came back in English).
      await expect(firstUnread).toHaveCount(0);

      for (const size of [
        { width: 1280, height: 800 },
        { width: 1024, height: 700 },
      ]) {
        await page.setViewportSize(size);
        const at = `${lang} ${size.width}`;
        problems.push(...(await rowProblems(jump, lang === 'ar')).map((p) => `${at} jump bar: ${p}`));
        problems.push(...(await insideComposer(alert)).map((p) => `${at} alert: ${p}`));
        await page.screenshot({ path: `test-results/composer-${lang}-${size.width}.png` });
        await page
          .locator('.conversation')
          .screenshot({ path: `test-results/conversation-${lang}-${size.width}.png` });
        await jump.screenshot({ path: `test-results/jump-${lang}-${size.width}.png` });
        await page
          .locator('form.composer')
          .screenshot({ path: `test-results/composer-form-${lang}-${size.width}.png` });
      }
      await page.setViewportSize({ width: 1280, height: 800 });
      // Clean up for the next language: the quote out of the draft, the text sent.
      await page.getByRole('button', { name: fill(t.evidence.removeAttachment, { name: PDF.name }) }).click();
      await expect(attached).toHaveCount(0);
    }
    expect(problems).toEqual([]);
  } finally {
    buyer.close();
    await ctx.close();
    await stop();
  }
});
