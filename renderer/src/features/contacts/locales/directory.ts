/**
 * Strings of the contact directory (the rail's Contacts) and of the Unanswered filter of the
 * conversation list (issue 11), in every interface language. Gathered in renderer/src/app/strings.ts.
 */
import type { Widen } from '../../../i18n/en';

export const directoryEn = {
  directory: {
    title: 'Contacts',
    search: 'Search contacts',
    searchPlaceholder: 'Name, ID, company or country',
    list: 'All contacts',
    count_one: '{{count}} contact',
    count_other: '{{count}} contacts',
    noMatch: 'No contact matches “{{query}}”.',
    empty: 'No contacts yet. Add someone by their member ID.',
    chat: 'Chat',
    chatWith: 'Open the chat with {{name}}',
  },
  unanswered: {
    toggle: 'Unanswered',
    toggleHint: 'Show only the conversations waiting on your answer, the longest waiting first',
    list: 'Waiting on your answer, the longest waiting first',
    empty: 'Nothing is waiting on you: every conversation has your answer.',
  },
} as const;

export type DirectoryMessages = Widen<typeof directoryEn>;
