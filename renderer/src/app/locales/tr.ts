/**
 * The whole Turkish catalogue: loaded on demand by app/strings.ts's `loadCatalogue` (issue 10,
 * cold start: only the user's language is fetched), typed against English's keys.
 */
import type { Messages } from '../en';
import { tr as shellTr } from '../../i18n/tr';
import { contactsTr, directoryTr } from '../../features/contacts/locales/tr';
import { translationTr } from '../../features/translation/locales/tr';
import { evidenceTr } from '../../features/evidence/locales/tr';
import { searchTr } from '../../features/search/locales/tr';
import { settingsTr } from '../../features/settings/locales/tr';
import { autoReplyTr, quickRepliesTr } from '../../features/desk/locales/tr';
import { conversationTr } from '../../features/conversation/locales/tr';
import { draftTr } from '../../features/attachments/locales/tr';
import { ordersViewTr } from '../../features/orders/locales/tr';
import { waitingTr } from '../../features/clock/locales/tr';

export const tr: Messages = {
  ...shellTr,
  ...contactsTr,
  ...translationTr,
  ...evidenceTr,
  ...searchTr,
  ...settingsTr,
  ...quickRepliesTr,
  ...conversationTr,
  ...draftTr,
  ...ordersViewTr,
  ...directoryTr,
  ...waitingTr,
  ...autoReplyTr,
};
