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
import { featureEn, featurePl, featureZh } from '../features/contacts/strings';
import { evidenceEn, evidencePl, evidenceZh } from '../features/evidence/strings';
import { translationEn, translationPl, translationZh } from '../features/translation/strings';

/** English: the source of every key. Other languages are typed against this shape. */
export const en = {
  ...shellEn,
  // Issue 3: contact tree, requests, notes, presence, clocks.
  ...featureEn,
  // Issue 4: translation.
  ...translationEn,
  // Issue 5: photos and files, orders, evidence export.
  ...evidenceEn,
} as const;

/** The shape every translation must have (same keys, any strings). */
export type Messages = Widen<typeof en>;

export const pl: Messages = { ...shellPl, ...featurePl, ...translationPl, ...evidencePl };
export const zh: Messages = { ...shellZh, ...featureZh, ...translationZh, ...evidenceZh };
// Issues 3, 4 and 5 are English in these languages until translated.
export const ar: Messages = { ...shellAr, ...featureEn, ...translationEn, ...evidenceEn };
export const ptBR: Messages = { ...shellPtBR, ...featureEn, ...translationEn, ...evidenceEn };
export const ru: Messages = { ...shellRu, ...featureEn, ...translationEn, ...evidenceEn };
export const tr: Messages = { ...shellTr, ...featureEn, ...translationEn, ...evidenceEn };

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

/** What `initI18n` loads, by language tag. */
export const catalogues = {
  en,
  pl,
  zh,
  ar,
  'pt-BR': ptBR,
  ru,
  tr,
} as const;
