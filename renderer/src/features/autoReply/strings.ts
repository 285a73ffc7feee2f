/**
 * Strings of the away auto-reply (issue 11): the line in an automatic reply's bubble and Settings ›
 * Auto-reply, gathered with every language's catalogue in renderer/src/app/strings.ts under the
 * `autoReply` key; the other languages are in locales/.
 */
import type { Widen } from '../../i18n/en';

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
