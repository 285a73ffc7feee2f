/**
 * Every language has every key of English, with the same placeholders, and each plural key with
 * exactly the forms Intl.PluralRules has for that language (Polish one/few/many/other, Arabic
 * zero/one/two/few/many/other…). Then a few sentences rendered through a real i18next, as the
 * window renders them: plurals picked right, numbers in the locale's digits.
 */
import { createInstance, type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import { numberFormatter } from '../i18n';
import { interfaceLanguages, loadCatalogue, type Language } from './strings';

/** Every language's catalogue, each loaded as the window loads it (its own chunk but English). */
const catalogues = Object.fromEntries(
  await Promise.all(interfaceLanguages.map(async (l) => [l.code, await loadCatalogue(l.code)] as const)),
) as Record<Language, object>;

type Flat = Map<string, string>;

function flatten(node: object, prefix = '', out: Flat = new Map()): Flat {
  for (const [k, v] of Object.entries(node)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else flatten(v as object, key, out);
  }
  return out;
}

const PLURAL = /_(zero|one|two|few|many|other)$/;

/** Non-plural keys, and plural keys grouped by base → the forms present. */
function shape(flat: Flat): { plain: Set<string>; plural: Map<string, Set<string>> } {
  const plain = new Set<string>();
  const plural = new Map<string, Set<string>>();
  for (const key of flat.keys()) {
    const m = PLURAL.exec(key);
    if (!m) {
      plain.add(key);
      continue;
    }
    const base = key.slice(0, -m[0].length);
    const forms = plural.get(base) ?? new Set<string>();
    forms.add(m[1] ?? '');
    plural.set(base, forms);
  }
  return { plain, plural };
}

const placeholders = (s: string): string[] =>
  [...s.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1] ?? '').sort();

const en = flatten(catalogues.en);
const enShape = shape(en);
const languages = Object.keys(catalogues).filter((l) => l !== 'en') as Language[];

describe('message catalogues', () => {
  it('offers the nine interface languages, each in Settings', () => {
    expect(Object.keys(catalogues).sort()).toEqual(
      ['ar', 'en', 'fa', 'pl', 'pt-BR', 'ro', 'ru', 'tr', 'zh'].sort(),
    );
    expect(interfaceLanguages.map((l) => l.code).sort()).toEqual(Object.keys(catalogues).sort());
  });

  for (const lang of languages) {
    describe(lang, () => {
      const flat = flatten(catalogues[lang]);
      const { plain, plural } = shape(flat);
      const categories = new Intl.PluralRules(lang).resolvedOptions().pluralCategories as string[];

      it('has every key of English and no other', () => {
        expect([...plain].sort()).toEqual([...enShape.plain].sort());
        expect([...plural.keys()].sort()).toEqual([...enShape.plural.keys()].sort());
      });

      it('has no empty string', () => {
        expect([...flat].filter(([, v]) => v.trim() === '').map(([k]) => k)).toEqual([]);
      });

      it('has the same placeholders as English in every string', () => {
        const wrong: string[] = [];
        for (const key of plain) {
          const want = placeholders(en.get(key) ?? '');
          if (placeholders(flat.get(key) ?? '').join() !== want.join()) wrong.push(key);
        }
        for (const [base, forms] of plural) {
          const want = placeholders(en.get(`${base}_other`) ?? '');
          for (const form of forms) {
            const got = placeholders(flat.get(`${base}_${form}`) ?? '');
            // "one message", "رسالتان": a form for one exact number may spell the count out.
            const spelled = ['zero', 'one', 'two'].includes(form);
            const need = spelled ? want.filter((p) => p !== 'count') : want;
            const ok = got.join() === want.join() || (spelled && got.join() === need.join());
            if (!ok) wrong.push(`${base}_${form}`);
          }
        }
        expect(wrong).toEqual([]);
      });

      it(`has exactly its plural forms (${categories.join(', ')})`, () => {
        for (const [base, forms] of plural) {
          // English's _one/_other are required by the catalogue type even where Intl has no
          // `one` (Chinese); any other form must be one of this language's categories.
          const allowed = new Set([...categories, 'one', 'other']);
          expect(
            [...forms].filter((f) => !allowed.has(f)),
            base,
          ).toEqual([]);
          expect(
            categories.filter((c) => !forms.has(c)),
            base,
          ).toEqual([]);
        }
      });
    });
  }

  // Words that stay in Latin letters in every language: names, codes, file names, and the
  // placeholders users write in their quick replies ({name}, {order}, {me}).
  const LATIN_OK =
    /\{(name|order|me)\}|\b(Tradewind|DeepL|AliExpress|Alibaba|Trade|Assurance|MOQ|FOB|IP20|IP65|PDF|API|ID|Ctrl|Shift|Enter|Esc|settings\.json|TRADEWIND_SERVER_URL|DEEPL_AUTH_KEY|docs\/operations\.md|https?|yiwu-bright)\b/g;
  for (const lang of ['ar', 'fa', 'ru', 'zh'] as const) {
    it(`${lang} has no English left (no stray Latin words)`, () => {
      const stray = [...flatten(catalogues[lang])]
        .map(([k, v]) => [k, v.replace(/\{\{[^}]*\}\}/g, '').replace(LATIN_OK, '')] as const)
        .filter(([, v]) => /[A-Za-z]{2,}/.test(v))
        .map(([k]) => k);
      expect(stray).toEqual([]);
    });
  }
});

async function tIn(lang: string): Promise<TFunction> {
  const i18n = createInstance();
  await i18n.use(numberFormatter).init({
    resources: Object.fromEntries(Object.entries(catalogues).map(([l, c]) => [l, { translation: c }])),
    lng: lang,
    fallbackLng: 'en',
    interpolation: { escapeValue: false, alwaysFormat: true },
    showSupportNotice: false,
  });
  return i18n.t;
}

describe('sentences as rendered', () => {
  it('picks Polish plural forms: 1 załącznik, 3 załączniki, 5 załączników', async () => {
    const t = await tIn('pl');
    expect(t('evidence.nAttachments', { count: 1 })).toBe('1 załącznik');
    expect(t('evidence.nAttachments', { count: 3 })).toBe('3 załączniki');
    expect(t('evidence.nAttachments', { count: 5 })).toBe('5 załączników');
    expect(t('evidence.nMessages', { count: 22 })).toBe('22 wiadomości');
  });

  it('picks Russian and Arabic forms', async () => {
    const ru = await tIn('ru');
    expect(ru('evidence.nMessages', { count: 21 })).toBe('21 сообщение');
    expect(ru('evidence.nMessages', { count: 24 })).toBe('24 сообщения');
    expect(ru('evidence.nMessages', { count: 25 })).toBe('25 сообщений');
    const ar = await tIn('ar');
    expect(ar('evidence.nAttachments', { count: 2 })).toBe('مرفقان');
    expect(ar('evidence.nAttachments', { count: 1 })).toBe('مرفق واحد');
  });

  it('writes numbers in the locale: Persian digits, grouping', async () => {
    const fa = await tIn('fa');
    expect(fa('evidence.nMessages', { count: 1250 })).toBe('۱٬۲۵۰ پیام');
    const en = await tIn('en');
    expect(en('evidence.nMessages', { count: 1250 })).toBe('1,250 messages');
  });
});
