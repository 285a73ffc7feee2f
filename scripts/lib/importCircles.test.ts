import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findImportCircles } from './importCircles';

const SERVER_SRC = join(import.meta.dirname, '..', '..', 'server', 'src');
const RENDERER_SRC = join(import.meta.dirname, '..', '..', 'renderer', 'src');

describe('findImportCircles', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  function tree(files: Record<string, string>): string {
    dir = mkdtempSync(join(tmpdir(), 'tw-circles-'));
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    return dir;
  }

  it('finds a circle through a folder index and a type-only import', () => {
    const root = tree({
      'context.ts': "import type { PresenceService } from './presence';\nexport type C = PresenceService;\n",
      'presence/index.ts': "export { PresenceService } from './service';\n",
      'presence/service.ts':
        "import type { C } from '../context';\nexport class PresenceService { c?: C; }\n",
      'lonely.ts': "import { x } from './missing';\n",
    });
    expect(findImportCircles(root)).toEqual([
      ['context.ts', join('presence', 'index.ts'), join('presence', 'service.ts'), 'context.ts'],
    ]);
  });

  it('finds none in a tree without circles', () => {
    const root = tree({
      'a.ts': "import { b } from './b';\nexport const a = b;\n",
      'b.ts': 'export const b = 1;\n',
      'b.test.ts': "import { a } from './a';\n",
    });
    expect(findImportCircles(root)).toEqual([]);
  });

  it('server/src has no import circle', () => {
    expect(findImportCircles(SERVER_SRC)).toEqual([]);
  });

  it('renderer/src has no import circle', () => {
    expect(findImportCircles(RENDERER_SRC)).toEqual([]);
  });
});
