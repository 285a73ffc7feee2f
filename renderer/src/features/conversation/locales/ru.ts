import type { ConversationMessages } from '../strings';

export const conversationRu: ConversationMessages = {
  bubble: {
    actions: 'Действия с сообщением',
    reply: 'Ответить',
    edit: 'Изменить',
    retract: 'Отозвать…',
    history: 'Показать версии',
    edited: 'изменено {{time}}',
    retracted: 'отозвано {{time}}',
    retractedText: 'Это сообщение отозвано.',
    changeFailed: 'Изменение не сохранено.',
    historyTitle: 'Версии этого сообщения',
    historyIntro: 'Каждая версия остаётся в подписанной записи переписки и в выгрузках доказательств.',
    original: 'Оригинал',
    editVersion: 'Правка',
    retraction: 'Отзыв',
    sending: 'отправляется',
    close: 'Закрыть',
    editing: 'Изменение вашего сообщения',
    editField: 'Исправленный текст',
    editHint: 'Enter — сохранить · Esc — отменить',
    save: 'Сохранить',
    cancel: 'Отмена',
    retractTitle: 'Отозвать это сообщение?',
    retractText:
      'Вы оба увидите, что оно отозвано. Оригинал остаётся в подписанной записи и в выгрузках доказательств.',
    retractConfirm: 'Отозвать',
    retractNotSaved:
      'Не удалось сохранить отзыв на этом устройстве, поэтому сообщение не изменилось. Попробуйте ещё раз.',
    replyingTo: 'Ответ для {{name}}',
    cancelReply: 'Отменить ответ',
    quote: 'Цитата из сообщения {{name}}: показать',
    quoteMissing: 'Цитируемого сообщения пока нет на этом устройстве.',
  },
};
