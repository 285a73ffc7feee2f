/**
 * One `t()` for every visible string, typed from the English file. The UI language comes from
 * the browser's locale; anything without a translation falls back to English.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { ar } from './ar';
import { en } from './en';
import { pl } from './pl';
import { ptBR } from './ptBR';
import { ru } from './ru';
import { tr } from './tr';
import { zh } from './zh';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

export const resources = {
  en: { translation: en },
  pl: { translation: pl },
  zh: { translation: zh },
  ar: { translation: ar },
  'pt-BR': { translation: ptBR },
  ru: { translation: ru },
  tr: { translation: tr },
} as const;

export const SUPPORTED = Object.keys(resources);

/** The best supported language for a list of BCP 47 tags (navigator.languages). */
export function pickLanguage(preferred: readonly string[]): string {
  for (const tag of preferred) {
    if (SUPPORTED.includes(tag)) return tag;
    const base = tag.split('-')[0] ?? tag;
    if (base === 'pt') return 'pt-BR';
    if (SUPPORTED.includes(base)) return base;
  }
  return 'en';
}

const RTL = new Set(['ar', 'fa', 'he', 'ur']);

/** Text direction of a language; the whole window mirrors for right-to-left ones. */
export function directionOf(lang: string): 'rtl' | 'ltr' {
  return RTL.has(lang.split('-')[0] ?? lang) ? 'rtl' : 'ltr';
}

export async function initI18n(): Promise<typeof i18next> {
  const lng = pickLanguage(navigator.languages.length ? navigator.languages : [navigator.language]);
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
