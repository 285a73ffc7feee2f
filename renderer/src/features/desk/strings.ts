/**
 * Strings of quick replies (issue 11): the composer's picker and Settings › Quick replies,
 * gathered with every language's catalogue in renderer/src/app/strings.ts under the
 * `quickReplies` key; the other languages are in locales/. `{name}`, `{order}` and `{me}` in
 * single braces are the placeholders users write in their replies: they stay as they are in
 * every language.
 */
import type { Widen } from '../../i18n/en';

export const quickRepliesEn = {
  quickReplies: {
    title: 'Quick replies',
    intro:
      'Saved answers for any conversation: type / at the start of a message, or use the lightning button above the message field, and pick one.',
    placeholders:
      "In the text, {name} becomes your partner's name, {order} the order number of the conversation and {me} your name.",
    scope: 'Saved to your account: the same on all your devices, and there when you are offline.',
    add: 'New quick reply',
    editing: 'Editing “{{name}}”',
    name: 'Name',
    namePlaceholder: 'e.g. Shipping terms',
    text: 'Text',
    textPlaceholder: 'e.g. Hello {name}, we ship within 15 days of payment.',
    addButton: 'Add',
    save: 'Save',
    cancel: 'Cancel',
    edit: 'Edit',
    editNamed: 'Edit {{name}}',
    delete: 'Delete',
    deleteNamed: 'Delete {{name}}',
    list: 'My quick replies',
    count: '{{n}} of {{max}}',
    none: 'No quick replies yet.',
    full: 'You have {{max}} quick replies, the most there can be. Delete one to add another.',
    nameRequired: 'Give the reply a name.',
    nameTooLong: 'A name has at most {{max}} characters.',
    textRequired: 'Write the text of the reply.',
    textTooLong: 'A quick reply has at most {{max}} characters.',
    pending: 'Not on your other devices yet: it will be sent when you are online.',
    refused: 'Not saved to your account. Edit it and save it again.',
    refusedFull:
      'Not saved to your account: you already have {{max}} quick replies. Delete one, then save this one again.',
    open: 'Insert a quick reply',
    picker: 'Quick replies',
    filter: 'Find a quick reply',
    noMatch: 'No quick reply matches.',
    empty: 'No quick replies yet. Add them in Settings › Quick replies.',
    pickerHint: '↑ ↓ choose · Enter inserts · Esc closes',
  },
} as const;

export type QuickRepliesMessages = Widen<typeof quickRepliesEn>;

/**
 * Strings of the away auto-reply (issue 11): the line in an automatic reply's bubble and Settings ›
 * Auto-reply, gathered with every language's catalogue in renderer/src/app/strings.ts under the
 * `autoReply` key; the other languages are in locales/.
 */

export const autoReplyEn = {
  autoReply: {
    automatic: 'Automatic reply',
    backToday: 'Back at {{time}} your time',
    backOn: 'Back on {{day}} at {{time}} your time',
    title: 'Auto-reply',
    intro:
      'While you are away or offline — the app closed counts — the server answers whoever writes to you, once per conversation until you are back, even with all your devices off. The reply is marked as automatic and tells them when your business hours open again, in their own time.',
    enabled: 'Send an automatic reply when I am away',
    text: 'Away text',
    defaultText:
      'Hello, thank you for your message. We are away at the moment and will reply as soon as we are back.',
    translated: 'Buyers read it in their own language: it is machine-translated like every message.',
    save: 'Save text',
    saved: 'Saved.',
    loading: 'Loading…',
    textRequired: 'Write the away text before turning the auto-reply on.',
  },
} as const;

export type AutoReplyMessages = Widen<typeof autoReplyEn>;
