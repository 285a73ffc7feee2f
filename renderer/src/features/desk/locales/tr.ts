import type { AutoReplyMessages, QuickRepliesMessages } from '../strings';

export const quickRepliesTr: QuickRepliesMessages = {
  quickReplies: {
    title: 'Hızlı yanıtlar',
    intro:
      'Her sohbette kullanabileceğiniz kayıtlı yanıtlar: mesajın başına / yazın ya da mesaj alanının üstündeki şimşek düğmesini kullanın ve birini seçin.',
    placeholders:
      'Metinde {name} karşınızdakinin adına, {order} sohbetteki sipariş numarasına, {me} de sizin adınıza dönüşür.',
    scope: 'Hesabınıza kaydedilir: tüm cihazlarınızda aynıdır ve çevrimdışıyken de kullanılabilir.',
    add: 'Yeni hızlı yanıt',
    editing: '“{{name}}” düzenleniyor',
    name: 'Ad',
    namePlaceholder: 'ör. Gönderim koşulları',
    text: 'Metin',
    textPlaceholder: 'ör. Merhaba {name}, ödemeden sonra 15 gün içinde gönderiyoruz.',
    addButton: 'Ekle',
    save: 'Kaydet',
    cancel: 'İptal',
    edit: 'Düzenle',
    editNamed: '{{name}} yanıtını düzenle',
    delete: 'Sil',
    deleteNamed: '{{name}} yanıtını sil',
    list: 'Hızlı yanıtlarım',
    count: '{{n}} / {{max}}',
    none: 'Henüz hızlı yanıt yok.',
    full: '{{max}} hızlı yanıtınız var; daha fazlası olamaz. Yenisini eklemek için birini silin.',
    nameRequired: 'Yanıta bir ad verin.',
    nameTooLong: 'Ad en fazla {{max}} karakter olabilir.',
    textRequired: 'Yanıtın metnini yazın.',
    textTooLong: 'Hızlı yanıt en fazla {{max}} karakter olabilir.',
    pending: 'Diğer cihazlarınızda henüz yok: çevrimiçi olduğunuzda gönderilecek.',
    refused: 'Hesabınıza kaydedilmedi. Düzenleyip yeniden kaydedin.',
    refusedFull:
      'Hesabınıza kaydedilmedi: zaten {{max}} hızlı yanıtınız var. Birini silin, sonra bunu yeniden kaydedin.',
    open: 'Hızlı yanıt ekle',
    picker: 'Hızlı yanıtlar',
    filter: 'Hızlı yanıt bul',
    noMatch: 'Eşleşen hızlı yanıt yok.',
    empty: 'Henüz hızlı yanıt yok. Ayarlar › Hızlı yanıtlar bölümünden ekleyin.',
    pickerHint: '↑ ↓ seç · Enter ekler · Esc kapatır',
  },
};

export const autoReplyTr: AutoReplyMessages = {
  autoReply: {
    automatic: 'Otomatik yanıt',
    backToday: 'Sizin saatinizle {{time}} itibarıyla dönüyor',
    backOn: 'Sizin saatinizle {{day}} {{time}} itibarıyla dönüyor',
    title: 'Otomatik yanıt',
    intro:
      'Uzaktayken veya çevrimdışıyken — uygulamanın kapalı olması da sayılır — sunucu size yazan herkese, siz dönene kadar her sohbette bir kez yanıt verir; tüm cihazlarınız kapalı olsa bile. Yanıt otomatik olarak işaretlenir ve çalışma saatlerinizin ne zaman yeniden başladığını karşı tarafın kendi saatiyle bildirir.',
    enabled: 'Uzaktayken otomatik yanıt gönder',
    text: 'Uzakta metni',
    defaultText: 'Merhaba, mesajınız için teşekkürler. Şu anda uzaktayız; döner dönmez yanıt vereceğiz.',
    translated: 'Alıcılar kendi dillerinde okur: her mesaj gibi makine çevirisiyle çevrilir.',
    save: 'Metni kaydet',
    saved: 'Kaydedildi.',
    loading: 'Yükleniyor…',
    textRequired: 'Otomatik yanıtı açmadan önce uzakta metnini yazın.',
  },
};
