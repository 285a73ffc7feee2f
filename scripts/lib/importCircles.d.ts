/** Every import circle found among the non-test TypeScript files under `root`, as paths relative to it (first file repeated at the end). */
export function findImportCircles(root: string): string[][];
