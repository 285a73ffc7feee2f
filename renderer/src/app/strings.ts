/**
 * Every language's whole catalogue: the shell's strings (i18n/) with each feature's own
 * `strings.ts` (leaf files that import nothing but i18n/'s types). Gathered here, at the top, and
 * handed to `initI18n` at start, so i18n/ imports no feature and nothing circles.
 * The typed `Messages` makes a missing key in any language a compile error.
 */
import type { Widen } from '../i18n/en';
import { en as shellEn } from '../i18n/en';
import { ar as shellAr } from '../i18n/ar';
import { pl as shellPl } from '../i18n/pl';
import { ptBR as shellPtBR } from '../i18n/ptBR';
import { ru as shellRu } from '../i18n/ru';
import { tr as shellTr } from '../i18n/tr';
import { zh as shellZh } from '../i18n/zh';
import { fa as shellFa } from '../i18n/fa';
import { ro as shellRo } from '../i18n/ro';
import { featureEn, featurePl, featureZh } from '../features/contacts/strings';
import { contactsAr } from '../features/contacts/locales/ar';
import { contactsFa } from '../features/contacts/locales/fa';
import { contactsPtBR } from '../features/contacts/locales/ptBR';
import { contactsRo } from '../features/contacts/locales/ro';
import { contactsRu } from '../features/contacts/locales/ru';
import { contactsTr } from '../features/contacts/locales/tr';
import { conversationEn, conversationPl, conversationZh } from '../features/conversation/strings';
import { conversationAr } from '../features/conversation/locales/ar';
import { conversationFa } from '../features/conversation/locales/fa';
import { conversationPtBR } from '../features/conversation/locales/ptBR';
import { conversationRo } from '../features/conversation/locales/ro';
import { conversationRu } from '../features/conversation/locales/ru';
import { conversationTr } from '../features/conversation/locales/tr';
import { evidenceEn, evidencePl, evidenceZh } from '../features/evidence/strings';
import { evidenceAr } from '../features/evidence/locales/ar';
import { evidenceFa } from '../features/evidence/locales/fa';
import { evidencePtBR } from '../features/evidence/locales/ptBR';
import { evidenceRo } from '../features/evidence/locales/ro';
import { evidenceRu } from '../features/evidence/locales/ru';
import { evidenceTr } from '../features/evidence/locales/tr';
import { settingsEn, settingsPl, settingsZh } from '../features/settings/strings';
import { settingsAr } from '../features/settings/locales/ar';
import { settingsFa } from '../features/settings/locales/fa';
import { settingsPtBR } from '../features/settings/locales/ptBR';
import { settingsRo } from '../features/settings/locales/ro';
import { settingsRu } from '../features/settings/locales/ru';
import { settingsTr } from '../features/settings/locales/tr';
import { translationEn, translationPl, translationZh } from '../features/translation/strings';
import { translationAr } from '../features/translation/locales/ar';
import { translationFa } from '../features/translation/locales/fa';
import { translationPtBR } from '../features/translation/locales/ptBR';
import { translationRo } from '../features/translation/locales/ro';
import { translationRu } from '../features/translation/locales/ru';
import { translationTr } from '../features/translation/locales/tr';
import { autoReplyEn, quickRepliesEn } from '../features/desk/strings';
import { autoReplyAr, quickRepliesAr } from '../features/desk/locales/ar';
import { autoReplyFa, quickRepliesFa } from '../features/desk/locales/fa';
import { autoReplyPl, quickRepliesPl } from '../features/desk/locales/pl';
import { autoReplyPtBR, quickRepliesPtBR } from '../features/desk/locales/ptBR';
import { autoReplyRo, quickRepliesRo } from '../features/desk/locales/ro';
import { autoReplyRu, quickRepliesRu } from '../features/desk/locales/ru';
import { autoReplyTr, quickRepliesTr } from '../features/desk/locales/tr';
import { autoReplyZh, quickRepliesZh } from '../features/desk/locales/zh';
import {
  searchAr,
  searchEn,
  searchFa,
  searchPl,
  searchPtBR,
  searchRo,
  searchRu,
  searchTr,
  searchZh,
} from '../features/search/strings';

import {
  ordersViewAr,
  ordersViewEn,
  ordersViewFa,
  ordersViewPl,
  ordersViewPtBR,
  ordersViewRo,
  ordersViewRu,
  ordersViewTr,
  ordersViewZh,
} from '../features/orders/locales/ordersView';
import {
  directoryAr,
  directoryEn,
  directoryFa,
  directoryPl,
  directoryPtBR,
  directoryRo,
  directoryRu,
  directoryTr,
  directoryZh,
} from '../features/contacts/locales/directory';
import {
  waitingAr,
  waitingEn,
  waitingFa,
  waitingPl,
  waitingPtBR,
  waitingRo,
  waitingRu,
  waitingTr,
  waitingZh,
} from '../features/clock/locales/waiting';

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

export const pl: Messages = {
  ...shellPl,
  ...featurePl,
  ...translationPl,
  ...evidencePl,
  ...searchPl,
  ...settingsPl,
  ...quickRepliesPl,
  ...conversationPl,
  ...ordersViewPl,
  ...directoryPl,
  ...waitingPl,
  ...autoReplyPl,
};
export const zh: Messages = {
  ...shellZh,
  ...featureZh,
  ...translationZh,
  ...evidenceZh,
  ...searchZh,
  ...settingsZh,
  ...quickRepliesZh,
  ...conversationZh,
  ...ordersViewZh,
  ...directoryZh,
  ...waitingZh,
  ...autoReplyZh,
};
export const ar: Messages = {
  ...shellAr,
  ...contactsAr,
  ...translationAr,
  ...evidenceAr,
  ...searchAr,
  ...settingsAr,
  ...quickRepliesAr,
  ...conversationAr,
  ...ordersViewAr,
  ...directoryAr,
  ...waitingAr,
  ...autoReplyAr,
};
export const fa: Messages = {
  ...shellFa,
  ...contactsFa,
  ...translationFa,
  ...evidenceFa,
  ...searchFa,
  ...settingsFa,
  ...quickRepliesFa,
  ...conversationFa,
  ...ordersViewFa,
  ...directoryFa,
  ...waitingFa,
  ...autoReplyFa,
};
export const ptBR: Messages = {
  ...shellPtBR,
  ...contactsPtBR,
  ...translationPtBR,
  ...evidencePtBR,
  ...searchPtBR,
  ...settingsPtBR,
  ...quickRepliesPtBR,
  ...conversationPtBR,
  ...ordersViewPtBR,
  ...directoryPtBR,
  ...waitingPtBR,
  ...autoReplyPtBR,
};
export const ro: Messages = {
  ...shellRo,
  ...contactsRo,
  ...translationRo,
  ...evidenceRo,
  ...searchRo,
  ...settingsRo,
  ...quickRepliesRo,
  ...conversationRo,
  ...ordersViewRo,
  ...directoryRo,
  ...waitingRo,
  ...autoReplyRo,
};
export const ru: Messages = {
  ...shellRu,
  ...contactsRu,
  ...translationRu,
  ...evidenceRu,
  ...searchRu,
  ...settingsRu,
  ...quickRepliesRu,
  ...conversationRu,
  ...ordersViewRu,
  ...directoryRu,
  ...waitingRu,
  ...autoReplyRu,
};
export const tr: Messages = {
  ...shellTr,
  ...contactsTr,
  ...translationTr,
  ...evidenceTr,
  ...searchTr,
  ...settingsTr,
  ...quickRepliesTr,
  ...conversationTr,
  ...ordersViewTr,
  ...directoryTr,
  ...waitingTr,
  ...autoReplyTr,
};

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** What `initI18n` loads, by language tag. */
export const catalogues = {
  en,
  zh,
  pl,
  'pt-BR': ptBR,
  ro,
  ar,
  fa,
  ru,
  tr,
} as const;

/** The interface languages in the order Settings lists them, each named in itself. */
export const interfaceLanguages: readonly { code: keyof typeof catalogues; name: string }[] = [
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
