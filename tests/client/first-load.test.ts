import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');

/**
 * The modules of the room's first load: everything `client/src/main.tsx` imports statically, transitively
 * (`import(…)` is a lazy chunk and not followed; `import type` is erased). Packages are listed by name.
 */
function firstLoad(): { files: Set<string>; packages: Map<string, string> } {
  const files = new Set<string>();
  const packages = new Map<string, string>();
  const queue = [join(ROOT, 'client/src/main.tsx')];
  while (queue.length) {
    const file = queue.pop()!;
    if (files.has(file)) continue;
    files.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^\s*(?:import|export)\s+(?!type\b)(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]/gm)) {
      const spec = m[1];
      if (!spec.startsWith('.')) {
        if (!packages.has(spec)) packages.set(spec, file.slice(ROOT.length + 1));
        continue;
      }
      if (spec.endsWith('.css')) continue;
      const base = resolve(dirname(file), spec);
      const found = [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')].find((p) => existsSync(p) && !p.endsWith('/'));
      if (found && /\.tsx?$/.test(found)) queue.push(found);
    }
  }
  return { files, packages };
}

describe("the room's first load", () => {
  const { files, packages } = firstLoad();

  it('follows the app into the room (the walk itself works)', () => {
    expect([...files].some((f) => f.endsWith('client/src/room/RoomPage.tsx'))).toBe(true);
    expect(packages.has('react')).toBe(true);
  });

  it('has no zod: its `new Function` probe breaks the Content Security Policy, and it weighs 40 KiB', () => {
    // Schemas belong in shared modules the server, the studio and the lazy pages import, not in the room's.
    expect(packages.get('zod') ?? 'none').toBe('none');
  });

  it('leaves the studio, the replay, the runs list and the comparison to lazy chunks', () => {
    const lazy = [...files].filter((f) => /client\/src\/(studio|replay|runs|compare)\//.test(f)).map((f) => f.slice(ROOT.length + 1));
    expect(lazy).toEqual([]);
  });
});
