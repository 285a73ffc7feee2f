/**
 * The main screens in Arabic, Persian and Romanian (and English), checked by machine (issue 12):
 * nothing clipped or spilling out (element bounds against the box that clips them, text against
 * its own box, placeholders against their field), axe-core with no serious or critical finding in
 * light and dark, left-to-right and right-to-left, and a console without a single error from the
 * first load on. The screenshots go to docs/screenshots/ and are looked at.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { catalogues, type Messages } from '../../renderer/src/app/strings';
import { expect, test } from './fixtures';
import { addContact, bubble, send, signUp, type Person } from './ui';

const BUYER: Person = {
  id: 'mina-thr',
  name: 'Mina Rahimi',
  company: 'Rahimi Home & Kitchen Import',
  password: 'a long enough password',
};
const SELLER: Person = {
  id: 'li-screens', // unique across specs: files share one worker-scoped server
  name: 'Li Wei',
  company: 'Yiwu Bright Trading Co., Ltd.',
  role: 'seller',
  password: 'a long enough password',
};

/** Everything on screen that is cut off or spills out, described for the failure message. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const found: string[] = [];
    const name = (el: Element): string =>
      `${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? '.' + el.className.split(' ').join('.') : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`;
    const canvas = document.createElement('canvas').getContext('2d')!;
    for (const el of document.body.querySelectorAll<HTMLElement>('*')) {
      const style = getComputedStyle(el);
      const rect = el.getBoundingClientRect();
      if (rect.width < 2 || rect.height < 2 || style.visibility === 'hidden') continue;
      if (style.position === 'absolute' && style.clip !== 'auto') continue; // visually hidden
      const ellipsis = style.textOverflow === 'ellipsis';
      // Outside the window.
      if (rect.right > innerWidth + 1 || rect.left < -1) found.push(`off-screen: ${name(el)}`);
      // Text wider than its own box that clips it (a button, a heading, a chip).
      if (
        !ellipsis &&
        ['hidden', 'clip'].includes(style.overflowX) &&
        el.scrollWidth > el.clientWidth + 1 &&
        !(
          el instanceof HTMLInputElement ||
          el instanceof HTMLTextAreaElement ||
          el instanceof HTMLSelectElement
        )
      )
        found.push(`text clipped: ${name(el)}`);
      // A placeholder longer than its field.
      if (el instanceof HTMLInputElement && el.placeholder && !el.value) {
        canvas.font = style.font;
        const room = el.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
        if (canvas.measureText(el.placeholder).width > room + 1)
          found.push(`placeholder clipped: ${name(el)} ${el.placeholder}`);
      }
      // Spilling out of the nearest ancestor that clips without scrolling.
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const ps = getComputedStyle(p);
        if (ps.overflowX === 'visible' && ps.overflowY === 'visible') continue;
        if (['auto', 'scroll'].includes(ps.overflowX) || ['auto', 'scroll'].includes(ps.overflowY)) break;
        if (ps.textOverflow === 'ellipsis') break;
        const pr = p.getBoundingClientRect();
        if (rect.left < pr.left - 1 || rect.right > pr.right + 1)
          found.push(`spills out of ${name(p)}: ${name(el)}`);
        break;
      }
    }
    return found;
  });
}

async function axe(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  const bad = result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) =>
        `${label}: ${v.id} (${v.impact}) × ${v.nodes.length}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(' '))
          .join(' | ')}`,
    );
  return bad;
}

test('main screens in ar, fa, ro (and en): nothing clipped, axe clean light and dark, console clean', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000);
  const buyerCtx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Asia/Tehran' });
  const sellerCtx = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  const errors: string[] = [];
  const problems: string[] = [];
  try {
    const page = await buyerCtx.newPage();
    page.on(
      'console',
      (m) => m.type() === 'error' && errors.push(`console: ${m.text()} @ ${m.location().url}`),
    );
    page.on('pageerror', (e) => errors.push(`page: ${e.message}`));
    // What a CSP violation was about (the console only says which directive applied).
    await page.addInitScript(() =>
      document.addEventListener('securitypolicyviolation', (e) =>
        console.error(
          `CSP ${e.effectiveDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber} ${e.sample}`,
        ),
      ),
    );
    page.on('response', (r) => r.status() >= 400 && errors.push(`HTTP ${r.status()} ${r.url()}`));
    const seller = await sellerCtx.newPage();
    const en = catalogues.en;
    await signUp(page, BUYER, { t: en, open: server.url });
    await signUp(seller, SELLER, { t: catalogues.zh, open: server.url });
    await addContact(page, en, SELLER.id);
    await addContact(seller, catalogues.zh, BUYER.id);
    await send(page, en, SELLER.name, 'Is the 500-piece MOQ firm? We would start with 300.');
    await send(seller, catalogues.zh, BUYER.name, '最低起订量可以降到300件。');
    await expect(bubble(page, '最低起订量')).toBeVisible();

    for (const lang of ['en', 'ro', 'ar', 'fa'] as const) {
      const t: Messages = catalogues[lang];
      await page.evaluate((l) => localStorage.setItem('tradewind.language', l), lang);
      await page.reload();
      await expect(page.locator('html')).toHaveAttribute(
        'dir',
        lang === 'ar' || lang === 'fa' ? 'rtl' : 'ltr',
      );
      await expect(bubble(page, '最低起订量')).toBeVisible();
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        problems.push(...(await axe(page, `${lang} ${scheme} main`)));
      }
      await page.emulateMedia({ colorScheme: 'light' });
      problems.push(...(await overflowing(page)).map((p) => `${lang} main: ${p}`));
      if (lang !== 'en') await page.screenshot({ path: `docs/screenshots/main-${lang}.png` });

      await page
        .getByRole('navigation', { name: t.rail.label })
        .getByRole('button', { name: t.rail.settings })
        .click();
      await expect(page.getByRole('navigation', { name: t.settings.title })).toBeVisible();
      problems.push(...(await axe(page, `${lang} settings`)));
      problems.push(...(await overflowing(page)).map((p) => `${lang} settings: ${p}`));
      if (lang !== 'en') await page.screenshot({ path: `docs/screenshots/settings-${lang}.png` });
      await page
        .getByRole('navigation', { name: t.rail.label })
        .getByRole('button', { name: t.rail.chats })
        .click();
    }
    expect(problems).toEqual([]);
    expect(errors).toEqual([]);
  } finally {
    await buyerCtx.close();
    await sellerCtx.close();
  }
});
