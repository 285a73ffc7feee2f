import { resolve } from 'node:path';
import { resolveStaticPath, sendFile } from '../../platform/http/static';
import type { FeatureModule, HttpRoute } from '../../platform/socket/registry';

/** Where the update feed lives on this server. */
export const RELEASES_PATH = '/releases/';

/**
 * GET/HEAD `/releases/<file>` from one folder, with the static route's rules (inside the folder
 * only, no dotfiles, no symlinks out). `no-cache`: `latest*.yml` must be re-read on every check.
 */
export function releasesRoute(dir: string): HttpRoute {
  const root = resolve(dir);
  return async (req, res, url) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !url.pathname.startsWith(RELEASES_PATH))
      return false;
    const file = await resolveStaticPath(root, url.pathname.slice(RELEASES_PATH.length - 1));
    if (!file) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
      return true;
    }
    await sendFile(req, res, file, 'no-cache');
    return true;
  };
}

export function releasesFeature(dir: string): FeatureModule {
  return { name: 'releases', handlers: {}, routes: [releasesRoute(dir)] };
}
