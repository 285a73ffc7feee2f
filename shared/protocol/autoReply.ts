/**
 * Away auto-reply settings (issue 11, the seller's desk; docs/protocol.md § Away auto-reply).
 * The reply itself is a `Message` with `automatic` set (schemas.ts), sent by the server; these
 * are the settings a user keeps on the server so it works while every device of theirs is closed.
 */
import { z } from 'zod';
import { LanguageCode } from './schemas';
import { text } from './text';

export const AUTO_REPLY_LIMITS = {
  /** Characters of the away text (trimmed): a short note, not a letter. */
  text: 1000,
} as const;

export const AutoReplyText = text({
  field: 'away text',
  max: AUTO_REPLY_LIMITS.text,
  trim: true,
  multiline: true,
  tooLong: `An away text has at most ${AUTO_REPLY_LIMITS.text} characters.`,
});

/**
 * A user's away auto-reply. Off until its owner turns it on (`enabled: false`, `text: ''` for an
 * account that never saved one, `updatedAt: null`): a message in their name goes into a signed
 * record only after they have read and accepted its words. `lang` is the text's language when the
 * owner's client knew it (readers' clients then translate from it), else null.
 */
export const AutoReplySettings = z.object({
  enabled: z.boolean(),
  text: z.string(),
  lang: LanguageCode.nullable(),
  updatedAt: z.string().nullable(),
});
export type AutoReplySettings = z.infer<typeof AutoReplySettings>;

/**
 * Changes the settings; fields not given keep their value. Turning it on needs a non-blank text
 * (given here or stored); the text's `lang` is replaced whenever `text` is given (absent = unknown).
 */
export const AutoReplySetRequest = z
  .object({
    enabled: z.boolean().optional(),
    text: AutoReplyText.optional(),
    lang: LanguageCode.optional(),
  })
  .strict();
export type AutoReplySetRequest = z.input<typeof AutoReplySetRequest>;
