import type { ConversationMessages } from '../strings';

export const conversationRo: ConversationMessages = {
  bubble: {
    actions: 'Acțiuni pentru mesaj',
    reply: 'Răspunde',
    edit: 'Editează',
    retract: 'Retrage…',
    history: 'Arată versiunile',
    edited: 'editat {{time}}',
    retracted: 'retras {{time}}',
    retractedText: 'Acest mesaj a fost retras.',
    changeFailed: 'Modificarea nu a fost salvată.',
    historyTitle: 'Versiunile acestui mesaj',
    historyIntro: 'Fiecare versiune rămâne în registrul semnat al conversației și în exporturile de probe.',
    original: 'Original',
    editVersion: 'Editare',
    retraction: 'Retragere',
    sending: 'se trimite',
    close: 'Închide',
    editing: 'Editezi mesajul tău',
    editField: 'Textul editat',
    editHint: 'Enter pentru a salva · Escape pentru a anula',
    save: 'Salvează',
    cancel: 'Anulează',
    retractTitle: 'Retragi acest mesaj?',
    retractText:
      'Amândoi veți vedea că a fost retras. Originalul rămâne în registrul semnat și în exporturile de probe.',
    retractConfirm: 'Retrage',
    retractNotSaved:
      'Retragerea nu a putut fi salvată pe acest dispozitiv, deci mesajul nu s-a schimbat. Încercați din nou.',
    replyingTo: 'Răspuns pentru {{name}}',
    cancelReply: 'Anulează răspunsul',
    quote: 'Mesaj citat de la {{name}}: arată-l',
    quoteMissing: 'Mesajul citat nu este încă pe acest dispozitiv.',
  },
};
