/**
 * Strings of message search (issue 10): the search box and dialog, its filters, the index's
 * progress and Ctrl/Cmd+F inside a conversation. Gathered with every language's catalogue in
 * renderer/src/app/strings.ts; English is the source of the keys.
 */
import type { Widen } from '../../i18n/en';

export const searchEn = {
  search: {
    open: 'Search messages',
    title: 'Search messages',
    field: 'Words to find',
    placeholder: 'A word in the original or the translation, e.g. IP65',
    results: 'Messages found',
    found: 'Messages found: {{n}}',
    newest: 'The newest {{shown}} of {{total}} are shown. Add a word or a filter to narrow down.',
    foundMore: 'Messages found: more than {{n}}',
    newestOfMore: 'The newest {{shown}} are shown. Add a word or a filter to narrow down.',
    none: 'No message matches.',
    indexing: 'Indexing messages for search',
    indexingText: 'Indexing messages for search: {{done}} of {{total}}',
    incomplete: 'Still indexing: older messages may be missing from the results.',
    hint: '↑ ↓ choose · Enter opens the conversation at the message · Esc closes',
    close: 'Close',
    translation: 'Translation',
    filters: 'Filters',
    contact: 'Contact',
    anyContact: 'Any contact',
    order: 'Order number',
    from: 'From',
    to: 'To',
    addContact: '+ Contact',
    addOrder: '+ Order',
    addDate: '+ Date',
    apply: 'Apply',
    chipContact: 'Contact: {{name}}',
    chipOrder: 'Order {{order}}',
    chipDate: '{{from}} – {{to}}',
    remove: 'Remove the filter “{{name}}”',
    find: 'Find in this conversation',
    findPlaceholder: 'Find in this conversation',
    findCount: '{{index}} of {{n}}',
    findNone: 'No matches',
    previous: 'Previous match',
    next: 'Next match',
    closeFind: 'Close find',
  },
} as const;

export type SearchMessages = Widen<typeof searchEn>;
