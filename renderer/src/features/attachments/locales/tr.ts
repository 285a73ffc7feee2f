import type { DraftMessages } from '../strings';

export const draftTr: DraftMessages = {
  draft: {
    notSaved: 'İleti bu cihaza kaydedilemedi. Hâlâ burada: lütfen yeniden deneyin.',
    notStored: '{{name}} bu cihazda saklanamadı, bu yüzden eklenmedi.',
    notRestored:
      '{{name}} geri yüklenemedi: dosya artık bu cihazda saklanmıyor. Göndermek için yeniden ekleyin.',
  },
};
