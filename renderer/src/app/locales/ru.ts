/**
 * The whole Russian catalogue: loaded on demand by app/strings.ts's `loadCatalogue` (issue 10,
 * cold start: only the user's language is fetched), typed against English's keys.
 */
import type { Messages } from '../en';
import { ru as shellRu } from '../../i18n/ru';
import { contactsRu, directoryRu } from '../../features/contacts/locales/ru';
import { translationRu } from '../../features/translation/locales/ru';
import { evidenceRu } from '../../features/evidence/locales/ru';
import { searchRu } from '../../features/search/locales/ru';
import { settingsRu } from '../../features/settings/locales/ru';
import { autoReplyRu, quickRepliesRu } from '../../features/desk/locales/ru';
import { conversationRu } from '../../features/conversation/locales/ru';
import { draftRu } from '../../features/attachments/locales/ru';
import { ordersViewRu } from '../../features/orders/locales/ru';
import { waitingRu } from '../../features/clock/locales/ru';

export const ru: Messages = {
  ...shellRu,
  ...contactsRu,
  ...translationRu,
  ...evidenceRu,
  ...searchRu,
  ...settingsRu,
  ...quickRepliesRu,
  ...conversationRu,
  ...draftRu,
  ...ordersViewRu,
  ...directoryRu,
  ...waitingRu,
  ...autoReplyRu,
};
