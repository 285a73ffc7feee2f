import type { ConversationMessages } from '../strings';

export const conversationPtBR: ConversationMessages = {
  bubble: {
    actions: 'Ações da mensagem',
    reply: 'Responder',
    edit: 'Editar',
    retract: 'Retirar…',
    history: 'Ver versões',
    edited: 'editada {{time}}',
    retracted: 'retirada {{time}}',
    retractedText: 'Esta mensagem foi retirada.',
    changeFailed: 'A alteração não foi salva.',
    historyTitle: 'Versões desta mensagem',
    historyIntro: 'Cada versão fica no registro assinado da conversa e nas exportações de provas.',
    original: 'Original',
    editVersion: 'Edição',
    retraction: 'Retirada',
    sending: 'enviando',
    close: 'Fechar',
    editing: 'Editando sua mensagem',
    editField: 'Texto editado',
    editHint: 'Enter para salvar · Escape para cancelar',
    save: 'Salvar',
    cancel: 'Cancelar',
    retractTitle: 'Retirar esta mensagem?',
    retractText:
      'Vocês dois verão que ela foi retirada. O original fica no registro assinado e nas exportações de provas.',
    retractConfirm: 'Retirar',
    retractNotSaved:
      'Não foi possível salvar a retirada neste dispositivo, então a mensagem não mudou. Tente novamente.',
    replyingTo: 'Respondendo a {{name}}',
    cancelReply: 'Cancelar resposta',
    quote: 'Mensagem citada de {{name}}: mostrar',
    quoteMissing: 'A mensagem citada ainda não está neste dispositivo.',
  },
};
