/**
 * The whole window mirrors for a right-to-left language and follows a dark system theme:
 * an Arabic-speaking buyer in Dubai talks to a supplier in São Paulo.
 */
import { ar, ptBR } from '../../renderer/src/app/catalogues';
import { expect, test } from './fixtures';
import { addContact, bubble, contactList, messageLog, send, signUp, type Person } from './ui';

// No role is picked: both keep the sign-up form's default.
const OMAR: Person = {
  id: 'omar-dxb',
  name: 'عمر الحسيني',
  company: 'Gulf Home Supplies',
  password: 'a long enough password',
};
const JOAO: Person = {
  id: 'joao-sp',
  name: 'João Pereira',
  company: 'Pereira Têxteis Ltda',
  role: 'seller',
  password: 'a long enough password',
};

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
    await signUp(omar, OMAR, { t: ar, open: server.url });
    await signUp(joao, JOAO, { t: ptBR, open: server.url });

    await expect(omar.locator('html')).toHaveAttribute('dir', 'rtl');
    await expect(joao.locator('html')).toHaveAttribute('dir', 'ltr');

    await addContact(omar, ar, JOAO.id);
    await send(omar, ar, JOAO.name, 'مرحبا! هل يمكنكم إرسال عينات من القماش؟');
    await addContact(joao, ptBR, OMAR.id);
    await send(joao, ptBR, OMAR.name, 'Olá! Sim, enviamos amostras em 5 dias úteis.');
    await expect(bubble(omar, 'Olá!')).toBeVisible();

    // Mirrored: the rail and the contact list are on the right, the conversation on their left.
    const rail = await omar.getByRole('navigation').boundingBox();
    const list = await contactList(omar, ar).boundingBox();
    const log = await messageLog(omar).boundingBox();
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
