import type { DraftMessages } from '../strings';

export const draftPtBR: DraftMessages = {
  draft: {
    notSaved: 'Não foi possível salvar a mensagem neste dispositivo. Ela continua aqui: tente novamente.',
    notStored: 'Não foi possível armazenar {{name}} neste dispositivo, por isso não foi anexado.',
    notRestored:
      'Não foi possível restaurar {{name}}: o arquivo não está mais armazenado neste dispositivo. Anexe-o novamente para enviá-lo.',
  },
};
