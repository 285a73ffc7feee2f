import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import type { TrayLabels } from '../../shared/hostApi';
import { DEFAULT_TRAY_LABELS, createTray, trayMenuTemplate } from './tray';

const PL: TrayLabels = {
  open: 'Otwórz Tradewind',
  status: 'Status',
  online: 'Dostępny',
  away: 'Zaraz wracam',
  busy: 'Zajęty',
  invisible: 'Niewidoczny',
  connected: 'Połączono',
  offline: 'Brak połączenia',
  quit: 'Zakończ Tradewind',
};

function fakeTray() {
  const calls = {
    tooltip: [] as string[],
    title: [] as string[],
    menus: [] as MenuItemConstructorOptions[][],
  };
  let click: (() => void) | null = null;
  const tray = {
    setToolTip: (t: string) => calls.tooltip.push(t),
    setTitle: (t: string) => calls.title.push(t),
    setContextMenu: (m: unknown) => calls.menus.push(m as MenuItemConstructorOptions[]),
    on: (_e: 'click', l: () => void) => {
      click = l;
    },
    destroy: vi.fn(),
  };
  return { tray, calls, click: () => click?.() };
}

function setup(platform: NodeJS.Platform = 'linux') {
  const t = fakeTray();
  const actions = { showWindow: vi.fn(), setPresence: vi.fn(), quit: vi.fn() };
  const controller = createTray({ tray: t.tray, buildMenu: (m) => m, platform, ...actions });
  const menu = () => t.calls.menus.at(-1)!;
  return { ...t, actions, controller, menu };
}

const labels = (menu: MenuItemConstructorOptions[]) => menu.map((i) => i.label ?? i.type);

describe('tray menu', () => {
  it('before the renderer reports: open and quit, in the default words', () => {
    const { menu, actions } = setup();
    expect(labels(menu())).toEqual([DEFAULT_TRAY_LABELS.open, 'separator', DEFAULT_TRAY_LABELS.quit]);
    menu()[0]!.click!({} as never, undefined, {});
    menu()[2]!.click!({} as never, undefined, {});
    expect(actions.showWindow).toHaveBeenCalledTimes(1);
    expect(actions.quit).toHaveBeenCalledTimes(1);
  });

  it('with a state: open, the connection line, the status submenu with the current one checked, quit', () => {
    const { menu, controller, actions } = setup();
    controller.setState({ presence: 'busy', connected: true, labels: PL });
    expect(labels(menu())).toEqual([PL.open, 'separator', PL.connected, PL.status, 'separator', PL.quit]);
    expect(menu()[2]).toMatchObject({ enabled: false });
    const status = menu()[3]!.submenu as MenuItemConstructorOptions[];
    expect(status.map((i) => [i.label, i.type, i.checked])).toEqual([
      [PL.online, 'radio', false],
      [PL.away, 'radio', false],
      [PL.busy, 'radio', true],
      [PL.invisible, 'radio', false],
    ]);
    status[3]!.click!({} as never, undefined, {});
    expect(actions.setPresence).toHaveBeenCalledWith('invisible');

    controller.setState({ presence: 'online', connected: false, labels: PL });
    expect(menu()[2]!.label).toBe(PL.offline);
  });

  it('the template is a pure function of the state', () => {
    const actions = { showWindow: vi.fn(), setPresence: vi.fn(), quit: vi.fn() };
    const state = { presence: 'away' as const, connected: true, labels: PL };
    expect(labels(trayMenuTemplate(state, actions))).toEqual(labels(trayMenuTemplate(state, actions)));
  });
});

describe('tray icon', () => {
  it('a click opens the window', () => {
    const { click, actions } = setup();
    click();
    expect(actions.showWindow).toHaveBeenCalledTimes(1);
  });

  it("shows the unread count in the tooltip, in the renderer's words when it sent them", () => {
    const { calls, controller } = setup();
    expect(calls.tooltip).toEqual(['Tradewind']);
    controller.setUnread(3);
    controller.setUnread(5, '5 nieprzeczytanych');
    controller.setUnread(0, '0 nieprzeczytanych');
    expect(calls.tooltip.slice(1)).toEqual([
      'Tradewind — 3 unread',
      'Tradewind — 5 nieprzeczytanych',
      'Tradewind',
    ]);
    expect(calls.title).toEqual([]); // the title beside the icon is macOS only
  });

  it('macOS: the count beside the icon', () => {
    const { calls, controller } = setup('darwin');
    controller.setUnread(7);
    controller.setUnread(0);
    expect(calls.title).toEqual(['7', '']);
  });

  it('dispose removes the icon', () => {
    const { tray, controller } = setup();
    controller.dispose();
    expect(tray.destroy).toHaveBeenCalledTimes(1);
  });
});
