/**
 * The whole Persian catalogue: loaded on demand by app/strings.ts's `loadCatalogue` (issue 10,
 * cold start: only the user's language is fetched), typed against English's keys.
 */
import type { Messages } from '../en';
import { fa as shellFa } from '../../i18n/fa';
import { contactsFa, directoryFa } from '../../features/contacts/locales/fa';
import { translationFa } from '../../features/translation/locales/fa';
import { evidenceFa } from '../../features/evidence/locales/fa';
import { searchFa } from '../../features/search/locales/fa';
import { settingsFa } from '../../features/settings/locales/fa';
import { autoReplyFa, quickRepliesFa } from '../../features/desk/locales/fa';
import { conversationFa } from '../../features/conversation/locales/fa';
import { draftFa } from '../../features/attachments/locales/fa';
import { ordersViewFa } from '../../features/orders/locales/fa';
import { waitingFa } from '../../features/clock/locales/fa';

export const fa: Messages = {
  ...shellFa,
  ...contactsFa,
  ...translationFa,
  ...evidenceFa,
  ...searchFa,
  ...settingsFa,
  ...quickRepliesFa,
  ...conversationFa,
  ...draftFa,
  ...ordersViewFa,
  ...directoryFa,
  ...waitingFa,
  ...autoReplyFa,
};
