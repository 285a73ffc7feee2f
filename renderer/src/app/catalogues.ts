/**
 * Every language's catalogue at once, for the tests (e2e specs read the strings they click). The
 * window never imports this file: it loads English and the user's language only (app/strings.ts).
 */
import { en, type Messages } from './strings';
import { ar } from './locales/ar';
import { fa } from './locales/fa';
import { pl } from './locales/pl';
import { ptBR } from './locales/ptBR';
import { ro } from './locales/ro';
import { ru } from './locales/ru';
import { tr } from './locales/tr';
import { zh } from './locales/zh';

export { ar, en, fa, pl, ptBR, ro, ru, tr, zh, type Messages };

/** By language tag, as Settings offers them. */
export const catalogues = { en, zh, pl, 'pt-BR': ptBR, ro, ar, fa, ru, tr } as const;
