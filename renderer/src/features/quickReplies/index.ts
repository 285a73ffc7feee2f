/** Quick replies (issue 11): the composer's picker, the Settings section and the sync app/ plugs in. */
export { useQuickReplyPicker, type QuickReplyPicker } from './ComposerQuickReplies';
export { QuickRepliesSettings } from './QuickRepliesSettings';
export { installQuickReplySync } from './sync';
