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
  // ES built-ins only (see the shared/ block below), and of those, none that reach the host.
  'no-undef': 'error',
  'no-restricted-globals': [
    'error',
    { name: 'globalThis', message: 'shared/ is pure: no reaching into the host through globalThis.' },
    { name: 'process', message: 'shared/ is pure: pass configuration in as arguments.' },
    { name: 'fetch', message: 'shared/ is pure: no I/O.' },
    { name: 'setTimeout', message: 'shared/ is pure: no timers.' },
    { name: 'setInterval', message: 'shared/ is pure: no timers.' },
    { name: 'require', message: 'shared/ is pure ESM.' },
    { name: 'performance', message: 'shared/ is pure: no host clock; take `now` as an argument.' },
    { name: 'crypto', message: 'shared/ is pure and deterministic: no host randomness.' },
    { name: 'Buffer', message: 'shared/ is pure: no Node built-ins; use strings or Uint8Array.' },
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: "NewExpression[callee.name='Date'][arguments.length=0]",
      message: 'shared/ is pure: take `now` as an argument instead of reading the host clock.',
    },
    {
      selector: "MemberExpression[object.name='Date'][property.name='now']",
      message: 'shared/ is pure: take `now` as an argument instead of reading the host clock.',
    },
    {
      selector: "CallExpression[callee.name='Date']",
      message: 'shared/ is pure: `Date()` without `new` reads the host clock; take `now` as an argument.',
    },
    {
      selector: "NewExpression[callee.name='Date'][arguments.length>1]",
      message: 'shared/ is pure: `new Date(y, m, …)` reads the host zone; use `new Date(Date.UTC(y, m, …))`.',
    },
    {
      selector: "NewExpression[callee.name='Date'] > SpreadElement",
      message:
        'shared/ is pure: spread arguments hide a host-clock or host-zone `new Date`; pass one instant.',
    },
    {
      selector: "MemberExpression[object.name='Date'][computed=true]",
      message: 'shared/ is pure: computed `Date[…]` hides what is called; name the member.',
    },
    {
      selector: 'ImportExpression',
      message: 'shared/ is pure: no dynamic import(); import statically.',
    },
    {
      selector: "MemberExpression[object.name='Reflect'][property.name='construct']",
      message: 'shared/ is pure: Reflect.construct can build a host-clock Date unseen.',
    },
    {
      selector: "MemberExpression[object.name='Reflect'][computed=true]",
      message: 'shared/ is pure: computed `Reflect[…]` hides what is called; name the member.',
    },
    {
      selector:
        'MemberExpression[property.name=/^(get|set)(FullYear|Year|Month|Date|Day|Hours|Minutes|Seconds|Milliseconds)$/]',
      message:
        'shared/ is pure: local-zone Date accessors read the host zone; use the UTC ones or calendar/zone.ts.',
    },
    {
      selector: "MemberExpression[property.name='getTimezoneOffset']",
      message: 'shared/ is pure: the host zone is not an input; use calendar/zone.ts with an explicit zone.',
    },
    {
      selector: 'MemberExpression[property.name=/^(toLocale\\w*String|toDateString|toTimeString)$/]',
      message:
        'shared/ is pure: this formats in the host zone and locale; use Intl with an explicit timeZone.',
    },
    {
      // Only an inline options object with a `timeZone` key can be checked statically, so that is
      // what is required; options built elsewhere would hide whether the host zone is used.
      selector:
        ":matches(NewExpression, CallExpression)[callee.object.name='Intl'][callee.property.name='DateTimeFormat']:not(:has(ObjectExpression > Property[key.name='timeZone']))",
      message:
        'shared/ is pure: give Intl.DateTimeFormat an inline options object with an explicit `timeZone`.',
    },
    {
      selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']",
      message: 'shared/ is pure and deterministic: no Math.random.',
    },
  ],
};

/** shared/src outside its tests: the pure core. */
const sharedSource = { files: ['shared/src/**/*.ts'], ignores: ['shared/src/**/*.test.ts'] };

export default tseslint.config(
  { ignores: ['**/node_modules/**', '**/dist/**', '.frontline/**', '.bench/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  // Node globals everywhere but the pure core, which sees only the ECMAScript built-ins.
  {
    ignores: [...sharedSource.files, ...sharedSource.ignores.map((glob) => `!${glob}`)],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },
  { ...sharedSource, languageOptions: { globals: { ...globals.es2023 } }, rules: purity },
  {
    files: ['**/*.test.ts', '**/*.test.tsx', '**/test/**'],
    languageOptions: { globals: { ...globals.jest } },
  },
);
