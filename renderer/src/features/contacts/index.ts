/**
 * The contact pane, tree, groups, requests (contact and message requests, blocks: issue 11) and
 * notes: what other features and app/ may use.
 */
import { lazyView } from '../../ui/lazyView';
/** Loaded on demand: not on the first screen (issue 10, cold start). */
export const ContactDirectory = lazyView(() => import('./ContactDirectory').then((m) => m.ContactDirectory));
export { ContactNote } from './ContactNote';
export { ContactPane } from './ContactPane';
export { BlockButton, ConversationGate } from './ConversationGate';
export { RequestPreviewContext, RequestsList, type RequestPreview } from './RequestsList';
export { useKnownUser, useRequests, type IncomingRequest, type RequestLists } from './useRequests';
export { installGroupSync } from './groupSync';
export { BusinessHoursFact } from './ProfileExtras';
export { keepTreeEntries, useGroups } from './useTree';
