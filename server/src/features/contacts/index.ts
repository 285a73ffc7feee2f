/**
 * Contact lists, blocks and contact requests ("ask me first"): contact:* handlers (feature.ts),
 * the contacts table (service.ts) and the requests a user answers (requests.ts, whose socket
 * handlers are in groups/ next to the other list edits), and the message requests and daily limit
 * of new people that `message:send` asks about (messageRequests.ts). Also who may see whose presence.
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
export { afterSend, gateSend, type SendGate } from './messageRequests';
