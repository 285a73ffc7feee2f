/**
 * Strings of the conversation's message actions (issue 11: reply, edit, retract, history),
 * gathered with every language's catalogue in renderer/src/app/strings.ts under the `bubble` key;
 * the other languages are in locales/.
 */
import type { Widen } from '../../i18n/en';

export const conversationEn = {
  bubble: {
    actions: 'Message actions',
    reply: 'Reply',
    edit: 'Edit',
    retract: 'Retract…',
    history: 'Show versions',
    edited: 'edited {{time}}',
    retracted: 'retracted {{time}}',
    retractedText: 'This message was retracted.',
    changeFailed: 'The change was not saved.',
    historyTitle: 'Versions of this message',
    historyIntro: 'Every version stays in the conversation’s signed record and in evidence exports.',
    original: 'Original',
    editVersion: 'Edit',
    retraction: 'Retraction',
    sending: 'sending',
    close: 'Close',
    editing: 'Editing your message',
    editField: 'Edited text',
    editHint: 'Enter to save · Escape to cancel',
    save: 'Save',
    cancel: 'Cancel',
    retractTitle: 'Retract this message?',
    retractText:
      'Both of you will see that it was retracted. The original stays in the signed record and in evidence exports.',
    retractConfirm: 'Retract',
    /** The retraction's write to this device failed: the dialog stays open for another click. */
    retractNotSaved:
      'The retraction could not be saved on this device, so the message is unchanged. Please try again.',
    replyingTo: 'Replying to {{name}}',
    cancelReply: 'Cancel reply',
    quote: 'Quoted message from {{name}}: show it',
    quoteMissing: 'The quoted message is not on this device yet.',
  },
} as const;

export type ConversationMessages = Widen<typeof conversationEn>;
