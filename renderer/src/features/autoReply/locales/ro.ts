import type { AutoReplyMessages } from '../strings';

export const autoReplyRo: AutoReplyMessages = {
  autoReply: {
    automatic: 'Răspuns automat',
    backToday: 'Revine la {{time}}, ora ta',
    backOn: 'Revine {{day}} la {{time}}, ora ta',
    title: 'Răspuns automat',
    intro:
      'Cât timp ești absent sau offline — și aplicația închisă contează — serverul răspunde oricui îți scrie, o dată pe conversație până revii, chiar dacă toate dispozitivele tale sunt oprite. Răspunsul este marcat ca automat și le spune când începe din nou programul tău, în ora lor.',
    enabled: 'Trimite un răspuns automat când sunt absent',
    text: 'Textul de absență',
    defaultText:
      'Bună ziua, vă mulțumim pentru mesaj. Momentan suntem absenți și vă vom răspunde imediat ce revenim.',
    translated: 'Cumpărătorii îl citesc în limba lor: este tradus automat, ca orice mesaj.',
    save: 'Salvează textul',
    saved: 'Salvat.',
    loading: 'Se încarcă…',
    textRequired: 'Scrie textul de absență înainte de a activa răspunsul automat.',
  },
};
