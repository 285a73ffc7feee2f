/** One conversation: header, message list, composer. What app/ may use. */
export { ConversationView } from './ConversationView';
export { openAt } from './openAt';
