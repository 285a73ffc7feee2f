/** My status, automatic away and my profile, and how others' presence is shown: what other features and app/ may use. */
export { notificationsMuted } from './autoAway';
export { PresenceMenu } from './PresenceMenu';
export { presenceDetail, presenceLine, type Translate as PresenceTranslate } from './presenceText';
export { ProfileEditor } from './ProfileEditor';
export type { ShownPresence } from './shown';
export { usePresenceKnown, useShownPresence } from './useShownPresence';
