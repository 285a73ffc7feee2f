// Import circles among the TypeScript files of a folder (ARCHITECTURE.md: no import circles).
// Relative imports only — `import`, `import type` and `export … from` alike — resolved as the
// bundler resolves them (`x` → `x.ts`, `x.tsx`, `x/index.ts`). Test files are left out.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

const SPEC =
  /(?:^|\n)\s*(?:import|export)\b[^'"]*?\bfrom\s*['"](\.{1,2}\/[^'"]*|\.{1,2})['"]|\bimport\(\s*['"](\.{1,2}\/[^'"]*)['"]\s*\)/g;

function sourcesUnder(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...sourcesUnder(p));
    else if (/\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

function resolveSpec(from, spec) {
  const base = resolve(dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')])
    if (existsSync(c) && statSync(c).isFile()) return c;
  return null;
}

/** @type {import('./importCircles').findImportCircles} */
export function findImportCircles(root) {
  const files = sourcesUnder(root);
  const edges = new Map(
    files.map((f) => {
      const text = readFileSync(f, 'utf8');
      const targets = [...text.matchAll(SPEC)]
        .map((m) => resolveSpec(f, m[1] ?? m[2]))
        .filter((t) => t !== null && t.startsWith(resolve(root)));
      return [f, [...new Set(targets)]];
    }),
  );
  // Depth-first search; a back edge to a file on the current path closes a circle.
  const circles = [];
  const state = new Map(); // file → 'open' | 'done'
  const path = [];
  const visit = (f) => {
    state.set(f, 'open');
    path.push(f);
    for (const t of edges.get(f) ?? []) {
      if (state.get(t) === 'open')
        circles.push([...path.slice(path.indexOf(t)), t].map((p) => relative(root, p)));
      else if (!state.has(t)) visit(t);
    }
    path.pop();
    state.set(f, 'done');
  };
  for (const f of files) if (!state.has(f)) visit(f);
  return circles;
}
