/**
 * The whole window mirrors for a right-to-left language and follows a dark system theme:
 * an Arabic-speaking buyer in Dubai talks to a supplier in São Paulo.
 */
import type { Page } from '@playwright/test';
import { ar } from '../../renderer/src/i18n/ar';
import type { Messages } from '../../renderer/src/i18n/en';
import { ptBR } from '../../renderer/src/i18n/ptBR';
import { expect, test } from './fixtures';

async function signUp(
  page: Page,
  url: string,
  id: string,
  name: string,
  company: string,
  t: Messages,
): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: t.auth.toSignUp }).click();
  await page.getByRole('textbox', { name: t.auth.memberId }).fill(id);
  await page.getByRole('textbox', { name: t.auth.displayName }).fill(name);
  await page.getByRole('textbox', { name: t.auth.company }).fill(company);
  await page.getByLabel(t.auth.password).fill('a long enough password');
  await page.getByRole('button', { name: t.auth.submitSignUp, exact: true }).click();
  await expect(page.getByRole('heading', { name: t.contacts.title, level: 1 })).toBeVisible();
}

async function addAndSend(page: Page, t: Messages, id: string, name: string, text: string): Promise<void> {
  await page.getByRole('button', { name: t.contacts.add }).click();
  await page.getByRole('textbox', { name: t.contacts.addTitle }).fill(id);
  await page.getByRole('button', { name: t.contacts.addSubmit, exact: true }).click();
  const box = page.getByRole('textbox', { name: t.conversation.composer.replace('{{name}}', name) });
  await box.fill(text);
  await box.press('Enter');
  await expect(page.getByRole('log').getByRole('listitem').filter({ hasText: text })).toBeVisible();
}

test('Arabic mirrors the window; dark theme follows the system', async ({ browser, server }) => {
  const omarCtx = await browser.newContext({
    locale: 'ar-AE',
    timezoneId: 'Asia/Dubai',
    colorScheme: 'dark',
  });
  const joaoCtx = await browser.newContext({ locale: 'pt-BR', timezoneId: 'America/Sao_Paulo' });
  try {
    const omar = await omarCtx.newPage();
    const joao = await joaoCtx.newPage();
    await signUp(omar, server.url, 'omar-dxb', 'عمر الحسيني', 'Gulf Home Supplies', ar);
    await signUp(joao, server.url, 'joao-sp', 'João Pereira', 'Pereira Têxteis Ltda', ptBR);

    await expect(omar.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(joao.locator('html')).toHaveAttribute('dir', 'ltr');

    await addAndSend(omar, ar, 'joao-sp', 'João Pereira', 'مرحبا! هل يمكنكم إرسال عينات من القماش؟');
    await addAndSend(joao, ptBR, 'omar-dxb', 'عمر الحسيني', 'Olá! Sim, enviamos amostras em 5 dias úteis.');
    await expect(omar.getByRole('log').getByRole('listitem').filter({ hasText: 'Olá!' })).toBeVisible();

    // Mirrored: the rail and the contact list are on the right, the conversation on their left.
    const rail = await omar.getByRole('navigation').boundingBox();
    const list = await omar.getByRole('list', { name: ar.contacts.list }).boundingBox();
    const log = await omar.getByRole('log').boundingBox();
    expect(rail && list && log).toBeTruthy();
    expect(rail!.x).toBeGreaterThan(list!.x);
    expect(list!.x).toBeGreaterThan(log!.x);

    // Dark theme: the page background is dark.
    const bg = await omar.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const [r, g, b] = (bg.match(/\d+/g) ?? []).map(Number);
    expect((r ?? 255) + (g ?? 255) + (b ?? 255)).toBeLessThan(150);

    await omar.screenshot({ path: 'docs/screenshots/chat-rtl-dark.png' });
    await joao.screenshot({ path: 'docs/screenshots/chat-pt-br.png' });
  } finally {
    await omarCtx.close();
    await joaoCtx.close();
  }
});
