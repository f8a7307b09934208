import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

/** Modules that do I/O or tie code to one runtime; shared/ must run unchanged in a browser, the server and tests. */
const impure = ['express', 'socket.io', 'socket.io-client', 'react', 'react-dom', 'better-sqlite3', 'pg', 'fs', 'path', 'http', 'https', 'crypto', 'os', 'child_process', 'net', 'url', 'worker_threads'];

export default tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'dist-server/', 'test-results/', 'playwright-report/', 'data/', 'bench/results/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', {
        paths: impure.map((name) => ({ name, message: 'shared/ is pure: no I/O or framework imports (see docs/architecture.md).' })),
        patterns: [{ group: ['node:*', '@xstate/react', 'socket.io*', 'express*', 'react*'], message: 'shared/ is pure: no node: or framework imports.' }],
      }],
    },
  },
);
