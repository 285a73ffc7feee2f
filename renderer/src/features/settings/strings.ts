/**
 * Strings of the Settings screen (issue 12), gathered with every language's catalogue in
 * renderer/src/app/strings.ts under the `settings` key; the other languages are in locales/.
 */
import type { Widen } from '../../i18n/en';
export const settingsEn = {
  settings: {
    title: 'Settings',
    sections: 'Settings sections',
    deviceOnly: 'Kept on this device.',
    accountWide: 'Saved to your account: the same on all your devices.',
    language: 'Language',
    interfaceLanguage: 'Interface language',
    systemLanguage: 'As the system ({{lang}})',
    calendar: 'Calendar for dates',
    calendarGregory: 'Gregorian',
    calendarPersian: 'Solar Hijri',
    calendarIslamic: 'Hijri (Umm al-Qura)',
    translation: 'Translation',
    autoTranslate: 'Translate incoming messages automatically',
    autoTranslateHint: 'When off, messages show as they were written.',
    liveOn: 'Live translation by DeepL is on for this server.',
    demoReadLanguages:
      "Without a DeepL key, the reading languages offered are those the demo history's translations are stored in; other messages stay as written.",
    appearance: 'Appearance',
    theme: 'Theme',
    themeSystem: 'As the system',
    themeLight: 'Light',
    themeDark: 'Dark',
    notifications: 'Notifications',
    desktopNotifications: 'Desktop notifications for new messages',
    sound: 'Sound for new messages',
    mutedContacts: 'Muted contacts',
    mutedHint: 'No notification and no sound for messages from a muted contact.',
    mute: 'Mute {{name}}',
    noContacts: 'No contacts yet.',
    privacy: 'Privacy',
    profile: 'My profile & hours',
    profileHint: 'Your card, time zone, languages and business hours, as your contacts see them.',
    editProfile: 'Edit my profile and business hours…',
    blocked: 'Blocked contacts',
    noBlocked: 'You have blocked no one.',
    unblock: 'Unblock',
    unblockNamed: 'Unblock {{name}}',
    devices: 'Devices & sessions',
    thisDevice: 'This device is signed in as {{id}} on {{server}}.',
    signOutHere: 'Sign out on this device',
    signOutEverywhere: 'Sign out on all devices',
    signOutEverywhereHint:
      'Ends every session of your account, this one included; each device then asks for the password again.',
    presenceVisibility: 'Who sees when I am online and when I was last seen',
    presenceEveryone: 'Everyone who has me as a contact',
    presenceContacts: 'Only people I have added too',
    presenceNobody: 'Nobody',
    presenceEveryoneHint:
      'Anyone who adds you sees your status (online, away, busy) and when you were last seen.',
    presenceContactsHint:
      'Only people in your own contact list see your status and last seen; someone who adds you sees nothing until you add them back.',
    presenceNobodyHint:
      'You appear offline to everyone, without a last-seen time. Messages still arrive as usual.',
    presenceDefaultSeller: 'Suppliers start with “everyone”: buyers who add you see when you are at work.',
    presenceDefaultBuyer:
      'Buyers start with “only people I have added too”: a supplier who adds you sees nothing until you add them back.',
    sessions: 'Signed-in devices',
    sessionsLoading: 'Loading the devices…',
    desktopApp: 'Tradewind desktop app',
    unknownDevice: 'Unknown device',
    thisDeviceBadge: 'this device',
    activeNow: 'active now',
    lastActive: 'last active {{when}}',
    signedInAt: 'signed in {{when}}',
    signOutDevice: 'Sign out',
    signOutDeviceNamed: 'Sign out {{name}}',
    signOutOthers: 'Sign out all other devices',
    signOutOthersHint:
      'A device signed out here goes back to the sign-in screen at once and needs the password again; this one stays signed in.',
    server: 'Server',
    serverAddress: 'Server address',
    launchAtLogin: 'Open Tradewind when I log in to this computer',
    about: 'About',
    version: 'Tradewind {{version}} · {{platform}}',
    aboutText:
      'A messenger for cross-border trade. Conversations are kept on this device; the server signs every message, so a conversation can serve as evidence.',
  },
} as const;

export type SettingsMessages = Widen<typeof settingsEn>;
