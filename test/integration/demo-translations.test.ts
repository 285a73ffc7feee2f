/**
 * Issue 12, translation out of the box: a demo server without a DeepL key answers its demo
 * history with the translations stored with the demo data, marked `demo`, and says so in
 * `translate:languages`; any other text stays untranslated (`translation_unavailable`).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../helpers/server';
import { call, closeAll, connect, type Client } from '../helpers/client';
import { seedDemo } from '../../server/src/demo/seed';
import { DEMO_BUYER, DEMO_CONVERSATIONS, DEMO_PASSWORD } from '../../server/src/demo/data';
import { deeplTargetCode } from '../../shared/domain/language';

describe('demo translations without a key', () => {
  let t: TestServer;
  let socket: Client;
  beforeAll(async () => {
    t = await startTestServer('pglite', { demo: true });
    await seedDemo(t.server.ctx);
    socket = await connect(t.url);
    await call(socket, 'auth:signIn', { memberId: DEMO_BUYER, password: DEMO_PASSWORD });
  }, 240_000);
  afterAll(async () => {
    closeAll(socket);
    await t?.close();
  });

  it('answers the demo history from the stored translations, labelled demo; other texts stay untranslated', async () => {
    const languages = await call(socket, 'translate:languages', {});
    expect(languages).toMatchObject({ available: false, demo: true });
    // The reading languages offered are exactly those the demo history is stored in (issue 12).
    const stored = new Set(
      DEMO_CONVERSATIONS.flatMap((c) =>
        c.messages.filter((m) => m.from === 'seller').flatMap((m) => Object.keys(m.translations ?? {})),
      ).map(deeplTargetCode),
    );
    expect(languages.languages.map((l) => l.code).sort()).toEqual([...stored].sort());
    expect(languages.languages.every((l) => l.target)).toBe(true);
    const r = await call(socket, 'translate:texts', {
      targetLang: 'pl',
      items: [
        { id: 'a', text: '请确认唛头和包装要求，我们下周一开始生产。', sourceLang: 'zh' },
        {
          id: 'b',
          text: 'Numuneleri yarın UPS ile gönderiyoruz, takip numarasını paylaşacağım.',
          sourceLang: 'tr',
        },
        { id: 'c', text: '这不是演示数据。', sourceLang: 'zh' },
      ],
    });
    expect(r.items[0]).toMatchObject({
      id: 'a',
      state: 'translated',
      demo: true,
      text: 'Prosimy o potwierdzenie oznaczeń wysyłkowych i wymagań dotyczących pakowania; produkcję zaczynamy w najbliższy poniedziałek.',
    });
    expect(r.items[1]).toMatchObject({ id: 'b', state: 'translated', demo: true });
    expect(r.items[2]).toMatchObject({ id: 'c', state: 'failed', code: 'translation_unavailable' });
    // English too, for a reader who switches the demo to English.
    const en = await call(socket, 'translate:texts', {
      targetLang: 'en',
      items: [{ id: 'a', text: '请确认唛头和包装要求，我们下周一开始生产。', sourceLang: 'zh' }],
    });
    expect(en.items[0]).toMatchObject({ state: 'translated', demo: true });
    expect(en.items[0]?.state === 'translated' && en.items[0].text).toMatch(/^Please confirm/);
  });
});
