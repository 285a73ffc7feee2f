/**
 * The away auto-reply (issue 11), end to end in Debian's Chromium, browser mode, on a server with
 * no DeepL key: a seller in Shanghai publishes hours that are closed right now, writes an away
 * text in Settings › Auto-reply and turns it on, then closes the app. A buyer in Warsaw, whose
 * window speaks Polish, writes; the server answers for the seller: the bubble says "Automatic
 * reply" in Polish and when the seller is back on the buyer's own clock (computed here from the
 * hours, not from the wall clock), above the seller's text as written. Photographed for README
 * (docs/screenshots/away-reply.png).
 */
import type { Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { en, pl, type Messages } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import { addContact, bubble, composer, contactRow, signUp, type Person } from './ui';

const SELLER: Person = {
  id: 'aw-li',
  name: 'Li Wei',
  company: 'Yiwu Bright Trading',
  role: 'seller',
  password: 'away reply seller 1',
};
const BUYER: Person = {
  id: 'aw-anna',
  name: 'Anna Kowalska',
  company: 'Kowalski Import',
  role: 'buyer',
  password: 'away reply buyer 1',
};
const AWAY_TEXT = 'We are closed now. We answer every message when we are back.';
const SHANGHAI = 8 * 3_600_000; // UTC+8 all year: Shanghai has no daylight saving time

const fill = (s: string, v: Record<string, string>): string =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k] ?? '');
const hm = (h: number): string => `${String(h).padStart(2, '0')}:00`;

/** Weekday names as the page shows them (index 0 = Monday), in the page's locale. */
function weekdayNames(locale: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return [0, 1, 2, 3, 4, 5, 6].map((i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** Opens "My profile…" from the status menu and returns the dialog. */
async function openProfile(page: Page, t: Messages): Promise<Locator> {
  const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await page.getByRole('button', { name: new RegExp(`^${esc(t.presenceMenu.label)}: `) }).click();
  await page.getByRole('menuitem', { name: t.myProfile.open }).click();
  const dialog = page.getByRole('dialog', { name: t.myProfile.title });
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a seller’s away text answers a buyer for them while their app is closed, marked automatic, back time on the buyer’s clock', async ({
  browser,
  server,
}) => {
  test.setTimeout(240_000);
  const sellerCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'en-GB' });
  const buyerCtx = await browser.newContext({ timezoneId: 'Europe/Warsaw', locale: 'pl-PL' });
  try {
    const li = await sellerCtx.newPage();
    const anna = await buyerCtx.newPage();
    await signUp(li, SELLER, { t: en, open: server.url });
    await signUp(anna, BUYER, { t: pl, open: server.url });

    // Hours that are closed now: one hour every day, opening three hours from now in Shanghai
    // (five when that would cross midnight). The opening is the back time the buyer must see.
    const now = Date.now();
    const hourNow = new Date(now + SHANGHAI).getUTCHours();
    let opens = (hourNow + 3) % 24;
    if (opens === 23) opens = (hourNow + 5) % 24;
    const todayAt = Date.UTC(
      new Date(now + SHANGHAI).getUTCFullYear(),
      new Date(now + SHANGHAI).getUTCMonth(),
      new Date(now + SHANGHAI).getUTCDate(),
      opens,
    );
    const backAt = todayAt - SHANGHAI > now ? todayAt - SHANGHAI : todayAt - SHANGHAI + 86_400_000;
    const dialog = await openProfile(li, en);
    await dialog.getByRole('checkbox', { name: en.myProfile.publishHours }).check();
    const days = weekdayNames('en-GB');
    for (const day of days) {
      await dialog.getByRole('checkbox', { name: day, exact: true }).check();
      await dialog.getByLabel(fill(en.myProfile.opens, { day }), { exact: true }).fill(hm(opens));
      await dialog.getByLabel(fill(en.myProfile.closes, { day }), { exact: true }).fill(hm(opens + 1));
    }
    await dialog.getByRole('button', { name: en.myProfile.save }).click();
    await expect(dialog).toHaveCount(0);

    // Settings › Auto-reply: off, with a suggested text; the seller writes their own and turns it on.
    const A = en.autoReply;
    await li
      .getByRole('navigation', { name: en.rail.label })
      .getByRole('button', { name: en.rail.settings })
      .click();
    await li
      .getByRole('navigation', { name: en.settings.title })
      .getByRole('button', { name: A.title })
      .click();
    const text = li.getByRole('textbox', { name: A.text });
    await expect(text).toHaveValue(A.defaultText);
    const on = li.getByRole('checkbox', { name: A.enabled });
    await expect(on).not.toBeChecked();
    await text.fill(AWAY_TEXT);
    await li.getByRole('button', { name: A.save }).click();
    await expect(li.getByRole('status').filter({ hasText: A.saved })).toBeVisible();
    await on.check();
    await expect(on).toBeChecked();
    mkdirSync('docs/screenshots', { recursive: true });
    await li.screenshot({ path: 'docs/screenshots/away-settings.png' });

    // The seller closes the app: nobody is at the desk.
    await li.close();

    // The buyer writes; the server answers for the seller.
    await addContact(anna, pl, SELLER.id);
    await contactRow(anna, pl, SELLER.name).click();
    const question = 'Dzień dobry, czy MOQ 500 sztuk jest stałe?';
    await composer(anna, pl, SELLER.name).fill(question);
    await composer(anna, pl, SELLER.name).press('Enter');
    await expect(bubble(anna, question)).toBeVisible();
    const reply = bubble(anna, AWAY_TEXT);
    await expect(reply).toBeVisible();
    await expect(reply).toContainText(pl.autoReply.automatic);
    // The back time on Anna's clock, in Polish: the seller's opening seen from Warsaw.
    const time = new Intl.DateTimeFormat('pl-PL', {
      hour: '2-digit',
      minute: '2-digit',
      timeZone: 'Europe/Warsaw',
    }).format(new Date(backAt));
    const sameDay =
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date(backAt)) ===
      new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date(now));
    const day = new Intl.DateTimeFormat('pl-PL', { weekday: 'long', timeZone: 'Europe/Warsaw' }).format(
      new Date(backAt),
    );
    // The reply may be stamped a moment after `now`: either way the day is the same unless it is midnight.
    await expect(reply).toContainText(
      sameDay ? fill(pl.autoReply.backToday, { time }) : fill(pl.autoReply.backOn, { time, day }),
    );
    await anna.screenshot({ path: 'docs/screenshots/away-reply.png' });
  } finally {
    await sellerCtx.close();
    await buyerCtx.close();
  }
});
