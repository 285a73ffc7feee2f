/**
 * Strings of issue 4 (translation), gathered with every language's catalogue in
 * renderer/src/app/strings.ts under the `translation` key. English is the source of the keys; languages without their own block
 * use the English one.
 */
import type { Widen } from '../../i18n/en';
export const translationEn = {
  translation: {
    machine: 'machine translation · DeepL',
    machineGlossary: 'machine translation · DeepL · glossary',
    approved: 'translation approved by sender',
    showOriginal: 'Show original',
    showTranslation: 'Show translation',
    original: 'original',
    translating: 'translating…',
    notTranslated: 'not translated',
    notTranslatedRetrying: 'not translated · retrying',
    notTranslatedQuota: 'not translated · translation budget used up',
    notTranslatedUnsupported: 'not translated · DeepL does not offer {{lang}}',
    sentAs: 'sent as ({{lang}})',
    sentMachine: 'no approved translation · shown in {{lang}} as a DeepL machine translation',
    glossaryScope: 'Applies to',
    scopeContact: 'this contact',
    scopeGroup: 'the group {{group}}',
    glossaryBothWays: 'Also used the other way, for messages from {{target}} into {{source}}.',
    previewUnsupported:
      'No preview: DeepL does not offer {{lang}}. The message will be sent without a translation.',
    readIn: 'Read in',
    readInLabel: 'Reading language for this conversation',
    myLanguage: 'My language ({{lang}})',
    off: 'Translation off',
    showOriginals: 'Show originals',
    serverOff: 'Live translation is off: it needs the server operator’s DeepL API key.',
    noKeyHowTo:
      'The operator starts the server with DEEPL_AUTH_KEY set to a DeepL API key (docs/operations.md); nothing else changes.',
    demo: 'translation stored with the demo data',
    demoNotice:
      'The demo conversations show translations stored with the demo data, labelled as such; other messages stay in their original language until the operator sets a key.',
    panelTitle: 'Translation',
    myReadLanguage: 'I read in',
    myReadLanguageHint: 'Incoming messages are translated into it unless a conversation says otherwise.',
    preview: 'Translation preview',
    previewInto: '→ {{lang}}:',
    back: '↺ back:',
    previewWorking: 'translating…',
    previewFailed: 'No preview: {{reason}} The message will be sent without a translation.',
    previewSame: 'Already in {{lang}}: sent as written.',
    willSendApproved: 'sent with this translation',
    glossary: 'Glossary with {{name}}',
    glossaryHint: 'Terms such as MOQ, FOB or product names that must always be translated one way.',
    glossaryPair: 'From {{source}} into {{target}}',
    glossaryEmpty: 'No terms yet.',
    term: 'Term',
    termTranslation: 'Translation',
    addTerm: 'Add term',
    removeTerm: 'Remove {{term}}',
    saveGlossary: 'Save glossary',
    deleteGlossary: 'Delete glossary',
    saved: 'Glossary saved.',
    noGlossarySupport:
      '{{lang}} has no glossary support at DeepL: its translations work, fixed terms do not.',
    languageLacks: 'no glossary support',
    from: 'From',
    into: 'Into',
  },
} as const;

export type TranslationMessages = Widen<typeof translationEn>;
