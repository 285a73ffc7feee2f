/** Types of freshness.js. */
export function newestMtime(paths: readonly string[]): number;
export function needsBuild(
  outputs: readonly string[],
  sources: readonly string[],
): { stale: true; reason: string } | { stale: false };
