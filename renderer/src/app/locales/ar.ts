/**
 * The whole Arabic catalogue: loaded on demand by app/strings.ts's `loadCatalogue` (issue 10,
 * cold start: only the user's language is fetched), typed against English's keys.
 */
import type { Messages } from '../en';
import { ar as shellAr } from '../../i18n/ar';
import { contactsAr, directoryAr } from '../../features/contacts/locales/ar';
import { translationAr } from '../../features/translation/locales/ar';
import { evidenceAr } from '../../features/evidence/locales/ar';
import { searchAr } from '../../features/search/locales/ar';
import { settingsAr } from '../../features/settings/locales/ar';
import { autoReplyAr, quickRepliesAr } from '../../features/desk/locales/ar';
import { conversationAr } from '../../features/conversation/locales/ar';
import { draftAr } from '../../features/attachments/locales/ar';
import { ordersViewAr } from '../../features/orders/locales/ar';
import { waitingAr } from '../../features/clock/locales/ar';

export const ar: Messages = {
  ...shellAr,
  ...contactsAr,
  ...translationAr,
  ...evidenceAr,
  ...searchAr,
  ...settingsAr,
  ...quickRepliesAr,
  ...conversationAr,
  ...draftAr,
  ...ordersViewAr,
  ...directoryAr,
  ...waitingAr,
  ...autoReplyAr,
};
