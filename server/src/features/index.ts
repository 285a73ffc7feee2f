/**
 * Every feature of the server, in one list, which app.ts and main.ts compose. To add one: write a
 * `FeatureModule` (platform/socket/registry.ts) in its own folder, export it from that folder's
 * index.ts and add it here. The order matters only for HTTP routes (first match wins).
 */
import type { FeatureModule } from '../platform/socket/registry';
import { authFeature } from './auth';
import { contactsFeature } from './contacts';
import { groupsFeature } from './groups';
import { messagesFeature, receiptsFeature, syncFeature, typingFeature } from './messages';
import { presenceFeature } from './presence';
import { profileFeature } from './profile';
import { translationFeature } from './translation';
import { attachmentsFeature } from './attachments';
import { evidenceFeature } from './evidence';
import { autoReplyFeature, quickRepliesFeature } from './desk';

export function defaultFeatures(): FeatureModule[] {
  return [
    authFeature(),
    profileFeature(),
    contactsFeature(),
    groupsFeature(),
    messagesFeature(),
    syncFeature(),
    receiptsFeature(),
    typingFeature(),
    presenceFeature(),
    translationFeature(),
    attachmentsFeature(),
    evidenceFeature(),
    quickRepliesFeature(),
    autoReplyFeature(),
  ];
}
