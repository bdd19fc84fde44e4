import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// shared/ runs in Node, in Forge functions and in the UI Kit web worker: it may not touch I/O, the
// host clock, the environment or Node built-ins. These rules make that purity a build failure.
const purity = {
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: ['node:*'], message: 'shared/ is pure: no Node built-ins.' },
        {
          group: [
            'fs',
            'fs/*',
            'path',
            'os',
            'http',
            'https',
            'net',
            'child_process',
            'crypto',
            'process',
            'url',
            'util',
            'events',
            'stream',
            'buffer',
            'zlib',
          ],
          message: 'shared/ is pure: no Node built-ins.',
        },
      ],
    },
  ],
  'no-restricted-globals': [
    'error',
    { name: 'process', message: 'shared/ is pure: pass configuration in as arguments.' },
    { name: 'fetch', message: 'shared/ is pure: no I/O.' },
    { name: 'setTimeout', message: 'shared/ is pure: no timers.' },
    { name: 'setInterval', message: 'shared/ is pure: no timers.' },
    { name: 'require', message: 'shared/ is pure ESM.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'shared/ is pure: take `now` as an argument instead of reading the host clock.',
    },
    {
      selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
      message: 'shared/ is pure: take `now` as an argument instead of reading the host clock.',
    },
    {
      selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
      message: 'shared/ is pure and deterministic: no Math.random.',
    },
  ],
};

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.frontline/**', '.bench/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { files: ['shared/src/**/*.ts'], ignores: ['shared/src/**/*.test.ts'], rules: purity },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
