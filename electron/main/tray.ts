/**
 * The tray icon: tooltip with the unread count (and the count as the title next to the icon on
 * macOS), click to open the window, and a menu — open, the user's status (online / away / busy /
 * invisible, with the connection state above it), quit.
 *
 * The words come from the renderer (`setTrayState`, in the user's language); until it has sent
 * them — the first moments after start — the English defaults below are shown. Electron's `Tray`
 * and `Menu` arrive through `TrayDeps`, so the menu and its actions are unit-tested.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { TrayLabels, TrayState } from '../../shared/hostApi';
import type { PresenceSetting } from '../../shared/protocol/schemas';
import { unreadLabel } from './unread';

export const DEFAULT_TRAY_LABELS: TrayLabels = {
  open: 'Open Tradewind',
  status: 'Status',
  online: 'Online',
  away: 'Away',
  busy: 'Busy',
  invisible: 'Invisible',
  connected: 'Connected',
  offline: 'Offline',
  quit: 'Quit Tradewind',
};

const PRESENCES: PresenceSetting[] = ['online', 'away', 'busy', 'invisible'];

export interface TrayActions {
  showWindow: () => void;
  setPresence: (presence: PresenceSetting) => void;
  quit: () => void;
}

/** The menu for a state; `null` state = the renderer has not reported yet (no status submenu). */
export function trayMenuTemplate(
  state: TrayState | null,
  actions: TrayActions,
): MenuItemConstructorOptions[] {
  const labels = state?.labels ?? DEFAULT_TRAY_LABELS;
  const items: MenuItemConstructorOptions[] = [{ label: labels.open, click: actions.showWindow }];
  if (state) {
    items.push(
      { type: 'separator' },
      { label: state.connected ? labels.connected : labels.offline, enabled: false },
      {
        label: labels.status,
        submenu: PRESENCES.map((p) => ({
          label: labels[p],
          type: 'radio' as const,
          checked: state.presence === p,
          click: () => actions.setPresence(p),
        })),
      },
    );
  }
  items.push({ type: 'separator' }, { label: labels.quit, click: actions.quit });
  return items;
}

/** The part of Electron's `Tray` used here. */
export interface TrayLike {
  setToolTip(text: string): void;
  setTitle(title: string): void;
  setContextMenu(menu: unknown): void;
  on(event: 'click', listener: () => void): void;
  destroy(): void;
}

export interface TrayDeps extends TrayActions {
  tray: TrayLike;
  buildMenu: (template: MenuItemConstructorOptions[]) => unknown;
  platform: NodeJS.Platform;
}

export interface TrayController {
  /** `label` is the renderer's sentence ("3 unread" in the user's language), if it sent one. */
  setUnread(count: number, label?: string): void;
  setState(state: TrayState): void;
  dispose(): void;
}

export function createTray(deps: TrayDeps): TrayController {
  const { tray } = deps;
  let state: TrayState | null = null;
  const render = (): void => tray.setContextMenu(deps.buildMenu(trayMenuTemplate(state, deps)));
  tray.setToolTip(unreadLabel(0));
  tray.on('click', deps.showWindow);
  render();
  return {
    setUnread(count, label) {
      tray.setToolTip(count > 0 && label ? `Tradewind — ${label}` : unreadLabel(count));
      if (deps.platform === 'darwin') tray.setTitle(count > 0 ? String(count) : '');
    },
    setState(next) {
      state = next;
      render();
    },
    dispose() {
      tray.destroy();
    },
  };
}
