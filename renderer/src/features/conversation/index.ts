/** One conversation: header, message list, composer, jumps. What app/ and other features may use. */
export { ConversationView, openingConversation } from './ConversationView';
/** Open a conversation at a message (search results, jumps); the message flashes once. */
export { openAt } from './openAt';
