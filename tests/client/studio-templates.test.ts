import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { copyId, copyOf, idOf, MINIMAL_SCENARIO, withIdAndTitle } from '../../client/src/studio/templates';
import { loadScenario } from '../../shared/scenario/load';

describe('studio templates', () => {
  it('the minimal scenario is the one the format guide ends with, and it is valid', () => {
    const guide = readFileSync(join(import.meta.dirname, '../../docs/scenario-format.md'), 'utf8');
    const block = /## A complete minimal scenario[\s\S]*?```yaml\n([\s\S]*?)```/.exec(guide)?.[1];
    expect(MINIMAL_SCENARIO).toBe(block);
    const loaded = loadScenario(MINIMAL_SCENARIO);
    expect(loaded.ok && loaded.warnings).toEqual([]);
  });

  it('a copy gets a free id and "(copy)" in its title, and keeps every comment and line as written', () => {
    const original = readFileSync(join(import.meta.dirname, '../../scenarios/partner-db-down.yaml'), 'utf8');
    const copy = copyOf(original, 'partner-db-down', 'Your partner database just went down', ['partner-db-down', 'partner-db-down-copy']);
    const loaded = loadScenario(copy);
    expect(loaded.ok && loaded.scenario.id).toBe('partner-db-down-copy-2');
    expect(loaded.ok && loaded.scenario.title).toBe('Your partner database just went down (copy)');
    const changed = original.split('\n').map((line, i) => [line, copy.split('\n')[i]]).filter(([a, b]) => a !== b);
    expect(changed).toEqual([
      ['id: partner-db-down', 'id: partner-db-down-copy-2'],
      ['title: Your partner database just went down', 'title: "Your partner database just went down (copy)"'],
    ]);
  });

  it('changes only the top-level id, and reads it back', () => {
    const text = withIdAndTitle(MINIMAL_SCENARIO, 'lunch-rush');
    expect(idOf(text)).toBe('lunch-rush');
    expect(text.match(/id: ic,/g)).toHaveLength(1);
    expect(copyId('x', [])).toBe('x-copy');
    expect(idOf('title: no id here')).toBeUndefined();
  });
});
