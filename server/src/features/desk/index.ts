/**
 * The seller's desk (issue 11): quick replies — saved answers per account, synced to all the
 * user's devices — and the away auto-reply — its settings requests and the reply the server
 * sends for an away user.
 */
export { quickRepliesFeature } from './quickReplies';
export { autoReplyFeature } from './autoReply';
export { getAutoReply } from './autoReplyService';
