/**
 * Browser mode on a demo server (what `npm start` opens): with no stored session the window signs
 * in as the demo buyer by itself and shows the seeded suppliers and history.
 */
import { en } from '../../renderer/src/app/strings';
import { expect, test } from './fixtures';

test('browser mode signs in as the demo buyer and shows the seeded conversations', async ({
  browser,
  demoServer,
}) => {
  const ctx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Warsaw' });
  try {
    const page = await ctx.newPage();
    await page.goto(demoServer.url);
    await expect(page.getByRole('heading', { name: en.contacts.title, level: 1 })).toBeVisible();
    await expect(page.getByRole('button', { name: en.auth.submitSignIn })).toHaveCount(0);

    // Every seeded supplier is in the contact tree (each row is a button named after the person).
    const list = page.getByRole('list', { name: en.contacts.list });
    for (const name of ['Li Wei', 'Chen Jing', 'Mehmet Yılmaz', 'Ana Souza']) {
      await expect(list.getByRole('button', { name: new RegExp(name) }).first()).toBeVisible();
    }

    // The demo buyer's own groups with online/total (the demo suppliers are not connected), her
    // favourite on top, and her private note on the supplier's card.
    for (const [group, count] of [
      ['LED & lighting', '0/1'],
      ['Home & textiles', '0/2'],
      ['Latin America', '0/1'],
    ]) {
      await expect(page.getByRole('button', { name: `${group} ${count}`, exact: true })).toBeVisible();
    }
    await expect(
      page.getByRole('button', { name: `${en.groups.favourites} 0/1`, exact: true }),
    ).toBeVisible();

    // A seeded conversation has history, shown from the synced store.
    const first = list.getByRole('button', { name: /Li Wei/ }).first();
    await first.click();
    await expect(page.getByRole('log').getByRole('listitem').nth(1)).toBeVisible();
    // Opening it reads it: the unread badge goes.
    await expect(first.getByLabel(/unread/)).toHaveCount(0);
    await expect(page.getByRole('textbox', { name: /note/i })).toHaveValue(/TW-2024-0187: 800 rolek/);
    await page.screenshot({ path: 'docs/screenshots/demo.png' });
  } finally {
    await ctx.close();
  }
});
