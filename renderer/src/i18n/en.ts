/**
 * English strings of the shell and the screens without a `strings.ts` of their own: the source of
 * their keys. Other languages are typed against this shape; app/strings.ts adds each feature's
 * strings to every language.
 */
export const en = {
  app: { name: 'Tradewind', loading: 'Opening Tradewind…' },
  auth: {
    signInTitle: 'Sign in',
    signUpTitle: 'Create your account',
    tagline: 'Talk to suppliers and buyers across languages and time zones.',
    memberId: 'Member ID',
    memberIdHint: '3–32 letters, digits, dots, dashes or underscores. Others find you by it.',
    password: 'Password',
    displayName: 'Your name',
    company: 'Company',
    role: 'I am a',
    buyer: 'Buyer',
    seller: 'Seller',
    serverUrl: 'Server',
    serverUrlDesktop: 'Set in the desktop app’s settings (settings.json or TRADEWIND_SERVER_URL).',
    submitSignIn: 'Sign in',
    submitSignUp: 'Create account',
    toSignUp: 'New to Tradewind? Create an account',
    toSignIn: 'Already have an account? Sign in',
    working: 'Please wait…',
  },
  rail: {
    label: 'Main',
    chats: 'Chats',
    contacts: 'Contacts',
    orders: 'Orders',
    settings: 'Settings',
    signOut: 'Sign out',
    me: 'Signed in as {{name}} ({{id}})',
  },
  contacts: {
    title: 'Chats',
    list: 'Contacts',
    add: 'Add contact',
    addTitle: 'Add a contact by member ID',
    addPlaceholder: 'e.g. yiwu-bright',
    addSubmit: 'Add',
    cancel: 'Cancel',
    added: '{{name}} was added.',
    self: 'That is your own member ID.',
    empty: 'No contacts yet. Add a supplier or buyer by their member ID.',
    unread: '{{count}} unread',
    noMessages: 'No messages yet',
  },
  presence: {
    online: 'Online',
    away: 'Away',
    busy: 'Busy',
    offline: 'Offline',
    lastSeen: 'Last seen {{time}}',
    unknown: 'Status unknown',
    since: 'you are offline since {{time}}',
    unknownSince: 'Status unknown since {{time}}',
  },
  conversation: {
    none: 'Choose a contact to start talking.',
    messages: 'Messages with {{name}}',
    localTime: '{{time}} their time',
    typing: '{{name}} is typing…',
    composer: 'Message {{name}}',
    send: 'Send',
    hint: 'Enter to send · Shift+Enter for a new line',
    empty: 'No messages yet. Say hello to {{name}}.',
    today: 'Today',
    yesterday: 'Yesterday',
    retry: 'Retry',
    showProfile: 'Show profile',
    hideProfile: 'Hide profile',
    firstUnread: 'First unread ({{count}})',
    goToDate: 'Go to date',
    latest: 'Latest',
    nothingAfter: 'No messages from that day on.',
    you: 'You',
  },
  ticks: {
    sending: 'Sending',
    sent: 'Sent',
    delivered: 'Delivered',
    read: 'Read',
    failed: 'Not sent',
  },
  banner: {
    offline: 'You are offline. Messages you write are kept and sent when the connection returns.',
    connecting: 'Connecting to the server…',
  },
  /** The desktop app: tray menu, unread count (tray tooltip, taskbar badge), updates. */
  desktop: {
    open: 'Open Tradewind',
    quit: 'Quit Tradewind',
    connected: 'Connected',
    offline: 'Offline',
    unread: '{{count}} unread',
    updateReady: 'Tradewind {{version}} is ready.',
    restart: 'Restart to update',
  },
  profile: {
    title: 'Profile',
    buyer: 'Buyer',
    seller: 'Seller',
    memberId: 'Member ID',
    role: 'Role',
    company: 'Company',
    country: 'Country',
    timeZone: 'Time zone',
    languages: 'Languages',
    memberSince: 'Member since',
    none: '—',
  },
  errors: {
    bad_request: 'Something in the form is not right. Please check it.',
    unauthenticated: 'Your session has ended. Please sign in again.',
    forbidden: 'You are not allowed to do that.',
    not_found: 'No member with that ID was found.',
    conflict: 'That member ID is already taken.',
    invalid_credentials: 'Member ID or password is wrong.',
    blocked: 'This contact does not accept your messages.',
    too_large: 'This is too large to send.',
    rate_limited: 'Too many requests. Please wait a moment.',
    quota_exceeded: 'The translation budget is used up.',
    translation_unavailable: 'Translation is not available right now.',
    unsupported: 'This is not supported.',
    timeout: 'The server did not answer in time. Please try again.',
    offline: 'No connection to the server. Check the address and your network.',
    internal: 'Something went wrong on our side. Please try again.',
  },
} as const;

/**
 * Beside each plural key `x_other` a language may need more forms than English (Polish `x_few`,
 * `x_many`; Arabic `x_zero`, `x_two`): i18next picks them with Intl.PluralRules, and the catalogue
 * test checks that each language has exactly its own forms.
 */
type PluralForms<T> = {
  [K in keyof T as K extends `${infer B}_other` ? `${B}_${'zero' | 'two' | 'few' | 'many'}` : never]?: string;
};
/** The shape of a message catalogue with every string literal widened to `string`: what each translation must provide. */
export type Widen<T> = { [K in keyof T]: T[K] extends string ? string : Widen<T[K]> } & PluralForms<T>;
/** The shape every language file here must have (same keys, any strings). */
export type Messages = Widen<typeof en>;
