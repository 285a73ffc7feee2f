/** The tray tooltip for an unread count. */
export function unreadLabel(count: number): string {
  if (count <= 0) return 'Tradewind';
  return `Tradewind — ${count > 999 ? '999+' : count} unread`;
}
