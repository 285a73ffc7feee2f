import type { AutoReplyMessages } from '../strings';

export const autoReplyPl: AutoReplyMessages = {
  autoReply: {
    automatic: 'Odpowiedź automatyczna',
    backToday: 'Wraca o {{time}} twojego czasu',
    backOn: 'Wraca: {{day}}, {{time}} twojego czasu',
    title: 'Odpowiedź automatyczna',
    intro:
      'Gdy jesteś nieobecny lub offline — zamknięta aplikacja też się liczy — serwer odpowiada każdemu, kto do ciebie pisze, raz na rozmowę, dopóki nie wrócisz, nawet gdy wszystkie twoje urządzenia są wyłączone. Odpowiedź jest oznaczona jako automatyczna i podaje, kiedy znów zaczynają się twoje godziny pracy, w czasie odbiorcy.',
    enabled: 'Wysyłaj odpowiedź automatyczną, gdy jestem nieobecny',
    text: 'Tekst na czas nieobecności',
    defaultText:
      'Dzień dobry, dziękujemy za wiadomość. Jesteśmy teraz nieobecni i odpowiemy, gdy tylko wrócimy.',
    translated: 'Kupujący czytają go w swoim języku: jest tłumaczony maszynowo jak każda wiadomość.',
    save: 'Zapisz tekst',
    saved: 'Zapisano.',
    loading: 'Wczytywanie…',
    textRequired: 'Wpisz tekst na czas nieobecności, zanim włączysz odpowiedź automatyczną.',
  },
};
