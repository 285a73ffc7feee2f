import type { DraftMessages } from '../strings';

export const draftRu: DraftMessages = {
  draft: {
    notSaved: 'Не удалось сохранить сообщение на этом устройстве. Оно по-прежнему здесь: попробуйте ещё раз.',
    notStored: 'Не удалось сохранить {{name}} на этом устройстве, поэтому файл не прикреплён.',
  },
};
