/**
 * The contact pane, tree, groups, requests (contact and message requests, blocks: issue 11) and
 * notes: what other features and app/ may use.
 */
export { ContactDirectory } from './ContactDirectory';
export { ContactNote } from './ContactNote';
export { ContactPane } from './ContactPane';
export { BlockButton, ConversationGate } from './ConversationGate';
export { RequestPreviewContext, RequestsList, flagOf, type RequestPreview } from './RequestsList';
export { useKnownUser, useRequests, type IncomingRequest, type RequestLists } from './useRequests';
export { installGroupSync } from './groupSync';
export { BusinessHoursFact } from './ProfileExtras';
export { useGroups } from './useTree';
