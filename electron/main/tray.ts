/**
 * Tray icon with the unread count (tooltip, and the title next to the icon on macOS) and the
 * dock / launcher badge. The text is pure (unread.ts) so it is unit-tested.
 */
import { Menu, Tray, app, nativeImage } from 'electron';
import { unreadLabel } from './unread';

export interface UnreadIndicator {
  setUnreadCount(count: number): void;
  dispose(): void;
}

export function createTray(iconPath: string, showWindow: () => void): UnreadIndicator {
  const image = nativeImage.createFromPath(iconPath).resize({ width: 16, height: 16 });
  const tray = new Tray(image);
  tray.setToolTip(unreadLabel(0));
  tray.setContextMenu(
    Menu.buildFromTemplate([
      { label: 'Open Tradewind', click: showWindow },
      { type: 'separator' },
      { label: 'Quit', role: 'quit' },
    ]),
  );
  tray.on('click', showWindow);
  return {
    setUnreadCount(count) {
      // Badge: macOS dock, Linux Unity launchers; returns false elsewhere, which is fine.
      app.setBadgeCount(count);
      tray.setToolTip(unreadLabel(count));
      if (process.platform === 'darwin') tray.setTitle(count > 0 ? String(count) : '');
    },
    dispose() {
      tray.destroy();
    },
  };
}
