/** `GET /api/demo-session` (demo mode only, loopback only): a fresh session of the demo buyer, for `npm start`. */
import type { FeatureModule } from '../platform/socket/registry';
import { isLoopback, sendJson } from '../platform/http/respond';
import { createSession, getUser } from '../features/auth';
import { fail } from '../../../shared/result';
import { describeDevice } from '../../../shared/domain/device';
import { DEMO_BUYER } from './data';

export const DEMO_SESSION_PATH = '/api/demo-session';

export function demoFeature(): FeatureModule {
  return {
    name: 'demo',
    handlers: {},
    routes: [
      async (req, res, url, ctx) => {
        if (url.pathname !== DEMO_SESSION_PATH) return false;
        // "No demo session here" is an ordinary answer (204, no body), not an error: every
        // browser-mode start asks, and a 404 would put an error in the console of every load.
        if (!ctx.config.demo || !isLoopback(req)) {
          res.writeHead(204, { 'Cache-Control': 'no-store' });
          res.end();
          return true;
        }
        if (req.method !== 'GET') {
          sendJson(res, 405, fail('bad_request', 'Use GET.'));
          return true;
        }
        if (!(await getUser(ctx.db, DEMO_BUYER))) {
          sendJson(
            res,
            404,
            fail('not_found', 'The demo buyer does not exist; start the server with --demo.'),
          );
          return true;
        }
        const device = describeDevice(req.headers['user-agent'] ?? '');
        const { token } = await createSession(
          ctx.db,
          DEMO_BUYER,
          { name: device.name ?? undefined, platform: device.platform ?? undefined },
          ctx.now(),
        );
        sendJson(res, 200, { token, memberId: DEMO_BUYER, serverUrl: ctx.config.url });
        return true;
      },
    ],
  };
}
