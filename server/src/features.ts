/**
 * Every feature of the server, in one list. To add one: write a `FeatureModule`
 * (handlers/registry.ts) and add it here. The order matters only for HTTP routes (first match wins).
 */
import type { FeatureModule } from './handlers/registry';
import { authFeature } from './features/auth';
import { contactsFeature } from './features/contacts';
import { groupsFeature } from './groups/feature';
import { messagesFeature } from './features/messages';
import { presenceFeature } from './features/presence';
import { profileFeature } from './features/profile';
import { receiptsFeature } from './features/receipts';
import { syncFeature } from './features/sync';
import { typingFeature } from './features/typing';
import { translationFeature } from './translation/feature';
import { attachmentsFeature } from './attachments';
import { evidenceFeature } from './evidence';

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
  ];
}
