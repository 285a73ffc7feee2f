/** My status, automatic away and my profile: what other features and app/ may use. */
export { notificationsMuted } from './autoAway';
export { PresenceMenu } from './PresenceMenu';
export { ProfileEditor } from './ProfileEditor';
