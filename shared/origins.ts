/**
 * The desktop app's web origin: its renderer is served from the privileged `app://tradewind/`
 * scheme (electron/main/security.ts, docs/desktop.md § Origin), so every request it makes to the
 * server carries `Origin: app://tradewind`. The server allows it (server/src/platform/http/origin.ts).
 */
export const DESKTOP_APP_ORIGIN = 'app://tradewind';
