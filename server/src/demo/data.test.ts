import { describe, expect, it } from 'vitest';
import { DEMO_CONVERSATIONS, DEMO_USERS } from './data';

/** The interface languages (renderer/src/i18n): the demo reads in each of them without a key. */
const INTERFACE = ['en', 'zh', 'pl', 'pt-BR', 'ro', 'ar', 'fa', 'ru', 'tr'];

describe('demo translations (issue 12)', () => {
  it('cover every reading language the demo offers for every message the buyer reads', () => {
    // The server offers, without a key, every language some stored translation is in
    // (translate:languages); a reader who picks one must find the whole history translated.
    const offered = new Set(
      DEMO_CONVERSATIONS.flatMap((c) => c.messages.flatMap((m) => Object.keys(m.translations ?? {}))),
    );
    expect([...offered].sort()).toEqual([...INTERFACE].sort());
    for (const c of DEMO_CONVERSATIONS)
      for (const m of c.messages.filter((x) => x.from === 'seller'))
        for (const lang of offered)
          if (lang !== m.lang) expect(m.translations?.[lang], `${m.text} → ${lang}`).toBeTruthy();
  });

  it("covers each supplier's language for the buyer's messages", () => {
    for (const c of DEMO_CONVERSATIONS) {
      const seller = DEMO_USERS.find((u) => u.memberId === c.seller);
      for (const m of c.messages.filter((x) => x.from === 'buyer'))
        expect(m.translations?.[seller?.readLanguage ?? ''], m.text).toBeTruthy();
    }
  });
});
