/**
 * The whole Brazilian Portuguese catalogue: loaded on demand by app/strings.ts's `loadCatalogue` (issue 10,
 * cold start: only the user's language is fetched), typed against English's keys.
 */
import type { Messages } from '../en';
import { ptBR as shellPtBR } from '../../i18n/ptBR';
import { contactsPtBR, directoryPtBR } from '../../features/contacts/locales/ptBR';
import { translationPtBR } from '../../features/translation/locales/ptBR';
import { evidencePtBR } from '../../features/evidence/locales/ptBR';
import { searchPtBR } from '../../features/search/locales/ptBR';
import { settingsPtBR } from '../../features/settings/locales/ptBR';
import { autoReplyPtBR, quickRepliesPtBR } from '../../features/desk/locales/ptBR';
import { conversationPtBR } from '../../features/conversation/locales/ptBR';
import { draftPtBR } from '../../features/attachments/locales/ptBR';
import { ordersViewPtBR } from '../../features/orders/locales/ptBR';
import { waitingPtBR } from '../../features/clock/locales/ptBR';

export const ptBR: Messages = {
  ...shellPtBR,
  ...contactsPtBR,
  ...translationPtBR,
  ...evidencePtBR,
  ...searchPtBR,
  ...settingsPtBR,
  ...quickRepliesPtBR,
  ...conversationPtBR,
  ...draftPtBR,
  ...ordersViewPtBR,
  ...directoryPtBR,
  ...waitingPtBR,
  ...autoReplyPtBR,
};
