// One jest run covers every workspace. Tests run as native ES modules (node --experimental-vm-modules)
// so ESM-only dependencies (jira.js, pg-boss, jose, nodemailer) load untransformed; @swc/jest strips
// types only — type-checking is `npm run typecheck`'s job.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', tsx: true },
      target: 'es2023',
      transform: { react: { runtime: 'automatic' } },
      // Keep `with { type: 'json' }`: native ESM refuses a JSON import without it.
      experimental: { keepImportAttributes: true },
    },
    module: { type: 'es6' },
  },
];

const project = (name, extra = {}) => ({
  displayName: name,
  rootDir: `<rootDir>/${name}`,
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts', '.tsx'],
  transform: { '^.+\\.tsx?$': swc },
  moduleNameMapper: { '^(\\.{1,2}/.*)\\.js$': '$1' },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  ...extra,
});

export default {
  rootDir: '.',
  projects: [
    // Reading the host clock throws in shared/ tests (see shared/jest.setup.ts).
    project('shared', { setupFiles: ['<rootDir>/jest.setup.ts'] }),
    project('sidecar'),
    project('forge-app'),
  ],
};
