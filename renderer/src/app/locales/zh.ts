/**
 * The whole Chinese (Simplified) catalogue: loaded on demand by app/strings.ts's `loadCatalogue` (issue 10,
 * cold start: only the user's language is fetched), typed against English's keys.
 */
import type { Messages } from '../en';
import { zh as shellZh } from '../../i18n/zh';
import { featureZh, directoryZh } from '../../features/contacts/locales/zh';
import { translationZh } from '../../features/translation/locales/zh';
import { evidenceZh } from '../../features/evidence/locales/zh';
import { searchZh } from '../../features/search/locales/zh';
import { settingsZh } from '../../features/settings/locales/zh';
import { autoReplyZh, quickRepliesZh } from '../../features/desk/locales/zh';
import { conversationZh } from '../../features/conversation/locales/zh';
import { draftZh } from '../../features/attachments/locales/zh';
import { ordersViewZh } from '../../features/orders/locales/zh';
import { waitingZh } from '../../features/clock/locales/zh';

export const zh: Messages = {
  ...shellZh,
  ...featureZh,
  ...translationZh,
  ...evidenceZh,
  ...searchZh,
  ...settingsZh,
  ...quickRepliesZh,
  ...conversationZh,
  ...draftZh,
  ...ordersViewZh,
  ...directoryZh,
  ...waitingZh,
  ...autoReplyZh,
};
