import type { AutoReplyMessages, QuickRepliesMessages } from '../strings';

export const quickRepliesPl: QuickRepliesMessages = {
  quickReplies: {
    title: 'Szybkie odpowiedzi',
    intro:
      'Zapisane odpowiedzi do każdej rozmowy: wpisz / na początku wiadomości albo użyj przycisku z błyskawicą nad polem wiadomości i wybierz jedną.',
    placeholders:
      'W treści {name} zamienia się w imię i nazwisko rozmówcy, {order} w numer zamówienia z rozmowy, a {me} w twoje imię i nazwisko.',
    scope: 'Zapisywane na koncie: takie same na wszystkich twoich urządzeniach i dostępne bez połączenia.',
    add: 'Nowa szybka odpowiedź',
    editing: 'Edycja „{{name}}”',
    name: 'Nazwa',
    namePlaceholder: 'np. Warunki wysyłki',
    text: 'Treść',
    textPlaceholder: 'np. Dzień dobry, {name}, wysyłamy w ciągu 15 dni od wpłaty.',
    addButton: 'Dodaj',
    save: 'Zapisz',
    cancel: 'Anuluj',
    edit: 'Edytuj',
    editNamed: 'Edytuj {{name}}',
    delete: 'Usuń',
    deleteNamed: 'Usuń {{name}}',
    list: 'Moje szybkie odpowiedzi',
    count: '{{n}} z {{max}}',
    none: 'Nie masz jeszcze szybkich odpowiedzi.',
    full: 'Masz {{max}} szybkich odpowiedzi — więcej się nie da. Usuń jedną, aby dodać kolejną.',
    nameRequired: 'Nadaj odpowiedzi nazwę.',
    nameTooLong: 'Nazwa może mieć najwyżej {{max}} znaków.',
    textRequired: 'Wpisz treść odpowiedzi.',
    textTooLong: 'Szybka odpowiedź może mieć najwyżej {{max}} znaków.',
    pending: 'Jeszcze nie ma jej na innych urządzeniach: zostanie wysłana, gdy będziesz online.',
    refused: 'Nie zapisano na koncie. Popraw ją i zapisz ponownie.',
    refusedFull:
      'Nie zapisano na koncie: masz już {{max}} szybkich odpowiedzi. Usuń jedną, a potem zapisz tę ponownie.',
    open: 'Wstaw szybką odpowiedź',
    picker: 'Szybkie odpowiedzi',
    filter: 'Znajdź szybką odpowiedź',
    noMatch: 'Żadna szybka odpowiedź nie pasuje.',
    empty: 'Nie masz jeszcze szybkich odpowiedzi. Dodaj je w Ustawienia › Szybkie odpowiedzi.',
    pickerHint: '↑ ↓ wybór · Enter wstawia · Esc zamyka',
  },
};

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
