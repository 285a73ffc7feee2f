/**
 * Strings of the composer's stored draft (issue 10), gathered with every language's catalogue in
 * renderer/src/app/en.ts under the `draft` key; the other languages are in locales/.
 */
import type { Widen } from '../../i18n/en';

export const draftEn = {
  draft: {
    /** A send whose write to this device failed: nothing left the composer. */
    notSaved: 'The message could not be saved on this device. It is still here: please try again.',
    /** An attached file this device could not store (storage full, or the database closed). */
    notStored: '{{name}} could not be stored on this device, so it was not attached.',
    /** A file of the stored draft whose bytes are gone (storage cleared): it is no longer attached. */
    notRestored:
      '{{name}} could not be restored: the file is no longer stored on this device. Attach it again to send it.',
  },
} as const;

export type DraftMessages = Widen<typeof draftEn>;
