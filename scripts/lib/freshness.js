// Is a build output older than its sources? Used by `npm start` to rebuild only when needed.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SKIP = new Set(['node_modules', '.git', 'dist']);

/** Newest modification time (ms) of the files under the given files/folders; 0 if none. */
export function newestMtime(paths) {
  let newest = 0;
  const visit = (p) => {
    let st;
    try {
      st = statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(p)) if (!SKIP.has(name)) visit(join(p, name));
    } else if (st.mtimeMs > newest) newest = st.mtimeMs;
  };
  for (const p of paths) visit(p);
  return newest;
}

/** @type {import('./freshness').needsBuild} */
export function needsBuild(outputs, sources) {
  let oldest = Infinity;
  for (const o of outputs) {
    try {
      oldest = Math.min(oldest, statSync(o).mtimeMs);
    } catch {
      return { stale: true, reason: `${o} is missing` };
    }
  }
  const newest = newestMtime(sources);
  return newest > oldest ? { stale: true, reason: 'sources changed since the last build' } : { stale: false };
}
