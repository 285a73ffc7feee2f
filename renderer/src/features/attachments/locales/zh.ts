import type { DraftMessages } from '../strings';

export const draftZh: DraftMessages = {
  draft: {
    notSaved: '消息无法保存在此设备上。内容仍在这里：请重试。',
    notStored: '无法在此设备上存储 {{name}}，因此未附加。',
    notRestored: '无法恢复 {{name}}：此设备上已不再存储该文件。请重新附加后再发送。',
  },
};
