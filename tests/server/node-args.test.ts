import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVER_NODE_ARGS } from '../../server/node-args';

/**
 * `npm start` runs the server with a larger young generation (server/node-args.ts says why), and `npm run bench`
 * measures with the same flags, so a figure in docs/performance.md is what a started server does.
 */
describe('the flags Node runs the server with', () => {
  const scripts = (JSON.parse(readFileSync('package.json', 'utf8')) as { scripts: Record<string, string> }).scripts;

  it('are the ones npm start and npm run bench give Node', () => {
    expect(scripts.start).toMatch(new RegExp(`&& node ${SERVER_NODE_ARGS.join(' ')} --import tsx server/main\\.ts$`));
    expect(scripts.bench).toBe(`node ${SERVER_NODE_ARGS.join(' ')} --import tsx bench/run.ts`);
  });
});
