import type { ConversationMessages } from '../strings';

export const conversationPl: ConversationMessages = {
  bubble: {
    actions: 'Działania na wiadomości',
    reply: 'Odpowiedz',
    edit: 'Edytuj',
    retract: 'Wycofaj…',
    history: 'Pokaż wersje',
    edited: 'edytowano {{time}}',
    retracted: 'wycofano {{time}}',
    retractedText: 'Ta wiadomość została wycofana.',
    changeFailed: 'Zmiany nie zapisano.',
    historyTitle: 'Wersje tej wiadomości',
    historyIntro: 'Każda wersja zostaje w podpisanym zapisie rozmowy i w eksportach dowodów.',
    original: 'Oryginał',
    editVersion: 'Edycja',
    retraction: 'Wycofanie',
    sending: 'wysyłanie',
    close: 'Zamknij',
    editing: 'Edytujesz swoją wiadomość',
    editField: 'Poprawiony tekst',
    editHint: 'Enter zapisuje · Escape anuluje',
    save: 'Zapisz',
    cancel: 'Anuluj',
    retractTitle: 'Wycofać tę wiadomość?',
    retractText:
      'Oboje zobaczycie, że została wycofana. Oryginał zostaje w podpisanym zapisie i w eksportach dowodów.',
    retractConfirm: 'Wycofaj',
    retractNotSaved:
      'Nie udało się zapisać wycofania na tym urządzeniu, więc wiadomość się nie zmieniła. Spróbuj ponownie.',
    replyingTo: 'Odpowiedź dla: {{name}}',
    cancelReply: 'Anuluj odpowiedź',
    quote: 'Cytowana wiadomość od: {{name}} — pokaż ją',
    quoteMissing: 'Cytowanej wiadomości nie ma jeszcze na tym urządzeniu.',
  },
};
