/** Line icons drawn inline (no icon font, no emoji font needed; they inherit currentColor). */
const paths = {
  chats: 'M4 5h16v10H8l-4 4V5z',
  contacts:
    'M9 11a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm-5 8c0-3 2.5-5 5-5s5 2 5 5M16 11a2.5 2.5 0 1 0 0-5M17 14c2 .4 3.5 2.2 3.5 5',
  orders: 'M4 8l8-4 8 4v8l-8 4-8-4V8zm0 0l8 4 8-4M12 12v8',
  settings:
    'M12 15a3 3 0 1 0 0-6 3 3 0 0 0 0 6zm7.4-3a7.4 7.4 0 0 0-.1-1.2l2-1.6-2-3.4-2.4 1a7 7 0 0 0-2-1.2L14.5 3h-5l-.4 2.6a7 7 0 0 0-2 1.2l-2.4-1-2 3.4 2 1.6a7.4 7.4 0 0 0 0 2.4l-2 1.6 2 3.4 2.4-1a7 7 0 0 0 2 1.2l.4 2.6h5l.4-2.6a7 7 0 0 0 2-1.2l2.4 1 2-3.4-2-1.6c.1-.4.1-.8.1-1.2z',
  signOut: 'M10 4H5v16h5M15 8l4 4-4 4M19 12H9',
  send: 'M4 12l16-8-6 16-2.5-6.5L4 12z',
  plus: 'M12 5v14M5 12h14',
  search: 'M11 18a7 7 0 1 0 0-14 7 7 0 0 0 0 14zm9 2l-4-4',
  /** A photo (an attached image). */
  photo: 'M4 5h16v14H4V5zm0 11l5-5 4 4 2-2 5 5M15.5 9h.01',
  /** A document (an attached file). */
  file: 'M6 3h8l4 4v14H6V3zm8 0v4h4M9 12h6M9 16h6',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name, size = 20 }: { name: IconName; size?: number }): React.JSX.Element {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.7}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={paths[name]} />
    </svg>
  );
}
