/** `npm run bench`: runs every benchmark module in bench/ in sequence. Each exports `run()` and prints a table. */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const dir = fileURLToPath(new URL('.', import.meta.url));
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && f !== 'run.ts' && !f.endsWith('.test.ts'))
  .sort();

for (const file of files) {
  const mod = (await import(`./${file.replace(/\.ts$/, '')}`)) as { run?: () => Promise<void> };
  if (typeof mod.run !== 'function') {
    console.log(`bench/${file}: no run() export, skipped`);
    continue;
  }
  console.log(`── bench/${file}`);
  await mod.run();
}
