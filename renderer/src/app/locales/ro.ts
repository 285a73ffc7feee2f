/**
 * The whole Romanian catalogue: loaded on demand by app/strings.ts's `loadCatalogue` (issue 10,
 * cold start: only the user's language is fetched), typed against English's keys.
 */
import type { Messages } from '../en';
import { ro as shellRo } from '../../i18n/ro';
import { contactsRo, directoryRo } from '../../features/contacts/locales/ro';
import { translationRo } from '../../features/translation/locales/ro';
import { evidenceRo } from '../../features/evidence/locales/ro';
import { searchRo } from '../../features/search/locales/ro';
import { settingsRo } from '../../features/settings/locales/ro';
import { autoReplyRo, quickRepliesRo } from '../../features/desk/locales/ro';
import { conversationRo } from '../../features/conversation/locales/ro';
import { draftRo } from '../../features/attachments/locales/ro';
import { ordersViewRo } from '../../features/orders/locales/ro';
import { waitingRo } from '../../features/clock/locales/ro';

export const ro: Messages = {
  ...shellRo,
  ...contactsRo,
  ...translationRo,
  ...evidenceRo,
  ...searchRo,
  ...settingsRo,
  ...quickRepliesRo,
  ...conversationRo,
  ...draftRo,
  ...ordersViewRo,
  ...directoryRo,
  ...waitingRo,
  ...autoReplyRo,
};
