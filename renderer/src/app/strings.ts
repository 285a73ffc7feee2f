/**
 * English, the source of every key and the fallback, gathered from the shell's strings (i18n/)
 * and each feature's `strings.ts` (leaf files that import nothing but i18n/'s types); every other
 * language is its own chunk (app/locales/), loaded by `loadCatalogue` only when it is the user's
 * (issue 10, cold start: 8 of the 9 catalogues are not downloaded or compiled at start).
 * Gathered here, at the top, and handed to `initI18n`, so i18n/ imports no feature and nothing
 * circles (English itself is in app/en.ts, which the other languages are typed against).
 */
import { en, type Messages } from './en';

export { en, type Messages };

/** The interface languages' tags. */
export type Language = 'en' | 'zh' | 'pl' | 'pt-BR' | 'ro' | 'ar' | 'fa' | 'ru' | 'tr';

/** One language's whole catalogue: English at once, any other as its own chunk. */
export async function loadCatalogue(lang: Language): Promise<Messages> {
  switch (lang) {
    case 'en':
      return en;
    case 'zh':
      return (await import('./locales/zh')).zh;
    case 'pl':
      return (await import('./locales/pl')).pl;
    case 'pt-BR':
      return (await import('./locales/ptBR')).ptBR;
    case 'ro':
      return (await import('./locales/ro')).ro;
    case 'ar':
      return (await import('./locales/ar')).ar;
    case 'fa':
      return (await import('./locales/fa')).fa;
    case 'ru':
      return (await import('./locales/ru')).ru;
    case 'tr':
      return (await import('./locales/tr')).tr;
  }
}

/** The interface languages in the order Settings lists them, each named in itself. */
export const interfaceLanguages: readonly { code: Language; name: string }[] = [
  { code: 'en', name: 'English' },
  { code: 'zh', name: '中文（简体）' },
  { code: 'pl', name: 'Polski' },
  { code: 'pt-BR', name: 'Português (Brasil)' },
  { code: 'ro', name: 'Română' },
  { code: 'ar', name: 'العربية' },
  { code: 'fa', name: 'فارسی' },
  { code: 'ru', name: 'Русский' },
  { code: 'tr', name: 'Türkçe' },
];
