import type { AutoReplyMessages, QuickRepliesMessages } from '../strings';

export const quickRepliesRo: QuickRepliesMessages = {
  quickReplies: {
    title: 'Răspunsuri rapide',
    intro:
      'Răspunsuri salvate pentru orice conversație: scrie / la începutul unui mesaj sau folosește butonul cu fulger de deasupra câmpului de mesaj și alege unul.',
    placeholders:
      'În text, {name} devine numele partenerului, {order} numărul comenzii din conversație, iar {me} numele tău.',
    scope: 'Salvate în contul tău: aceleași pe toate dispozitivele tale și disponibile și fără conexiune.',
    add: 'Răspuns rapid nou',
    editing: 'Editezi „{{name}}”',
    name: 'Nume',
    namePlaceholder: 'ex.: Condiții de livrare',
    text: 'Text',
    textPlaceholder: 'ex.: Bună ziua, {name}, expediem în 15 zile de la plată.',
    addButton: 'Adaugă',
    save: 'Salvează',
    cancel: 'Anulează',
    edit: 'Editează',
    editNamed: 'Editează {{name}}',
    delete: 'Șterge',
    deleteNamed: 'Șterge {{name}}',
    list: 'Răspunsurile mele rapide',
    count: '{{n}} din {{max}}',
    none: 'Încă nu ai răspunsuri rapide.',
    full: 'Ai {{max}} de răspunsuri rapide, numărul maxim. Șterge unul ca să adaugi altul.',
    nameRequired: 'Dă un nume răspunsului.',
    nameTooLong: 'Numele are cel mult {{max}} de caractere.',
    textRequired: 'Scrie textul răspunsului.',
    textTooLong: 'Un răspuns rapid are cel mult {{max}} de caractere.',
    pending: 'Nu a ajuns încă pe celelalte dispozitive: va fi trimis când ești online.',
    refused: 'Nu a fost salvat în contul tău. Editează-l și salvează-l din nou.',
    refusedFull:
      'Nu a fost salvat în contul tău: ai deja {{max}} de răspunsuri rapide. Șterge unul, apoi salvează-l din nou pe acesta.',
    open: 'Inserează un răspuns rapid',
    picker: 'Răspunsuri rapide',
    filter: 'Caută un răspuns rapid',
    noMatch: 'Niciun răspuns rapid nu se potrivește.',
    empty: 'Încă nu ai răspunsuri rapide. Adaugă-le în Setări › Răspunsuri rapide.',
    pickerHint: '↑ ↓ alege · Enter inserează · Esc închide',
  },
};

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
