/**
 * The seller's desk (issue 11): quick replies — the composer's picker, the Settings section and
 * the sync app/ plugs in — and the away auto-reply — its Settings section and the line an
 * automatic reply's bubble carries.
 */
export { useQuickReplyPicker, type QuickReplyPicker } from './ComposerQuickReplies';
export { QuickRepliesSettings } from './QuickRepliesSettings';
export { installQuickReplySync } from './sync';
export { AutoReplySettings } from './AutoReplySettings';
export { AutomaticNote } from './AutomaticNote';
