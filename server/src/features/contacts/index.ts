/**
 * Contact lists, blocks and contact requests ("ask me first"): contact:* handlers (feature.ts),
 * the contacts table (service.ts) and the requests a user answers (requests.ts, whose socket
 * handlers are in groups/ next to the other list edits). Also who may see whose presence.
 */
export { contactsFeature } from './feature';
export {
  addContacts,
  entriesInOthersLists,
  getContact,
  hasBlocked,
  presenceVisibleTo,
  presenceWatchers,
} from './service';
export { acceptRequest, declineRequest, listRequests } from './requests';
