/**
 * Settings (issue 12): the rail's settings button opens it; the interface language switches the
 * whole window at once (Romanian, then Persian mirrored), the theme can be pinned, and a server
 * without a DeepL key says plainly what live translation needs. Escape closes the status menu.
 */
import { en, fa, ro } from '../../renderer/src/app/strings';
import { expect, test } from './fixtures';
import { signUp, type Person } from './ui';

const ANA: Person = {
  id: 'ana-ro',
  name: 'Ana Popescu',
  company: 'Popescu Textile SRL',
  password: 'a long enough password',
};

test('settings: language, theme, DeepL notice; Escape closes the status menu', async ({
  browser,
  server,
}) => {
  const ctx = await browser.newContext({ locale: 'en-GB', timezoneId: 'Europe/Bucharest' });
  try {
    const page = await ctx.newPage();
    await signUp(page, ANA, { t: en, open: server.url });

    // Escape closes the status menu, the focus still on its button.
    const status = page.getByRole('button', { name: new RegExp(`^${en.presenceMenu.label}`) });
    await status.click();
    await expect(page.getByRole('menu', { name: en.presenceMenu.label })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('menu', { name: en.presenceMenu.label })).toBeHidden();

    // No rail button is disabled.
    const rail = page.getByRole('navigation', { name: en.rail.label });
    for (const b of await rail.getByRole('button').all()) await expect(b).toBeEnabled();

    await rail.getByRole('button', { name: en.rail.settings }).click();
    const sections = page.getByRole('navigation', { name: en.settings.title });
    await expect(sections).toBeVisible();

    // Translation: this server has no DeepL key, and the app says so and how to set it.
    await sections.getByRole('button', { name: en.settings.translation }).click();
    await expect(page.getByRole('status').filter({ hasText: en.translation.serverOff })).toBeVisible();
    await expect(page.getByText(en.translation.noKeyHowTo)).toBeVisible();

    // Appearance: dark pinned, whatever the system says.
    await sections.getByRole('button', { name: en.settings.appearance }).click();
    await page.getByRole('radio', { name: en.settings.themeDark }).check();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.getByRole('radio', { name: en.settings.themeSystem }).check();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);

    await sections.getByRole('button', { name: en.settings.language }).click();
    await page.getByRole('combobox', { name: en.settings.interfaceLanguage }).selectOption('ro');
    await expect(page.locator('html')).toHaveAttribute('lang', 'ro');
    const roSections = page.getByRole('navigation', { name: ro.settings.title });
    await expect(roSections.getByRole('button', { name: ro.settings.privacy })).toBeVisible();
    await expect(page.getByRole('navigation', { name: ro.rail.label })).toBeVisible();

    // Kept across a reload (this device's choice).
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('lang', 'ro');

    await page
      .getByRole('navigation', { name: ro.rail.label })
      .getByRole('button', { name: ro.rail.settings })
      .click();
    await page.getByRole('combobox', { name: ro.settings.interfaceLanguage }).selectOption('fa');
    await expect(page.locator('html')).toHaveAttribute('dir', 'rtl');
    const faSections = page.getByRole('navigation', { name: fa.settings.title });
    await faSections.getByRole('button', { name: fa.settings.translation }).click();
    await expect(page.getByText(fa.translation.serverOff)).toBeVisible();
    // Mirrored: the rail is at the right edge.
    const railBox = await page.getByRole('navigation', { name: fa.rail.label }).boundingBox();
    expect(railBox!.x).toBeGreaterThan(1000);
    await page.screenshot({ path: 'docs/screenshots/settings-fa-rtl.png' });
  } finally {
    await ctx.close();
  }
});
