/**
 * Strings of the conversation's message actions (issue 11: reply, edit, retract, history),
 * gathered with every language's catalogue in renderer/src/app/strings.ts under the `bubble` key;
 * the other languages are in locales/.
 */
import type { Widen } from '../../i18n/en';

export const conversationEn = {
  bubble: {
    actions: 'Message actions',
    reply: 'Reply',
    edit: 'Edit',
    retract: 'Retract…',
    history: 'Show versions',
    edited: 'edited {{time}}',
    retracted: 'retracted {{time}}',
    retractedText: 'This message was retracted.',
    changeFailed: 'The change was not saved.',
    historyTitle: 'Versions of this message',
    historyIntro: 'Every version stays in the conversation’s signed record and in evidence exports.',
    original: 'Original',
    editVersion: 'Edit',
    retraction: 'Retraction',
    sending: 'sending',
    close: 'Close',
    editing: 'Editing your message',
    editField: 'Edited text',
    editHint: 'Enter to save · Escape to cancel',
    save: 'Save',
    cancel: 'Cancel',
    retractTitle: 'Retract this message?',
    retractText:
      'Both of you will see that it was retracted. The original stays in the signed record and in evidence exports.',
    retractConfirm: 'Retract',
    replyingTo: 'Replying to {{name}}',
    cancelReply: 'Cancel reply',
    quote: 'Quoted message from {{name}}: show it',
    quoteMissing: 'The quoted message is not on this device yet.',
  },
} as const;

export type ConversationMessages = Widen<typeof conversationEn>;

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
    replyingTo: 'Odpowiedź dla: {{name}}',
    cancelReply: 'Anuluj odpowiedź',
    quote: 'Cytowana wiadomość od: {{name}} — pokaż ją',
    quoteMissing: 'Cytowanej wiadomości nie ma jeszcze na tym urządzeniu.',
  },
};

export const conversationZh: ConversationMessages = {
  bubble: {
    actions: '消息操作',
    reply: '回复',
    edit: '编辑',
    retract: '撤回…',
    history: '查看各版本',
    edited: '已编辑 {{time}}',
    retracted: '已撤回 {{time}}',
    retractedText: '此消息已撤回。',
    changeFailed: '修改未保存。',
    historyTitle: '此消息的各个版本',
    historyIntro: '每个版本都保留在对话的签名记录和证据导出中。',
    original: '原始消息',
    editVersion: '编辑',
    retraction: '撤回',
    sending: '发送中',
    close: '关闭',
    editing: '正在编辑你的消息',
    editField: '修改后的文字',
    editHint: '按 Enter 保存 · 按 Esc 取消',
    save: '保存',
    cancel: '取消',
    retractTitle: '撤回此消息？',
    retractText: '双方都会看到此消息已被撤回。原始内容仍保留在签名记录和证据导出中。',
    retractConfirm: '撤回',
    replyingTo: '回复 {{name}}',
    cancelReply: '取消回复',
    quote: '引用 {{name}} 的消息：跳转查看',
    quoteMissing: '此设备上还没有被引用的消息。',
  },
};
