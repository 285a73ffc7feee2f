/**
 * English, the source of every key and the fallback, gathered from the shell's strings (i18n/)
 * and each feature's `strings.ts` (leaf files that import nothing but i18n/'s types); every other
 * language is its own chunk (app/locales/), loaded by `loadCatalogue` only when it is the user's
 * (issue 10, cold start: 8 of the 9 catalogues are not downloaded or compiled at start).
 * Gathered here, at the top, and handed to `initI18n`, so i18n/ imports no feature and nothing
 * circles. The typed `Messages` makes a missing key in any language a compile error.
 */
import type { Widen } from '../i18n/en';
import { en as shellEn } from '../i18n/en';
import { featureEn } from '../features/contacts/strings';
import { conversationEn } from '../features/conversation/strings';
import { evidenceEn } from '../features/evidence/strings';
import { settingsEn } from '../features/settings/strings';
import { translationEn } from '../features/translation/strings';
import { autoReplyEn, quickRepliesEn } from '../features/desk/strings';
import { searchEn } from '../features/search/strings';
import { ordersViewEn } from '../features/orders/locales/ordersView';
import { directoryEn } from '../features/contacts/locales/directory';
import { waitingEn } from '../features/clock/locales/waiting';

/** English: the source of every key. Other languages are typed against this shape. */
export const en = {
  ...shellEn,
  // Issue 3: contact tree, requests, notes, presence, clocks.
  ...featureEn,
  // Issue 4: translation.
  ...translationEn,
  // Issue 5: photos and files, orders, evidence export.
  ...evidenceEn,
  // Issue 10: message search.
  ...searchEn,
  // Issue 12: settings.
  ...settingsEn,
  // Issue 11: quick replies.
  ...quickRepliesEn,
  // Issue 11: reply, edit, retract and their history.
  ...conversationEn,
  // Issue 11: the rail's orders view and contact directory, the Unanswered queue.
  ...ordersViewEn,
  ...directoryEn,
  ...waitingEn,
  ...autoReplyEn,
} as const;

/** The shape every translation must have (same keys, any strings). */
export type Messages = Widen<typeof en>;

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

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
