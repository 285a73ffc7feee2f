import type { AutoReplyMessages } from '../strings';

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
