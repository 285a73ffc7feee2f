/**
 * The whole Polish catalogue: loaded on demand by app/strings.ts's `loadCatalogue` (issue 10,
 * cold start: only the user's language is fetched), typed against English's keys.
 */
import type { Messages } from '../en';
import { pl as shellPl } from '../../i18n/pl';
import { featurePl, directoryPl } from '../../features/contacts/locales/pl';
import { translationPl } from '../../features/translation/locales/pl';
import { evidencePl } from '../../features/evidence/locales/pl';
import { searchPl } from '../../features/search/locales/pl';
import { settingsPl } from '../../features/settings/locales/pl';
import { autoReplyPl, quickRepliesPl } from '../../features/desk/locales/pl';
import { conversationPl } from '../../features/conversation/locales/pl';
import { draftPl } from '../../features/attachments/locales/pl';
import { ordersViewPl } from '../../features/orders/locales/pl';
import { waitingPl } from '../../features/clock/locales/pl';

export const pl: Messages = {
  ...shellPl,
  ...featurePl,
  ...translationPl,
  ...evidencePl,
  ...searchPl,
  ...settingsPl,
  ...quickRepliesPl,
  ...conversationPl,
  ...draftPl,
  ...ordersViewPl,
  ...directoryPl,
  ...waitingPl,
  ...autoReplyPl,
};
