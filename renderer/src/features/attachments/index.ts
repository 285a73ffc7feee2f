/** Photos and files (issue 5): what other features and app/ may use. */
export { AttachmentList } from './AttachmentList';
export { AttachButton, DraftAttachments } from './ComposerAttachments';
export {
  addDraftFiles,
  dropLostFiles,
  forgetSentFiles,
  keepDraftOrder,
  loadDraftFiles,
  useDraftAttachments,
  type DraftScope,
} from './drafts';
export { AttachmentsLost, composeRichMessage, loadAttachment } from './store';
export { installAttachmentSync } from './syncPlugin';
