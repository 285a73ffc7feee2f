/**
 * The demo world of `npm start` / `--demo`: a buyer in Warsaw and four suppliers in Shenzhen,
 * Yiwu, Istanbul and São Paulo, with some history about MOQ, samples, shipping and an order.
 */
import type { BusinessHours, OrderRef, Profile, Role } from '../../../shared/protocol';

export const DEMO_BUYER = 'demo-buyer';
export const DEMO_PASSWORD = 'tradewind-demo';

export interface DemoUser {
  memberId: string;
  displayName: string;
  role: Role;
  profile: Profile;
  readLanguage: string;
  memberSince: string;
}

const h = (hh: number, mm = 0) => hh * 60 + mm;
/** Monday–Friday the same hours, optional Saturday, closed Sunday. */
function week(
  day: { start: number; end: number }[],
  saturday: { start: number; end: number }[] = [],
): BusinessHours {
  return [day, day, day, day, day, saturday, []];
}

export const DEMO_USERS: DemoUser[] = [
  {
    memberId: DEMO_BUYER,
    displayName: 'Marta Kowalska',
    role: 'buyer',
    profile: {
      company: 'Kowalska Dom i Ogród Sp. z o.o.',
      country: 'PL',
      timeZone: 'Europe/Warsaw',
      languages: ['pl', 'en'],
      businessHours: week([{ start: h(8), end: h(16) }]),
    },
    readLanguage: 'pl',
    memberSince: '2021-03-15T09:00:00.000Z',
  },
  {
    memberId: 'sz-brightled',
    displayName: 'Li Wei',
    role: 'seller',
    profile: {
      company: 'Shenzhen BrightLED Technology Co., Ltd.',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh', 'en'],
      businessHours: week(
        [
          { start: h(9), end: h(12) },
          { start: h(13, 30), end: h(18) },
        ],
        [{ start: h(9), end: h(12) }],
      ),
    },
    readLanguage: 'zh',
    memberSince: '2016-06-01T02:00:00.000Z',
  },
  {
    memberId: 'yiwu-starcraft',
    displayName: 'Chen Jing',
    role: 'seller',
    profile: {
      company: 'Yiwu StarCraft Trading Co., Ltd.',
      country: 'CN',
      timeZone: 'Asia/Shanghai',
      languages: ['zh'],
      businessHours: week([{ start: h(8, 30), end: h(17, 30) }], [{ start: h(9), end: h(15) }]),
    },
    readLanguage: 'zh',
    memberSince: '2018-11-20T01:30:00.000Z',
  },
  {
    memberId: 'ist-anatolia',
    displayName: 'Mehmet Yılmaz',
    role: 'seller',
    profile: {
      company: 'Anatolia Tekstil San. ve Tic. A.Ş.',
      country: 'TR',
      timeZone: 'Europe/Istanbul',
      languages: ['tr', 'en'],
      businessHours: week([{ start: h(9), end: h(18) }]),
    },
    readLanguage: 'tr',
    memberSince: '2019-04-08T06:00:00.000Z',
  },
  {
    memberId: 'sp-verdecasa',
    displayName: 'Ana Souza',
    role: 'seller',
    profile: {
      company: 'VerdeCasa Utilidades Ltda.',
      country: 'BR',
      timeZone: 'America/Sao_Paulo',
      languages: ['pt-BR', 'en'],
      businessHours: week([
        { start: h(8), end: h(12) },
        { start: h(13), end: h(17, 30) },
      ]),
    },
    readLanguage: 'pt-BR',
    memberSince: '2020-09-01T12:00:00.000Z',
  },
];

export interface DemoMessage {
  from: 'buyer' | 'seller';
  text: string;
  lang: string;
  order?: OrderRef;
  /** Minutes after the conversation's start. */
  at: number;
  /**
   * The message in its readers' languages, stored with the demo data (the seed writes them into
   * the translation cache as demo translations): what the demo shows without a DeepL key.
   */
  translations?: Readonly<Record<string, string>>;
}

export interface DemoConversation {
  seller: string;
  /** Days before the seed that the conversation started. */
  daysAgo: number;
  messages: DemoMessage[];
  /** How far the buyer has read (number of messages), the rest stay unread. */
  buyerRead: number;
}

export const DEMO_ORDER: OrderRef = {
  orderNo: 'TW-2024-0187',
  productId: 'LS-5M-24V-IP65',
  title: 'LED strip 5 m, 24 V, IP65, warm white',
  price: 'USD 3.20',
  quantity: 800,
};

export const DEMO_CONVERSATIONS: DemoConversation[] = [
  {
    seller: 'sz-brightled',
    daysAgo: 6,
    buyerRead: 5,
    messages: [
      {
        from: 'buyer',
        lang: 'pl',
        at: 0,
        text: 'Dzień dobry! Interesują nas taśmy LED 5 m, 24 V, IP65, ciepła biel. Jakie jest minimalne zamówienie (MOQ)?',
        translations: { zh: '您好！我们对5米、24V、IP65暖白光LED灯带感兴趣。最小起订量（MOQ）是多少？' },
      },
      {
        from: 'seller',
        lang: 'zh',
        at: 95,
        text: '您好！5米24V IP65暖白灯带的最小起订量是500卷，单价3.20美元（FOB深圳）。',
        translations: {
          pl: 'Dzień dobry! Minimalne zamówienie taśmy LED 5 m, 24 V, IP65, ciepła biel to 500 rolek, cena jednostkowa 3,20 USD (FOB Shenzhen).',
          en: 'Hello! The MOQ for the 5 m, 24 V, IP65 warm white LED strip is 500 rolls, at USD 3.20 per roll (FOB Shenzhen).',
          ro: 'Bună ziua! Comanda minimă pentru banda LED de 5 m, 24 V, IP65, alb cald, este de 500 de role, la 3,20 USD pe rolă (FOB Shenzhen).',
          ar: 'مرحبًا! الحد الأدنى للطلب لشريط LED بطول 5 م، 24 فولت، IP65، أبيض دافئ، هو 500 لفة، بسعر 3.20 دولار أمريكي للفة (FOB شنتشن).',
          fa: 'سلام! حداقل سفارش نوار LED پنج‌متری ۲۴ ولت IP65 با نور سفید گرم ۵۰۰ رول است، هر رول ۳٫۲۰ دلار آمریکا (FOB شنژن).',
          ru: 'Здравствуйте! Минимальный заказ светодиодной ленты 5 м, 24 В, IP65, тёплый белый, — 500 катушек, по 3,20 USD за катушку (FOB Шэньчжэнь).',
          tr: 'Merhaba! 5 m, 24 V, IP65 sıcak beyaz LED şerit için minimum sipariş 500 rulo, rulo başına 3,20 USD (FOB Shenzhen).',
          'pt-BR':
            'Olá! O pedido mínimo da fita de LED de 5 m, 24 V, IP65, branco quente, é de 500 rolos, a US$ 3,20 por rolo (FOB Shenzhen).',
        },
      },
      {
        from: 'buyer',
        lang: 'pl',
        at: 130,
        text: 'Czy możecie wysłać 3 próbki do Warszawy? Zapłacimy za kuriera.',
        translations: { zh: '可以寄3个样品到华沙吗？快递费由我们承担。' },
      },
      {
        from: 'seller',
        lang: 'zh',
        at: 1490,
        text: '可以，样品免费，运费35美元，DHL大约5到7天到华沙。',
        translations: {
          pl: 'Tak, próbki są bezpłatne, wysyłka kosztuje 35 USD, a DHL dostarcza do Warszawy w około 5–7 dni.',
          en: 'Yes, the samples are free; shipping is USD 35, and DHL takes about 5 to 7 days to Warsaw.',
          ro: 'Da, mostrele sunt gratuite; transportul costă 35 USD, iar DHL ajunge la Varșovia în aproximativ 5–7 zile.',
          ar: 'نعم، العينات مجانية؛ الشحن 35 دولارًا أمريكيًا، ويصل DHL إلى وارسو في نحو 5 إلى 7 أيام.',
          fa: 'بله، نمونه‌ها رایگان است؛ هزینهٔ ارسال ۳۵ دلار است و DHL حدود ۵ تا ۷ روزه به ورشو می‌رساند.',
          ru: 'Да, образцы бесплатные; доставка стоит 35 USD, DHL довезёт до Варшавы примерно за 5–7 дней.',
          tr: "Evet, numuneler ücretsiz; kargo 35 USD, DHL ile Varşova'ya yaklaşık 5–7 günde ulaşır.",
          'pt-BR':
            'Sim, as amostras são gratuitas; o frete é de US$ 35, e a DHL leva cerca de 5 a 7 dias até Varsóvia.',
        },
      },
      {
        from: 'buyer',
        lang: 'pl',
        at: 7200,
        order: DEMO_ORDER,
        text: 'Próbki dotarły, jakość jest dobra. Zamawiamy 800 rolek — zamówienie nr TW-2024-0187.',
        translations: { zh: '样品已收到，质量很好。我们订购800卷——订单号TW-2024-0187。' },
      },
      {
        from: 'seller',
        lang: 'zh',
        at: 7290,
        text: '收到订单TW-2024-0187，谢谢！生产周期15天，完成后海运到格但斯克，约35天。',
        translations: {
          pl: 'Otrzymaliśmy zamówienie TW-2024-0187, dziękujemy! Produkcja trwa 15 dni, potem towar płynie morzem do Gdańska, około 35 dni.',
          en: 'Order TW-2024-0187 received, thank you! Production takes 15 days; then it goes by sea to Gdańsk, about 35 days.',
          ro: 'Am primit comanda TW-2024-0187, mulțumim! Producția durează 15 zile, apoi marfa merge pe mare la Gdańsk, aproximativ 35 de zile.',
          ar: 'استلمنا الطلب TW-2024-0187، شكرًا لكم! يستغرق الإنتاج 15 يومًا، ثم يُشحن بحرًا إلى غدانسك في نحو 35 يومًا.',
          fa: 'سفارش TW-2024-0187 دریافت شد، متشکریم! تولید ۱۵ روز طول می‌کشد و سپس از راه دریا به گدانسک می‌رود، حدود ۳۵ روز.',
          ru: 'Заказ TW-2024-0187 получен, спасибо! Производство займёт 15 дней, затем товар пойдёт морем в Гданьск, около 35 дней.',
          tr: "TW-2024-0187 numaralı siparişi aldık, teşekkürler! Üretim 15 gün sürüyor; ardından deniz yoluyla Gdańsk'a yaklaşık 35 günde gidiyor.",
          'pt-BR':
            'Recebemos o pedido TW-2024-0187, obrigado! A produção leva 15 dias; depois segue por via marítima até Gdańsk, cerca de 35 dias.',
        },
      },
      {
        from: 'seller',
        lang: 'zh',
        at: 7300,
        text: '请确认唛头和包装要求，我们下周一开始生产。',
        translations: {
          pl: 'Prosimy o potwierdzenie oznaczeń wysyłkowych i wymagań dotyczących pakowania; produkcję zaczynamy w najbliższy poniedziałek.',
          en: 'Please confirm the shipping marks and packing requirements; we start production next Monday.',
          ro: 'Vă rugăm să confirmați marcajele de expediere și cerințele de ambalare; începem producția lunea viitoare.',
          ar: 'يرجى تأكيد علامات الشحن ومتطلبات التغليف؛ سنبدأ الإنتاج يوم الاثنين القادم.',
          fa: 'لطفاً علائم حمل و الزامات بسته‌بندی را تأیید کنید؛ تولید را دوشنبهٔ آینده شروع می‌کنیم.',
          ru: 'Пожалуйста, подтвердите транспортную маркировку и требования к упаковке; производство начинаем в следующий понедельник.',
          tr: 'Lütfen sevkiyat işaretlerini ve ambalaj gereksinimlerini onaylayın; üretime önümüzdeki pazartesi başlıyoruz.',
          'pt-BR':
            'Por favor, confirme as marcas de embarque e os requisitos de embalagem; começamos a produção na próxima segunda-feira.',
        },
      },
    ],
  },
  {
    seller: 'yiwu-starcraft',
    daysAgo: 4,
    buyerRead: 4,
    messages: [
      {
        from: 'buyer',
        lang: 'en',
        at: 0,
        text: 'Hello, do you have the glass bauble set (12 pcs, 8 cm) in stock for the Christmas season?',
        translations: { zh: '您好，圣诞季的玻璃球套装（12个，8厘米）有现货吗？' },
      },
      {
        from: 'seller',
        lang: 'zh',
        at: 40,
        text: '有现货。最小起订量200套，每套1.85美元；每种颜色50套起可以混色。',
        translations: {
          pl: 'Mamy na stanie. Minimalne zamówienie to 200 kompletów po 1,85 USD; kolory można mieszać od 50 kompletów na kolor.',
          en: 'In stock. The MOQ is 200 sets at USD 1.85 per set; colours can be mixed from 50 sets per colour.',
          ro: 'Avem pe stoc. Comanda minimă este de 200 de seturi, la 1,85 USD pe set; culorile se pot combina începând de la 50 de seturi pe culoare.',
          ar: 'متوفر في المخزون. الحد الأدنى للطلب 200 طقم بسعر 1.85 دولار أمريكي للطقم؛ ويمكن خلط الألوان بدءًا من 50 طقمًا لكل لون.',
          fa: 'موجود است. حداقل سفارش ۲۰۰ ست، هر ست ۱٫۸۵ دلار؛ از ۵۰ ست برای هر رنگ می‌توان رنگ‌ها را ترکیب کرد.',
          ru: 'Есть в наличии. Минимальный заказ — 200 наборов по 1,85 USD за набор; цвета можно смешивать от 50 наборов на цвет.',
          tr: 'Stokta var. Minimum sipariş 200 set, set başına 1,85 USD; renk başına 50 setten itibaren renkler karıştırılabilir.',
          'pt-BR':
            'Temos em estoque. O pedido mínimo é de 200 conjuntos a US$ 1,85 por conjunto; as cores podem ser misturadas a partir de 50 conjuntos por cor.',
        },
      },
      {
        from: 'buyer',
        lang: 'en',
        at: 75,
        text: 'Can you ship by rail to Małaszewicze? What is the lead time?',
        translations: { zh: '可以铁路运到马瓦舍维切吗？交货期多长？' },
      },
      {
        from: 'seller',
        lang: 'zh',
        at: 150,
        text: '铁路运输到波兰大约18到22天，付定金后10天生产完成。',
        translations: {
          pl: 'Transport kolejowy do Polski trwa około 18–22 dni; produkcja kończy się 10 dni po wpłacie zaliczki.',
          en: 'Rail freight to Poland takes about 18 to 22 days; production is finished 10 days after the deposit.',
          ro: 'Transportul feroviar până în Polonia durează aproximativ 18–22 de zile; producția se încheie la 10 zile după plata avansului.',
          ar: 'يستغرق الشحن بالسكك الحديدية إلى بولندا نحو 18 إلى 22 يومًا؛ وينتهي الإنتاج بعد 10 أيام من دفع العربون.',
          fa: 'حمل ریلی تا لهستان حدود ۱۸ تا ۲۲ روز طول می‌کشد؛ تولید ۱۰ روز پس از واریز پیش‌پرداخت تمام می‌شود.',
          ru: 'Железнодорожная доставка в Польшу занимает около 18–22 дней; производство завершается через 10 дней после предоплаты.',
          tr: "Polonya'ya demiryolu taşıması yaklaşık 18–22 gün sürer; üretim, kaparo ödendikten 10 gün sonra tamamlanır.",
          'pt-BR':
            'O transporte ferroviário até a Polônia leva cerca de 18 a 22 dias; a produção fica pronta 10 dias após o pagamento do sinal.',
        },
      },
    ],
  },
  {
    seller: 'ist-anatolia',
    daysAgo: 3,
    buyerRead: 3,
    messages: [
      {
        from: 'buyer',
        lang: 'en',
        at: 0,
        text: 'Good morning Mehmet, could you quote 1,000 cotton bath towels, 70×140 cm, 500 gsm?',
        translations: {
          tr: 'Günaydın Mehmet, 1.000 adet pamuklu banyo havlusu, 70×140 cm, 500 gr/m² için fiyat verebilir misiniz?',
        },
      },
      {
        from: 'seller',
        lang: 'tr',
        at: 25,
        text: 'Günaydın! 70×140 cm, 500 gr/m² pamuklu havlu için birim fiyat 4,10 EUR, minimum sipariş 600 adet.',
        translations: {
          pl: 'Dzień dobry! Cena jednostkowa ręcznika bawełnianego 70×140 cm, 500 g/m² wynosi 4,10 EUR, minimalne zamówienie to 600 sztuk.',
          en: 'Good morning! The unit price for the 70×140 cm, 500 g/m² cotton towel is EUR 4.10; the minimum order is 600 pieces.',
          zh: '早上好！70×140厘米、500克/平方米全棉浴巾单价4.10欧元，最小起订量600条。',
          ro: 'Bună dimineața! Prețul unitar pentru prosopul din bumbac de 70×140 cm, 500 g/m², este de 4,10 EUR; comanda minimă este de 600 de bucăți.',
          ar: 'صباح الخير! سعر الوحدة للمنشفة القطنية 70×140 سم، 500 غ/م²، هو 4.10 يورو؛ والحد الأدنى للطلب 600 قطعة.',
          fa: 'صبح بخیر! قیمت هر حولهٔ نخی ۷۰×۱۴۰ سانتی‌متری با وزن ۵۰۰ گرم بر متر مربع ۴٫۱۰ یورو است؛ حداقل سفارش ۶۰۰ عدد.',
          ru: 'Доброе утро! Цена хлопкового полотенца 70×140 см, 500 г/м², — 4,10 EUR за штуку; минимальный заказ — 600 штук.',
          'pt-BR':
            'Bom dia! O preço unitário da toalha de algodão de 70×140 cm, 500 g/m², é de € 4,10; o pedido mínimo é de 600 peças.',
        },
      },
      {
        from: 'buyer',
        lang: 'en',
        at: 60,
        text: 'Please send two samples, one white and one grey.',
        translations: { tr: 'Lütfen biri beyaz, biri gri iki numune gönderin.' },
      },
      {
        from: 'seller',
        lang: 'tr',
        at: 300,
        text: 'Numuneleri yarın UPS ile gönderiyoruz, takip numarasını paylaşacağım.',
        translations: {
          pl: 'Jutro wysyłamy próbki przez UPS, prześlę numer przesyłki.',
          en: 'We are sending the samples with UPS tomorrow; I will share the tracking number.',
          zh: '我们明天用UPS寄出样品，我会把运单号发给您。',
          ro: 'Trimitem mostrele mâine prin UPS; vă voi transmite numărul de urmărire.',
          ar: 'سنرسل العينات غدًا عبر UPS، وسأشارككم رقم التتبع.',
          fa: 'نمونه‌ها را فردا با UPS می‌فرستیم و شمارهٔ رهگیری را برایتان می‌فرستم.',
          ru: 'Завтра отправляем образцы через UPS, номер для отслеживания пришлю.',
          'pt-BR': 'Vamos enviar as amostras amanhã pela UPS; compartilharei o código de rastreamento.',
        },
      },
    ],
  },
  {
    seller: 'sp-verdecasa',
    daysAgo: 1,
    buyerRead: 2,
    messages: [
      {
        from: 'seller',
        lang: 'pt-BR',
        at: 0,
        text: 'Olá Marta! Recebemos seu pedido de amostras das tábuas de corte de bambu.',
        translations: {
          pl: 'Dzień dobry, Marto! Otrzymaliśmy Pani zamówienie na próbki bambusowych desek do krojenia.',
          en: 'Hello Marta! We have received your request for samples of the bamboo cutting boards.',
          zh: '玛尔塔您好！我们已收到您索取竹制砧板样品的请求。',
          ro: 'Bună, Marta! Am primit cererea dumneavoastră de mostre pentru tocătoarele din bambus.',
          ar: 'مرحبًا مارتا! استلمنا طلبك للحصول على عينات من ألواح التقطيع المصنوعة من الخيزران.',
          fa: 'سلام مارتا! درخواست شما برای نمونهٔ تخته‌های برش بامبو را دریافت کردیم.',
          ru: 'Здравствуйте, Марта! Мы получили ваш запрос на образцы бамбуковых разделочных досок.',
          tr: 'Merhaba Marta! Bambu kesme tahtası numune talebinizi aldık.',
        },
      },
      {
        from: 'buyer',
        lang: 'en',
        at: 45,
        text: 'Thank you! What are the shipping options to Gdańsk?',
        translations: { 'pt-BR': 'Obrigada! Quais são as opções de envio para Gdańsk?' },
      },
      {
        from: 'seller',
        lang: 'pt-BR',
        at: 120,
        text: 'Podemos enviar por via marítima (Santos → Gdańsk, cerca de 35 dias) ou por via aérea em 7 dias.',
        translations: {
          pl: 'Możemy wysłać drogą morską (Santos → Gdańsk, około 35 dni) albo lotniczą w 7 dni.',
          en: 'We can ship by sea (Santos → Gdańsk, about 35 days) or by air in 7 days.',
          zh: '我们可以海运（桑托斯 → 格但斯克，约35天），也可以空运，7天到达。',
          ro: 'Putem expedia pe mare (Santos → Gdańsk, aproximativ 35 de zile) sau pe calea aerului în 7 zile.',
          ar: 'يمكننا الشحن بحرًا (من سانتوس إلى غدانسك، نحو 35 يومًا) أو جوًا خلال 7 أيام.',
          fa: 'می‌توانیم از راه دریا (از سانتوس به گدانسک، حدود ۳۵ روز) یا هوایی در ۷ روز ارسال کنیم.',
          ru: 'Можем отправить морем (Сантус → Гданьск, около 35 дней) или авиа за 7 дней.',
          tr: 'Deniz yoluyla (Santos → Gdańsk, yaklaşık 35 gün) ya da hava yoluyla 7 günde gönderebiliriz.',
        },
      },
    ],
  },
];

/** The demo buyer's groups (issue 3): who is in each, who is a favourite, her private notes. */
export const DEMO_GROUPS: {
  name: string;
  members: string[];
  favourites?: string[];
  notes?: Record<string, string>;
}[] = [
  {
    name: 'LED & lighting',
    members: ['sz-brightled'],
    favourites: ['sz-brightled'],
    notes: {
      'sz-brightled':
        'MOQ 500 rolek, 3,20 USD/rolka FOB Shenzhen. Próbki gratis, kurier 35 USD. Zamówienie TW-2024-0187: 800 rolek, produkcja 15 dni, morzem do Gdańska.',
    },
  },
  { name: 'Home & textiles', members: ['yiwu-starcraft', 'ist-anatolia'] },
  { name: 'Latin America', members: ['sp-verdecasa'] },
];
