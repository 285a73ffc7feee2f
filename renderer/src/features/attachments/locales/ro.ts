import type { DraftMessages } from '../strings';

export const draftRo: DraftMessages = {
  draft: {
    notSaved: 'Mesajul nu a putut fi salvat pe acest dispozitiv. Este încă aici: încercați din nou.',
    notStored: '{{name}} nu a putut fi stocat pe acest dispozitiv, așa că nu a fost atașat.',
    notRestored:
      '{{name}} nu a putut fi restaurat: fișierul nu mai este stocat pe acest dispozitiv. Atașați-l din nou pentru a-l trimite.',
  },
};
