/**
 * English, the source of every key and the fallback, gathered from the shell's strings (i18n/)
 * and each feature's `strings.ts` (leaf files that import nothing but i18n/'s types). Its own
 * module so that the other languages (app/locales/) can be typed against it without importing
 * app/strings.ts, which loads them. The typed `Messages` makes a missing key in any language a
 * compile error.
 */
import type { Widen } from '../i18n/en';
import { en as shellEn } from '../i18n/en';
import { featureEn } from '../features/contacts/strings';
import { conversationEn } from '../features/conversation/strings';
import { draftEn } from '../features/attachments/strings';
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
  // Issue 10: the composer's stored draft (files that could not be kept, a send not saved).
  ...draftEn,
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
