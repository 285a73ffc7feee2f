import type { DraftMessages } from '../strings';

export const draftAr: DraftMessages = {
  draft: {
    notSaved: 'تعذّر حفظ الرسالة على هذا الجهاز. ما زالت هنا: يُرجى المحاولة مرة أخرى.',
    notStored: 'تعذّر تخزين {{name}} على هذا الجهاز، لذا لم يُرفق.',
    notRestored: 'تعذّرت استعادة {{name}}: لم يعد الملف مخزّنًا على هذا الجهاز. أرفقه مرة أخرى لإرساله.',
  },
};
