import type { AutoReplyMessages, QuickRepliesMessages } from '../strings';

export const quickRepliesPtBR: QuickRepliesMessages = {
  quickReplies: {
    title: 'Respostas rápidas',
    intro:
      'Respostas salvas para qualquer conversa: digite / no início de uma mensagem, ou use o botão do raio acima do campo de mensagem, e escolha uma.',
    placeholders:
      'No texto, {name} vira o nome do seu contato, {order} o número do pedido da conversa e {me} o seu nome.',
    scope: 'Salvas na sua conta: as mesmas em todos os seus dispositivos, e disponíveis mesmo offline.',
    add: 'Nova resposta rápida',
    editing: 'Editando “{{name}}”',
    name: 'Nome',
    namePlaceholder: 'ex.: Condições de envio',
    text: 'Texto',
    textPlaceholder: 'ex.: Olá, {name}, enviamos em até 15 dias após o pagamento.',
    addButton: 'Adicionar',
    save: 'Salvar',
    cancel: 'Cancelar',
    edit: 'Editar',
    editNamed: 'Editar {{name}}',
    delete: 'Excluir',
    deleteNamed: 'Excluir {{name}}',
    list: 'Minhas respostas rápidas',
    count: '{{n}} de {{max}}',
    none: 'Nenhuma resposta rápida ainda.',
    full: 'Você tem {{max}} respostas rápidas, o máximo possível. Exclua uma para adicionar outra.',
    nameRequired: 'Dê um nome à resposta.',
    nameTooLong: 'O nome tem no máximo {{max}} caracteres.',
    textRequired: 'Escreva o texto da resposta.',
    textTooLong: 'Uma resposta rápida tem no máximo {{max}} caracteres.',
    pending: 'Ainda não está nos seus outros dispositivos: será enviada quando você estiver online.',
    refused: 'Não foi salva na sua conta. Edite e salve de novo.',
    refusedFull:
      'Não foi salva na sua conta: você já tem {{max}} respostas rápidas. Exclua uma e salve esta de novo.',
    open: 'Inserir resposta rápida',
    picker: 'Respostas rápidas',
    filter: 'Buscar resposta rápida',
    noMatch: 'Nenhuma resposta rápida corresponde.',
    empty: 'Nenhuma resposta rápida ainda. Adicione em Configurações › Respostas rápidas.',
    pickerHint: '↑ ↓ escolher · Enter insere · Esc fecha',
  },
};

export const autoReplyPtBR: AutoReplyMessages = {
  autoReply: {
    automatic: 'Resposta automática',
    backToday: 'Volta às {{time}} no seu horário',
    backOn: 'Volta {{day}} às {{time}} no seu horário',
    title: 'Resposta automática',
    intro:
      'Enquanto você estiver ausente ou offline — o app fechado também conta — o servidor responde a quem escrever para você, uma vez por conversa até você voltar, mesmo com todos os seus dispositivos desligados. A resposta é marcada como automática e informa quando seu horário de atendimento recomeça, no horário de quem recebe.',
    enabled: 'Enviar uma resposta automática quando eu estiver ausente',
    text: 'Texto de ausência',
    defaultText:
      'Olá, obrigado pela sua mensagem. No momento estamos ausentes e responderemos assim que voltarmos.',
    translated:
      'Os compradores leem no próprio idioma: ele é traduzido automaticamente como qualquer mensagem.',
    save: 'Salvar texto',
    saved: 'Salvo.',
    loading: 'Carregando…',
    textRequired: 'Escreva o texto de ausência antes de ativar a resposta automática.',
  },
};
