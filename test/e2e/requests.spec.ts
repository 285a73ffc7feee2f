/**
 * Issue 11, message requests end to end in Debian's Chromium: a supplier in Shanghai asks first.
 * A Polish buyer in Warsaw who is not her contact writes anyway: his message waits in her
 * Requests list — with his company, country, local time and the message — and his tick stays at
 * "sent" while it is a request. She accepts: both are contacts, the conversation moves to her
 * chat list and continues. A second stranger's request she opens and blocks from the chat header.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { en, pl, type Messages } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import {
  addContact,
  bubble,
  composer,
  contactRow,
  conversationHeading,
  send,
  signUp,
  tick,
  type Person,
} from './ui';

// Member ids are unique across all spec files: the files a worker runs share its server.
const SELLER: Person = {
  id: 'rq-seller',
  name: 'Chen Jing',
  company: 'Ningbo Harbour Lighting',
  role: 'seller',
  password: 'a long enough password',
};
const BUYER: Person = {
  id: 'rq-buyer',
  name: 'Piotr Nowak',
  company: 'Nowak Oświetlenie',
  role: 'buyer',
  password: 'a long enough password',
};
const SPAMMER: Person = {
  id: 'rq-spammer',
  name: 'Best Followers',
  company: 'Followers Ltd',
  role: 'buyer',
  password: 'a long enough password',
};

const fill = (s: string, v: Record<string, string>): string =>
  s.replace(/\{\{(\w+)\}\}/g, (_, k: string) => v[k] ?? '');

/** "Ask me first", chosen in the status menu; the select shows what the server stored. */
async function askFirst(page: Page, t: Messages): Promise<void> {
  const statusButton = page.getByRole('button', { name: new RegExp(`^${t.presenceMenu.label}`) });
  await statusButton.click();
  const policy = page.getByLabel(t.requests.policy);
  await policy.selectOption('ask');
  await expect(policy).toHaveValue('ask');
  await statusButton.click();
}

/** Adds an "ask me first" member: a request, and their conversation opens to write in. */
async function askToAdd(page: Page, t: Messages, who: Person): Promise<void> {
  await addContact(page, t, who.id);
  await expect(
    page.getByRole('status').filter({ hasText: fill(t.requests.sent, { name: who.name }) }),
  ).toBeVisible();
  await expect(conversationHeading(page, who.name)).toBeVisible();
}

test('a stranger’s message waits in the Requests list until accepted; another stranger is blocked', async ({
  browser,
  server,
}) => {
  // Three people in three windows on a shared, loaded machine.
  test.setTimeout(300_000);
  const sellerCtx = await browser.newContext({ timezoneId: 'Asia/Shanghai', locale: 'en-GB' });
  const buyerCtx = await browser.newContext({ timezoneId: 'Europe/Warsaw', locale: 'pl-PL' });
  const spamCtx = await browser.newContext({ timezoneId: 'America/New_York', locale: 'en-US' });
  try {
    const seller = await sellerCtx.newPage();
    const buyer = await buyerCtx.newPage();
    const spammer = await spamCtx.newPage();
    const browserMode = { open: server.url, serverUrl: server.url };
    await signUp(seller, SELLER, { t: en, ...browserMode });
    await signUp(buyer, BUYER, { t: pl, ...browserMode });
    await signUp(spammer, SPAMMER, { t: en, ...browserMode });
    await askFirst(seller, en);

    // The buyer asks, then writes: his message waits for her acceptance, and he is told so.
    await askToAdd(buyer, pl, SELLER);
    const q1 = 'Dzień dobry! Do you ship LED strips to Poland? We need 300 pieces.';
    await send(buyer, pl, SELLER.name, q1);
    await expect(
      buyer.getByRole('status').filter({ hasText: fill(pl.requests.waiting, { name: SELLER.name }) }),
    ).toBeVisible();

    // The seller: a request with who he is, where, his local time and the message — not a chat row.
    const requests = seller.getByRole('region', { name: en.requests.title });
    await expect(requests.getByRole('heading', { name: `${en.requests.title} · 1` })).toBeVisible();
    const fromBuyer = requests.getByRole('listitem').filter({ hasText: BUYER.name });
    await expect(fromBuyer).toContainText(BUYER.company);
    // The flag where the machine draws flags, else the country code (ui/Flag.tsx: CI has no emoji font).
    await expect(fromBuyer).toContainText(/(🇵🇱|PL) Poland/);
    await expect(fromBuyer.getByText(/\d\d:\d\d Central European Time, GMT\+[12]/)).toBeVisible();
    await expect(fromBuyer).toContainText(q1);
    await expect(contactRow(seller, en, BUYER.name)).toHaveCount(0);
    await expect(contactRow(seller, en, BUYER.id)).toHaveCount(0);

    // A second stranger writes too.
    await askToAdd(spammer, en, SELLER);
    const spam = 'Get 10,000 followers for your shop today!';
    await send(spammer, en, SELLER.name, spam);
    await expect(requests.getByRole('heading', { name: `${en.requests.title} · 2` })).toBeVisible();
    mkdirSync('docs/screenshots', { recursive: true });

    // She opens the buyer's request: the messages, and Accept / Ignore / Block instead of a composer.
    await requests.getByRole('button', { name: fill(en.requests.open, { name: BUYER.name }) }).click();
    await expect(conversationHeading(seller, BUYER.name)).toBeVisible();
    await expect(bubble(seller, q1)).toBeVisible();
    const bar = seller.getByRole('region', { name: fill(en.requests.barLabel, { name: BUYER.name }) });
    await expect(bar).toContainText(fill(en.requests.held, { name: BUYER.name }));
    await expect(composer(seller, en, BUYER.name)).toHaveCount(0);
    await seller.screenshot({ path: 'docs/screenshots/requests.png' });
    // No receipt while it is a request: the buyer's tick says "sent", not delivered or read.
    await expect(tick(buyer, q1, pl.ticks.sent)).toBeVisible();

    // Accept: contacts both ways, the chat moves to her list and continues; his tick turns to read.
    await bar.getByRole('button', { name: fill(en.requests.acceptNamed, { name: BUYER.name }) }).click();
    await expect(contactRow(seller, en, BUYER.name)).toBeVisible();
    await expect(requests.getByRole('heading', { name: `${en.requests.title} · 1` })).toBeVisible();
    await expect(tick(buyer, q1, pl.ticks.read)).toBeVisible();
    await expect(contactRow(buyer, pl, SELLER.name)).toBeVisible();
    await expect(buyer.getByText(fill(pl.requests.waiting, { name: SELLER.name }))).toHaveCount(0);
    const a1 = 'Yes, to Gdańsk in 25 days. 300 pieces is fine.';
    await send(seller, en, BUYER.name, a1);
    await expect(bubble(buyer, a1)).toBeVisible();
    const q2 = 'Świetnie — FOB Ningbo?';
    await send(buyer, pl, SELLER.name, q2);
    await expect(bubble(seller, q2)).toBeVisible();

    // The other stranger: opened from the list, blocked from the chat header.
    await requests.getByRole('button', { name: fill(en.requests.open, { name: SPAMMER.name }) }).click();
    await expect(bubble(seller, spam)).toBeVisible();
    await seller
      .locator('.conversation-header')
      .getByRole('button', { name: fill(en.requests.blockNamed, { name: SPAMMER.name }) })
      .click();
    await expect(seller.getByText(fill(en.requests.blockedBar, { name: SPAMMER.name }))).toBeVisible();
    await expect(requests).toHaveCount(0);
    await expect(contactRow(seller, en, SPAMMER.name)).toHaveCount(0);
    // Settings › Blocked lists him.
    await seller
      .getByRole('navigation', { name: en.rail.label })
      .getByRole('button', { name: en.rail.settings })
      .click();
    await seller.getByRole('button', { name: en.settings.blocked }).click();
    await expect(
      seller.getByRole('button', { name: fill(en.settings.unblockNamed, { name: SPAMMER.name }) }),
    ).toBeVisible();
    // What he sees stays as before: his next message is not delivered.
    const spam2 = 'Hello? Special offer!';
    const box = composer(spammer, en, SELLER.name);
    await box.fill(spam2);
    await box.press('Enter');
    await expect(tick(spammer, spam2, en.ticks.failed)).toBeVisible();
  } finally {
    await sellerCtx.close();
    await buyerCtx.close();
    await spamCtx.close();
  }
});
