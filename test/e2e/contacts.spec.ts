/**
 * Issue 3, end to end in Debian's Chromium, browser mode: a buyer in Warsaw (English UI), a
 * supplier in Shanghai (Chinese UI) and one in São Paulo (Portuguese UI, "ask me first").
 * The buyer groups them ("Suppliers 2/2"), sees each one's live local time, watches presence
 * change (away from the status menu, away from idle time, offline with last seen), and the
 * chat header shows the other side's clock and the waiting clock. Screenshots for docs/.
 */
import type { BrowserContext, Locator, Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { en, type Messages, ptBR, zh } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import {
  addContact,
  composer,
  contactList,
  contactRow,
  conversationHeading,
  signUp,
  type Person,
} from './ui';

/** A person in a zone and language of their own: their browser context and UI follow these. */
interface Member extends Person {
  timeZone: string;
  locale: string;
  t: Messages;
}

const ANNA: Member = {
  id: 'anna-waw',
  name: 'Anna Kowalska',
  company: 'Kowalski Import',
  role: 'buyer',
  password: 'correct horse 1',
  timeZone: 'Europe/Warsaw',
  locale: 'en-GB',
  t: en,
};
const LI: Member = {
  id: 'li-shanghai',
  name: 'Li Wei',
  company: 'Yiwu Bright Trading',
  role: 'seller',
  password: 'correct horse 2',
  timeZone: 'Asia/Shanghai',
  locale: 'zh-CN',
  t: zh,
};
const MARIA: Member = {
  id: 'maria-sp',
  name: 'Maria Souza',
  company: 'Souza Têxtil',
  role: 'seller',
  password: 'correct horse 3',
  timeZone: 'America/Sao_Paulo',
  locale: 'pt-BR',
  t: ptBR,
};

/** i18next-style interpolation for expected strings. */
const fill = (s: string, v: Record<string, string | number>): string =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => String(v[k]));
const esc = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** "HH:MM" in a zone now and one minute later: a check may straddle a minute rollover. */
function clockTimes(timeZone: string): string[] {
  const f = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
  });
  const now = Date.now();
  return [f.format(now), f.format(now + 60_000)];
}

/** Weekday names as the page shows them (index 0 = Monday), in the page's locale. */
function weekdayNames(locale: string): string[] {
  const f = new Intl.DateTimeFormat(locale, { weekday: 'long', timeZone: 'UTC' });
  return [0, 1, 2, 3, 4, 5, 6].map((i) => f.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** Opens "My profile…" from the status menu and returns the dialog. */
async function openProfile(page: Page, t: Messages): Promise<Locator> {
  await page.getByRole('button', { name: new RegExp(`^${esc(t.presenceMenu.label)}: `) }).click();
  await page.getByRole('menuitem', { name: t.myProfile.open }).click();
  const dialog = page.getByRole('dialog', { name: t.myProfile.title });
  await expect(dialog).toBeVisible();
  return dialog;
}

/** Sets the closing time of some weekdays (index 0 = Monday) in the open profile dialog. */
async function setClosing(dialog: Locator, p: Member, days: number[], time: string): Promise<void> {
  const names = weekdayNames(p.locale);
  // The week is only shown while "Publish my business hours" is ticked (a no-op when it is).
  await dialog.getByRole('checkbox', { name: p.t.myProfile.publishHours }).check();
  for (const d of days)
    await dialog.getByLabel(fill(p.t.myProfile.closes, { day: names[d] ?? '' }), { exact: true }).fill(time);
}

async function saveProfile(dialog: Locator, t: Messages): Promise<void> {
  await dialog.getByRole('button', { name: t.myProfile.save }).click();
  await expect(dialog).toHaveCount(0);
}

const groupHeader = (page: Page, t: Messages, label: string): Locator =>
  contactList(page, t).getByRole('button', { name: label, exact: true });
const dot = (page: Page, t: Messages, name: string): Locator => contactRow(page, t, name).getByRole('img');

async function createGroup(page: Page, t: Messages, name: string): Promise<void> {
  await page.getByRole('button', { name: t.groups.newGroup }).click();
  await page.getByRole('textbox', { name: t.groups.groupName }).fill(name);
  await page.getByRole('button', { name: t.groups.create, exact: true }).click();
  await expect(groupHeader(page, t, `${name} 0/0`)).toBeVisible();
}

async function setStatus(page: Page, t: Messages, current: string, next: string): Promise<void> {
  await page.getByRole('button', { name: `${t.presenceMenu.label}: ${current}` }).click();
  await page.getByRole('menuitemradio', { name: next }).click();
  await expect(page.getByRole('button', { name: `${t.presenceMenu.label}: ${next}` })).toBeVisible();
}

/** The row's local time is the contact's zone's time now (or a minute later). */
async function expectLocalTime(page: Page, t: Messages, name: string, timeZone: string): Promise<void> {
  const [a, b] = clockTimes(timeZone);
  const label = (x: string | undefined): string => esc(fill(t.groups.localTime, { time: x ?? '' }));
  await expect(
    contactRow(page, t, name)
      .first()
      .getByLabel(new RegExp(`^(${label(a)}|${label(b)})$`)),
  ).toBeVisible();
}

test('contact groups with counts, presence, and each side’s local time across three zones', async ({
  browser,
  server,
}) => {
  const contexts: BrowserContext[] = [];
  const open = async (p: Member): Promise<{ ctx: BrowserContext; page: Page }> => {
    const ctx = await browser.newContext({ timezoneId: p.timeZone, locale: p.locale });
    contexts.push(ctx);
    return { ctx, page: await ctx.newPage() };
  };
  try {
    const { page: anna } = await open(ANNA);
    const { page: li } = await open(LI);
    const { ctx: mariaCtx, page: maria } = await open(MARIA);
    // Li's page runs on a controllable clock, so idle time can pass without waiting for it;
    // Anna's too, so the chat header can be checked at a known instant.
    await li.clock.install();
    await anna.clock.install();

    await signUp(anna, ANNA, { t: ANNA.t, open: server.url });
    await signUp(li, LI, { t: LI.t, open: server.url });
    await signUp(maria, MARIA, { t: MARIA.t, open: server.url });
    // Li sets her hours in "My profile": Mon–Fri 09:00–18:00 Shanghai time, weekend closed.
    const liProfile = await openProfile(li, zh);
    await expect(liProfile.getByLabel(zh.myProfile.timeZone)).toHaveValue(LI.timeZone);
    await liProfile.getByLabel(zh.myProfile.country).selectOption('CN');
    await setClosing(liProfile, LI, [0, 1, 2, 3, 4], '18:00');
    await saveProfile(liProfile, zh);
    // Anna: Mon–Fri 09:00–17:00 Warsaw time (Friday until 16:00), also writes German.
    const annaProfile = await openProfile(anna, en);
    await annaProfile.getByLabel(en.myProfile.country).selectOption('PL');
    await annaProfile.getByRole('checkbox', { name: 'German' }).check();
    await setClosing(annaProfile, ANNA, [4], '16:00');
    mkdirSync('docs/screenshots', { recursive: true });
    await anna.screenshot({ path: 'docs/screenshots/profile.png' });
    await saveProfile(annaProfile, en);
    // Saved on the server: opening the editor again shows what was stored.
    const again = await openProfile(anna, en);
    await expect(again.getByLabel(fill(en.myProfile.closes, { day: 'Friday' }), { exact: true })).toHaveValue(
      '16:00',
    );
    await expect(again.getByLabel(en.myProfile.country)).toHaveValue('PL');
    await again.getByRole('button', { name: en.myProfile.cancel }).click();
    await expect(again).toHaveCount(0);
    // Maria asks before anyone may add her.
    // Maria chooses "ask me first" in her status menu; the select shows what the server stored.
    const statusButton = maria.getByRole('button', { name: new RegExp(`^${MARIA.t.presenceMenu.label}`) });
    await statusButton.click();
    const policy = maria.getByLabel(MARIA.t.requests.policy);
    await policy.selectOption('ask');
    await expect(policy).toHaveValue('ask');
    await statusButton.click();
    await expect(maria.getByRole('menu', { name: MARIA.t.presenceMenu.label })).toHaveCount(0);

    // --- contact requests ------------------------------------------------------------------------
    await addContact(anna, en, LI.id);
    await expect(contactRow(anna, en, LI.name)).toBeVisible();
    await addContact(anna, en, MARIA.id);
    const sentNotice = anna
      .getByRole('status')
      .filter({ hasText: fill(en.requests.sent, { name: MARIA.name }) });
    await expect(sentNotice).toBeVisible();
    const requests = anna.getByRole('region', { name: en.requests.title });
    await expect(requests.getByText(en.requests.pending)).toBeVisible();
    await expect(contactRow(anna, en, MARIA.name)).toHaveCount(0);
    // Maria accepts: both see each other; the "request sent" line goes away.
    await maria.getByRole('button', { name: fill(ptBR.requests.acceptNamed, { name: ANNA.name }) }).click();
    await expect(contactRow(maria, ptBR, ANNA.name)).toBeVisible();
    await expect(contactRow(anna, en, MARIA.name)).toBeVisible();
    await expect(requests).toHaveCount(0);
    // …and so does the "request sent … when they accept" notice (issue 12: it stayed).
    await expect(sentNotice).toHaveCount(0);
    await addContact(li, zh, ANNA.id);
    await expect(contactRow(li, zh, ANNA.name)).toBeVisible();

    // --- groups: create, multi-select + "Move to…", drag and drop, counts --------------------------
    await expect(groupHeader(anna, en, `${en.groups.unsorted} 2/2`)).toBeVisible();
    await createGroup(anna, en, 'Suppliers');
    await createGroup(anna, en, 'Logistics');
    // Opening a chat selects nothing: the "Move to…" bar needs Ctrl/Cmd- or Shift-click (issue 12).
    await contactRow(anna, en, LI.name).click();
    await expect(conversationHeading(anna, LI.name)).toBeVisible();
    await expect(anna.getByRole('combobox', { name: en.groups.moveSelected })).toHaveCount(0);
    await contactRow(anna, en, MARIA.name).click({ modifiers: ['ControlOrMeta'] });
    await expect(anna.getByRole('toolbar', { name: fill(en.groups.selected, { count: 2 }) })).toBeVisible();
    await anna.getByRole('combobox', { name: en.groups.moveSelected }).selectOption({ label: 'Suppliers' });
    await expect(groupHeader(anna, en, 'Suppliers 2/2')).toBeVisible();
    await expect(groupHeader(anna, en, `${en.groups.unsorted} 0/0`)).toBeVisible();
    // A plain click opens Maria and clears the selection; drag her alone onto Logistics, then
    // select her (Ctrl-click on the open one) and move her back with the menu.
    await contactRow(anna, en, MARIA.name).click();
    await expect(anna.getByRole('toolbar', { name: fill(en.groups.selected, { count: 2 }) })).toHaveCount(0);
    await contactRow(anna, en, MARIA.name).dragTo(groupHeader(anna, en, 'Logistics 0/0'));
    await expect(groupHeader(anna, en, 'Logistics 1/1')).toBeVisible();
    await expect(groupHeader(anna, en, 'Suppliers 1/1')).toBeVisible();
    await contactRow(anna, en, MARIA.name).click({ modifiers: ['ControlOrMeta'] });
    await anna.getByRole('combobox', { name: en.groups.moveSelected }).selectOption({ label: 'Suppliers' });
    await expect(groupHeader(anna, en, 'Suppliers 2/2')).toBeVisible();
    // Favourites on top; collapsing a group hides its rows and survives a reload (synced).
    await contactRow(anna, en, LI.name).click();
    await contactRow(anna, en, LI.name).click({ modifiers: ['ControlOrMeta'] });
    await anna.getByRole('button', { name: en.groups.pin }).click();
    await anna.getByRole('button', { name: en.groups.clearSelection }).click();
    await expect(anna.getByRole('combobox', { name: en.groups.moveSelected })).toHaveCount(0);
    await expect(groupHeader(anna, en, `${en.groups.favourites} 1/1`)).toBeVisible();
    await groupHeader(anna, en, 'Logistics 0/0').click();
    await expect(groupHeader(anna, en, 'Logistics 0/0')).toHaveAttribute('aria-expanded', 'false');
    // The filter finds people by company.
    await anna.getByRole('searchbox', { name: en.groups.search }).fill('yiwu');
    await expect(contactRow(anna, en, LI.name)).toHaveCount(2); // in Favourites and in Suppliers
    await expect(contactRow(anna, en, MARIA.name)).toHaveCount(0);
    await anna.getByRole('searchbox', { name: en.groups.search }).fill('');
    await anna.reload();
    await expect(groupHeader(anna, en, 'Suppliers 2/2')).toBeVisible();
    await expect(groupHeader(anna, en, 'Logistics 0/0')).toHaveAttribute('aria-expanded', 'false');

    // --- local times, each computed for that zone at the moment of the check ----------------------
    await expectLocalTime(anna, en, MARIA.name, MARIA.timeZone);
    await expectLocalTime(anna, en, LI.name, LI.timeZone);
    await expectLocalTime(li, zh, ANNA.name, ANNA.timeZone);
    await expectLocalTime(maria, ptBR, ANNA.name, ANNA.timeZone);

    // --- presence ------------------------------------------------------------------------------------
    await expect(dot(anna, en, MARIA.name).first()).toHaveAccessibleName(en.presence.online);
    await setStatus(maria, ptBR, ptBR.presenceMenu.online, ptBR.presenceMenu.away);
    await expect(dot(anna, en, MARIA.name).first()).toHaveAccessibleName(en.presence.away);
    await expect(groupHeader(anna, en, 'Suppliers 2/2')).toBeVisible(); // away still counts as there
    await setStatus(maria, ptBR, ptBR.presenceMenu.away, ptBR.presenceMenu.online);
    await expect(dot(anna, en, MARIA.name).first()).toHaveAccessibleName(en.presence.online);

    // Li leaves the keyboard: after the idle time the page reports "away" by itself.
    await li.clock.fastForward('06:00');
    await expect(dot(anna, en, LI.name).first()).toHaveAccessibleName(en.presence.away);
    await expect(
      li.getByRole('button', { name: `${zh.presenceMenu.label}: ${zh.presenceMenu.away}` }),
    ).toBeVisible();

    // Maria's network goes: grey, with when she was last seen.
    await mariaCtx.setOffline(true);
    await expect(dot(anna, en, MARIA.name).first()).toHaveAccessibleName(
      new RegExp(`^${esc(en.presence.offline)} · ${esc(fill(en.presence.lastSeen, { time: '' }))}\\d`),
    );
    await expect(groupHeader(anna, en, 'Suppliers 1/2')).toBeVisible();

    await anna.screenshot({ path: 'docs/screenshots/contacts.png' });

    // --- the chat header: their clock and hours at a known instant; the waiting clock ----------
    // Thursday 12 March 2026, 03:12 in Shanghai: Li opens at 09:00, in 5 h 48 min.
    // (The header mounts afresh on a change of conversation and reads the clock then.)
    const header = anna.locator('.conversation-header');
    await contactRow(anna, en, MARIA.name).first().click();
    await expect(conversationHeading(header, MARIA.name)).toBeVisible();
    await anna.clock.setSystemTime(new Date('2026-03-11T19:12:00Z'));
    await contactRow(anna, en, LI.name).first().click();
    await expect(conversationHeading(header, LI.name)).toBeVisible();
    const pinned = fill(en.clock.withHours, {
      clock: fill(en.clock.inZone, { time: '03:12', zone: 'China Standard Time', offset: 'GMT+8' }),
      hours: fill(en.clock.closedOpens, { in: fill(en.clock.hoursMinutes, { hours: 5, minutes: 48 }) }),
    });
    expect(pinned).toBe('03:12 China Standard Time, GMT+8, outside business hours — opens in 5 h 48 min');
    await expect(header.getByText(pinned, { exact: true })).toBeVisible();
    // Back to the real time for the waiting clock (the server stamps messages with it).
    await anna.clock.setSystemTime(new Date());
    await anna
      .getByRole('combobox', { name: en.waitingClock.deadline })
      .selectOption({ label: en.waitingClock.preset.aliexpress48h });
    const box = composer(anna, en, LI.name);
    await box.fill('Is the 500-piece MOQ firm?');
    await box.press('Enter');
    const waiting = fill(en.waitingClock.ok, {
      waited: fill(en.clock.minutes, { minutes: 999 }),
      total: fill(en.clock.hours, { hours: 48 }),
    });
    const timer = header.getByRole('timer', { name: new RegExp(esc(en.waitingClock.clockLabel)) });
    await expect(timer).toHaveText(new RegExp(`^${esc(waiting).replace('999', '\\d+')}$`));
    await expect(timer).toHaveAttribute(
      'title',
      new RegExp(`^${esc(en.waitingClock.since.split('{{')[0] ?? '')}`),
    );
    // Maria is offline: a message to her says it waits for her.
    await contactRow(anna, en, MARIA.name).first().click();
    await expect(anna.getByText(fill(en.clock.deliveredWhenBack, { name: MARIA.name }))).toBeVisible();
    await contactRow(anna, en, LI.name).first().click();
    await expect(timer).toBeVisible();
    await anna.screenshot({ path: 'docs/screenshots/chat-header.png' });

    // --- across the DST change in Warsaw (Sunday 29 March 2026, 02:00 CET → 03:00 CEST) ---------
    // Li looks at Anna's clock at 01:59 CET; one minute later it reads 03:00 CEST. Anna opens on
    // Monday 09:00 CEST = 07:00 UTC, 30 h away either side of the change ("30 h 1 min", then
    // "30 h"); a clock that kept CET would say 31 h. Under 48 h the wait is in hours, not "1 d".
    // runFor moves the page clock on and fires the header's per-minute timer on the way.
    await li.clock.setSystemTime(new Date('2026-03-29T00:58:00Z'));
    await contactRow(li, zh, ANNA.name).first().click();
    const liHeader = li.locator('.conversation-header');
    await expect(conversationHeading(liHeader, ANNA.name)).toBeVisible();
    await li.clock.runFor(60_000);
    const warsaw = (time: string, offset: string, opensIn: string): string =>
      fill(zh.clock.withHours, {
        clock: fill(zh.clock.inZone, { time, zone: '中欧时间', offset }),
        hours: fill(zh.clock.closedOpens, { in: opensIn }),
      });
    const in30h1min = fill(zh.clock.hoursMinutes, { hours: 30, minutes: 1 });
    await expect(liHeader.getByText(warsaw('01:59', 'GMT+1', in30h1min), { exact: true })).toBeVisible();
    await li.clock.runFor(60_000);
    const in30h = fill(zh.clock.hours, { hours: 30 });
    await expect(liHeader.getByText(warsaw('03:00', 'GMT+2', in30h), { exact: true })).toBeVisible();
  } finally {
    for (const c of contexts) await c.close();
  }
});
