/** Translation of messages and of the composer's draft (issue 4): what others may use. */
export { ComposerPreview } from './ComposerPreview';
export { DeepLKeyNotice } from './DeepLKeyNotice';
export { readTranslationBeside } from './early';
export { knownUntranslated, targetLanguages, useTranslationLanguages } from './languages';
export { sameDisplay } from './logic';
export { readAutoTranslate } from './repo';
export { MessageText } from './MessageText';
export { TranslationBar } from './TranslationBar';
export { TranslationPanel, type GlossaryGroup } from './TranslationPanel';
export { usePreviewText } from './usePreviewText';
export { useComposerPreview } from './useComposerPreview';
export { useConversationTranslation, type ConversationTranslation } from './useConversationTranslation';
