/**
 * What the end-to-end specs do with the Tradewind window, in one place: sign a person up, add a
 * contact, find a contact row, a message bubble or its tick, and send from the composer.
 *
 * Every locator is role-based and every name comes from the i18n catalogue the page speaks, so a
 * step works in any language and fails if an accessible name goes missing. Each spec keeps its own
 * people (the test's data) and passes them in; the options below are the real differences between
 * the specs (browser mode or the desktop window, which catalogue, what to check on the way).
 */
import type { Locator, Page } from '@playwright/test';
import type { Messages } from '../../renderer/src/app/catalogues';
import { call, connect as connectSocket, PASSWORD } from '../helpers/client';
import { expect } from './fixtures';

/** Someone who signs up in a spec. */
export interface Person {
  /** Member ID: how others find them. */
  id: string;
  /** Display name: how contact rows, headers and composers name them. */
  name: string;
  company: string;
  /** Omitted: the sign-up form's role is left as it comes (buyer). */
  role?: 'buyer' | 'seller';
  password: string;
}

/** The real differences between the specs' sign-ups. */
export interface SignUpOptions {
  /** The catalogue the page speaks (it follows the browser context's locale). */
  t: Messages;
  /**
   * Open this address first (browser mode). Omitted where the window already shows the sign-in
   * screen, as the desktop app's window does.
   */
  open?: string;
  /**
   * The server address the field must show: browser mode prefills the page's own origin, the
   * desktop app the server of its settings (read-only there). Omitted: not checked.
   */
  serverUrl?: string;
}

/**
 * Signs `person` up from the sign-in screen and waits for the contacts screen: the account is
 * created and the session is open when this returns.
 */
export async function signUp(page: Page, person: Person, options: SignUpOptions): Promise<void> {
  const { t } = options;
  if (options.open !== undefined) await page.goto(options.open);
  await page.getByRole('button', { name: t.auth.toSignUp }).click();
  await expect(page.getByRole('heading', { name: t.auth.signUpTitle })).toBeVisible();
  await page.getByRole('textbox', { name: t.auth.memberId }).fill(person.id);
  await page.getByRole('textbox', { name: t.auth.displayName }).fill(person.name);
  await page.getByRole('textbox', { name: t.auth.company }).fill(person.company);
  if (person.role !== undefined) {
    await page.getByRole('radio', { name: person.role === 'buyer' ? t.auth.buyer : t.auth.seller }).check();
  }
  await page.getByLabel(t.auth.password).fill(person.password);
  if (options.serverUrl !== undefined) {
    await expect(page.getByRole('textbox', { name: t.auth.serverUrl })).toHaveValue(options.serverUrl);
  }
  await page.getByRole('button', { name: t.auth.submitSignUp, exact: true }).click();
  await expect(page.getByRole('heading', { name: t.contacts.title, level: 1 })).toBeVisible();
}

/**
 * Signs `person` in from the sign-in screen (another device of an account that exists) and waits
 * for the contacts screen.
 */
export async function signIn(page: Page, person: Person, options: SignUpOptions): Promise<void> {
  const { t } = options;
  if (options.open !== undefined) await page.goto(options.open);
  await expect(page.getByRole('heading', { name: t.auth.signInTitle })).toBeVisible();
  await page.getByRole('textbox', { name: t.auth.memberId }).fill(person.id);
  await page.getByLabel(t.auth.password).fill(person.password);
  if (options.serverUrl !== undefined) {
    await expect(page.getByRole('textbox', { name: t.auth.serverUrl })).toHaveValue(options.serverUrl);
  }
  await page.getByRole('button', { name: t.auth.submitSignIn, exact: true }).click();
  await expect(page.getByRole('heading', { name: t.contacts.title, level: 1 })).toBeVisible();
}

/**
 * Opens "add contact", types a member ID and submits. It waits for nothing afterwards: what
 * follows depends on the case (a new row, a "request sent" line, an error), so the spec checks it.
 */
export async function addContact(page: Page, t: Messages, memberId: string): Promise<void> {
  await page.getByRole('button', { name: t.contacts.add }).click();
  await page.getByRole('textbox', { name: t.contacts.addTitle }).fill(memberId);
  await page.getByRole('button', { name: t.contacts.addSubmit, exact: true }).click();
}

/** The contact list (the tree of groups and rows). */
export const contactList = (page: Page, t: Messages): Locator =>
  page.getByRole('list', { name: t.contacts.list });

/** A contact's row: a button named after the person (or their member ID before they are a contact). */
export const contactRow = (page: Page, t: Messages, name: string): Locator =>
  contactList(page, t).getByRole('button', { name });

/** The open conversation's heading (in the page or in a part of it), which names the partner. */
export const conversationHeading = (scope: Page | Locator, name: string): Locator =>
  scope.getByRole('heading', { level: 2, name: new RegExp(name) });

/** The open conversation's message log. */
export const messageLog = (page: Page): Locator => page.getByRole('log');

/** The message bubble (or bubbles) containing `text` in the open conversation. */
export const bubble = (page: Page, text: string): Locator =>
  messageLog(page).getByRole('listitem').filter({ hasText: text });

/** The receipt tick on a bubble, by its exact accessible name (e.g. `t.ticks.read`). */
export const tick = (page: Page, text: string, name: string): Locator =>
  bubble(page, text).getByRole('img', { name, exact: true });

/** Opens the ⋯ menu of the bubble `line` and picks `item` (a menu item's name: `t.bubble.edit`…). */
export async function pickFromBubble(page: Page, t: Messages, line: Locator, item: string): Promise<void> {
  await line.hover();
  await line.getByRole('button', { name: t.bubble.actions }).click();
  await page.getByRole('menu', { name: t.bubble.actions }).getByRole('menuitem', { name: item }).click();
}

/** The composer of the conversation with `partner` (their display name). */
export const composer = (page: Page, t: Messages, partner: string): Locator =>
  page.getByRole('textbox', { name: t.conversation.composer.replace('{{name}}', partner) });

/** The "you are offline" banner. */
export const offlineBanner = (page: Page, t: Messages): Locator =>
  page.getByRole('status').filter({ hasText: t.banner.offline });

/** Types `text` into the composer for `partner`, sends it with Enter, checks the composer empties and waits for the bubble. */
export async function send(page: Page, t: Messages, partner: string, text: string): Promise<void> {
  const box = composer(page, t, partner);
  await box.fill(text);
  await box.press('Enter');
  await expect(box).toHaveValue('');
  await expect(bubble(page, text)).toBeVisible();
}

/** One person in one window: the page and the catalogue it speaks. */
export interface Side {
  page: Page;
  t: Messages;
  person: Person;
}

/**
 * Two people add each other (policy "anyone"), each waiting for the other's row: a conversation
 * between them can open, and each lists the other as a contact.
 */
export async function connect(a: Side, b: Side): Promise<void> {
  await addContact(a.page, a.t, b.person.id);
  await expect(contactRow(a.page, a.t, b.person.name).first()).toBeVisible();
  await addContact(b.page, b.t, a.person.id);
  await expect(contactRow(b.page, b.t, a.person.name).first()).toBeVisible();
}

/** Deletes stored bytes beside the app, as storage cleared under it would. */
export async function loseBytes(page: Page, sha: string): Promise<void> {
  await page.evaluate(async (key) => {
    const name = (await indexedDB.databases()).map((d) => d.name).find((n) => n?.startsWith('tradewind:'));
    if (!name) throw new Error('no Tradewind database');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const r = indexedDB.open(name);
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(new Error(r.error?.message));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('attachmentBlobs', 'readwrite');
        tx.objectStore('attachmentBlobs').delete(key);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(new Error(tx.error?.message));
      });
    } finally {
      db.close();
    }
  }, sha);
}

interface RefuseWindow {
  /** Whether the outbox refuses new entries now; undefined until `refuseOutboxWrites` patched it. */
  __refuseOutbox?: boolean;
}

/**
 * From now on IndexedDB refuses every new outbox entry, as a full disk does: the transaction of a
 * send (or of an edit) fails, and the app must keep what it was writing. `allowOutboxWrites` ends it.
 */
export async function refuseOutboxWrites(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as RefuseWindow;
    // Patched once per page: a second call only turns the refusal back on.
    if (w.__refuseOutbox === undefined) {
      // eslint-disable-next-line @typescript-eslint/unbound-method -- called below with the store as `this`
      const add = IDBObjectStore.prototype.add;
      IDBObjectStore.prototype.add = function (this: IDBObjectStore, ...args: Parameters<typeof add>) {
        if (w.__refuseOutbox && this.name === 'outbox')
          throw new DOMException('The disk is full.', 'QuotaExceededError');
        return add.apply(this, args);
      };
    }
    w.__refuseOutbox = true;
  });
}

/** The disk has room again: outbox entries are written as before `refuseOutboxWrites`. */
export async function allowOutboxWrites(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as RefuseWindow).__refuseOutbox = false;
  });
}

/** A seller made through the socket API, with `PASSWORD` (nobody needs to look at their window). */
export async function sellerByApi(
  url: string,
  memberId: string,
  displayName: string,
  company: string,
): Promise<void> {
  const probe = await connectSocket(url);
  try {
    await call(probe, 'auth:signUp', {
      memberId,
      displayName,
      password: PASSWORD,
      role: 'seller',
      profile: { company, country: 'CN', timeZone: 'Asia/Shanghai', languages: ['zh', 'en'] },
    });
  } finally {
    probe.close();
  }
}

/**
 * A new buyer signed up in `page` (browser mode at `url`) with `PASSWORD`, `seller` added as a
 * contact and their conversation open: where the specs about writing start.
 */
export async function buyerWritingTo(
  page: Page,
  t: Messages,
  url: string,
  seller: { id: string; name: string },
  buyer: Omit<Person, 'password' | 'role'>,
): Promise<void> {
  await signUp(page, { ...buyer, password: PASSWORD }, { t, open: url });
  await addContact(page, t, seller.id);
  await openConversation(page, t, seller.name);
}

/** Opens the conversation with `who` (their display name) from the contact list. */
export async function openConversation(page: Page, t: Messages, who: string): Promise<void> {
  await contactRow(page, t, who).click();
  await expect(conversationHeading(page, who)).toBeVisible();
}
