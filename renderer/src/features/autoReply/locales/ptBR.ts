import type { AutoReplyMessages } from '../strings';

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
