import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { needsBuild } from './freshness.js';

function touch(file: string, secondsAgo: number) {
  writeFileSync(file, 'x');
  const t = Date.now() / 1000 - secondsAgo;
  utimesSync(file, t, t);
}

describe('needsBuild', () => {
  it('builds when an output is missing, or a source is newer, and not otherwise', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tw-fresh-'));
    mkdirSync(join(dir, 'src', 'deep'), { recursive: true });
    mkdirSync(join(dir, 'out'));
    touch(join(dir, 'src', 'deep', 'a.ts'), 100);
    const out = join(dir, 'out', 'main.cjs');
    const first = needsBuild([out], [join(dir, 'src')]);
    expect(first.stale && first.reason).toContain('missing');
    touch(out, 50);
    expect(needsBuild([out], [join(dir, 'src')])).toEqual({ stale: false });
    touch(join(dir, 'src', 'deep', 'b.ts'), 10);
    expect(needsBuild([out], [join(dir, 'src')])).toMatchObject({ stale: true });
  });
});
