/**
 * One `t()` for every visible string. The UI language comes from the browser's locale; anything
 * without a translation falls back to English. The catalogues (this folder's shell strings plus
 * each feature's `strings.ts`) are gathered by app/strings.ts, which also types `t()`'s keys, and
 * handed to `initI18n` at start: i18n/ imports no feature.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';

/** Every supported language's whole catalogue, by language tag. */
export type Catalogues = Readonly<Record<string, object>>;

/** The best supported language for a list of BCP 47 tags (navigator.languages). */
export function pickLanguage(preferred: readonly string[], supported: readonly string[]): string {
  for (const tag of preferred) {
    if (supported.includes(tag)) return tag;
    const base = tag.split('-')[0] ?? tag;
    if (base === 'pt') return 'pt-BR';
    if (supported.includes(base)) return base;
  }
  return 'en';
}

const RTL = new Set(['ar', 'fa', 'he', 'ur']);

/** Text direction of a language; the whole window mirrors for right-to-left ones. */
export function directionOf(lang: string): 'rtl' | 'ltr' {
  return RTL.has(lang.split('-')[0] ?? lang) ? 'rtl' : 'ltr';
}

export async function initI18n(catalogues: Catalogues): Promise<typeof i18next> {
  const resources = Object.fromEntries(
    Object.entries(catalogues).map(([lang, translation]) => [lang, { translation }]),
  );
  const lng = pickLanguage(
    navigator.languages.length ? navigator.languages : [navigator.language],
    Object.keys(resources),
  );
  await i18next.use(initReactI18next).init({
    resources,
    lng,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
  });
  const apply = (l: string): void => {
    document.documentElement.lang = l;
    document.documentElement.dir = directionOf(l);
  };
  apply(lng);
  i18next.on('languageChanged', apply);
  return i18next;
}

/** The user's locale for Intl formatting (dates, numbers). */
export function locale(): string {
  return navigator.language || i18next.language || 'en';
}
