import type { DraftMessages } from '../strings';

export const draftFa: DraftMessages = {
  draft: {
    notSaved: 'پیام روی این دستگاه ذخیره نشد. هنوز اینجاست: لطفاً دوباره تلاش کنید.',
    notStored: '{{name}} روی این دستگاه ذخیره نشد، بنابراین پیوست نشد.',
    notRestored:
      '{{name}} بازیابی نشد: این فایل دیگر روی این دستگاه ذخیره نیست. برای فرستادن، دوباره پیوستش کنید.',
  },
};
