/**
 * Browser mode on a demo server (what `npm start` opens): with no stored session the window signs
 * in as the demo buyer by itself and shows the seeded suppliers and history.
 *
 * Translation out of the box (issue 12): the embedded default without a DeepL key (the fixture's
 * demo server sets none) shows the demo history in the buyer's reading language from the
 * translations stored with the demo data, labelled as demo translations, and says in the
 * translation bar and in Settings › Translation that live translation needs the operator's DeepL
 * key and how to set it. Its reading languages are exactly those stored (all nine of the
 * interface), and picking another one reads the history in it.
 */
import { en } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import { bubble } from './ui';

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

    // The supplier's Chinese reads in Polish, the demo buyer's reading language, from the
    // translation stored with the demo data and labelled so; the original is one click away.
    const stored = bubble(page, 'Prosimy o potwierdzenie oznaczeń wysyłkowych');
    await expect(stored).toContainText(en.translation.demo);
    await expect(stored).not.toContainText('请确认唛头');
    await stored.getByRole('button', { name: en.translation.showOriginal }).click();
    const original = bubble(page, '请确认唛头和包装要求');
    await expect(original).toContainText(en.translation.original);
    await original.getByRole('button', { name: en.translation.showTranslation }).click();
    await expect(stored).toContainText(en.translation.demo);
    // The translation bar: live translation needs the operator's DeepL key, how to set it, and
    // what the demo history shows meanwhile.
    const notice = page.getByRole('status').filter({ hasText: en.translation.serverOff });
    await expect(notice).toContainText(en.translation.noKeyHowTo);
    await expect(notice).toContainText(en.translation.demoNotice);
    await page.screenshot({ path: 'docs/screenshots/demo.png' });

    // Settings › Translation says the same.
    await page
      .getByRole('navigation', { name: en.rail.label })
      .getByRole('button', { name: en.rail.settings })
      .click();
    await page
      .getByRole('navigation', { name: en.settings.title })
      .getByRole('button', { name: en.settings.translation, exact: true })
      .click();
    const settingsNotice = page.getByRole('status').filter({ hasText: en.translation.serverOff });
    await expect(settingsNotice).toContainText(en.translation.noKeyHowTo);
    await expect(settingsNotice).toContainText(en.translation.demoNotice);
    await expect(page.getByText(en.settings.liveOn)).toHaveCount(0);
    // The reading languages offered are the nine the demo history is stored in, and the setting
    // says so; picking one reads the whole history in it (Persian here), still labelled demo.
    const reading = page.getByRole('combobox', { name: en.translation.myReadLanguage });
    await expect(page.getByText(en.settings.demoReadLanguages)).toBeVisible();
    await expect(reading.locator('option')).toHaveCount(9);
    await reading.selectOption('fa');
    await expect(reading).toHaveValue('fa');
    await page
      .getByRole('navigation', { name: en.rail.label })
      .getByRole('button', { name: en.rail.chats })
      .click();
    await list
      .getByRole('button', { name: /Li Wei/ })
      .first()
      .click();
    const persian = bubble(page, 'لطفاً علائم حمل و الزامات بسته‌بندی');
    await expect(persian).toContainText(en.translation.demo);
    await expect(bubble(page, 'Prosimy o potwierdzenie oznaczeń wysyłkowych')).toHaveCount(0);
  } finally {
    await ctx.close();
  }
});
