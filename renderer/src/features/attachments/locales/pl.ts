import type { DraftMessages } from '../strings';

export const draftPl: DraftMessages = {
  draft: {
    notSaved: 'Nie udało się zapisać wiadomości na tym urządzeniu. Nadal jest tutaj: spróbuj ponownie.',
    notStored: 'Nie udało się zapisać pliku {{name}} na tym urządzeniu, więc nie został załączony.',
    notRestored:
      'Nie udało się przywrócić pliku {{name}}: nie jest już zapisany na tym urządzeniu. Załącz go ponownie, aby go wysłać.',
  },
};
