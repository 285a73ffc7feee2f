/**
 * `npm run bench`: runs every benchmark module in bench/ in sequence. Each exports `run()` and
 * prints a table. `npm run bench -- messaging translation` runs only the named ones.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
  .sort();
if (only.length > 0 && files.length !== only.length)
  throw new Error(`No such bench among: ${only.join(', ')} (bench/<name>.ts)`);

// One bench that fails (a missing tool, a port in use) is reported and the others still run; the
// exit code says that something failed.
const failed: string[] = [];
for (const file of files) {
  console.log(`── bench/${file}`);
  try {
    const mod = (await import(`./${file.replace(/\.ts$/, '')}`)) as { run?: () => Promise<void> };
    if (typeof mod.run !== 'function') {
      console.log(`bench/${file}: no run() export, skipped`);
      continue;
    }
    await mod.run();
  } catch (error) {
    failed.push(file);
    console.error(`bench/${file} failed:`, error);
  }
}
if (failed.length > 0)
  console.error(`\n${failed.length} of ${files.length} benches failed: ${failed.join(', ')}`);
// Exit now: a bench that failed half-way may have left a server or a browser holding the loop.
process.exit(failed.length > 0 ? 1 : 0);
