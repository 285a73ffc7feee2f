/** The away auto-reply (issue 11): settings requests and the reply the server sends for an away user. */
export { autoReplyFeature } from './feature';
export { getAutoReply } from './service';
