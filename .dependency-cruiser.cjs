// The dependency rules of architecture.md, checked by `npm run deps` (part of `npm test`).
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle anywhere; type-only imports count too.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'product-never-imports-sandbox',
      severity: 'error',
      comment: 'The stand-ins are composed by sidecar/demo only; product code never imports them.',
      from: { path: '^sidecar/src/', pathNot: '\\.test\\.tsx?$|/testing\\.ts$|/testing/' },
      to: { path: '^sidecar/sandbox/' },
    },
    {
      name: 'product-never-imports-demo',
      severity: 'error',
      comment: 'The demo composes the product; the product never reaches back into it.',
      from: { path: '^sidecar/src/', pathNot: '\\.test\\.tsx?$|/testing\\.ts$|/testing/' },
      to: { path: '^sidecar/demo/' },
    },
    {
      name: 'sandbox-depends-on-shared-only',
      severity: 'error',
      comment: 'The stand-ins and their tests depend only on shared/ and themselves.',
      from: { path: '^sidecar/sandbox/' },
      to: { path: '^sidecar/src/' },
    },
    {
      name: 'use-cases-know-no-http',
      severity: 'error',
      comment: 'Use cases never import the HTTP edge, Express or a vendor SDK.',
      from: {
        path: '^sidecar/src/(assignment|contracts|intake|jobs|notify|schedules|settings|temperature|reports|secrets|store)/',
        pathNot: '\\.test\\.tsx?$|/testing\\.ts$|/testing/',
      },
      to: { path: '^sidecar/src/http/|node_modules/express/' },
    },
    {
      name: 'use-cases-read-no-tracker',
      severity: 'error',
      comment:
        'Use cases speak in ticket facts (ports.ts); each tracker reads its own fields and queries behind the tracker port in trackers/<name>/. The rich-text converter for notes is the one shared piece.',
      from: {
        path: '^sidecar/src/(assignment|contracts|intake|jobs|notify|schedules|settings|temperature|reports|secrets|store)/',
        pathNot: '\\.test\\.tsx?$|/testing\\.ts$|/testing/',
      },
      to: { path: '^sidecar/src/trackers/', pathNot: '^sidecar/src/trackers/jira/adf\\.ts$' },
    },
    {
      name: 'only-the-jira-gateway-imports-jira-js',
      severity: 'error',
      from: { pathNot: '^sidecar/src/(jira|trackers/jira)/' },
      to: { path: 'node_modules/jira\\.js/' },
    },
    {
      name: 'shared-is-pure',
      severity: 'error',
      comment:
        'shared/ runs in Node, Forge functions and the UI Kit worker: no Node built-ins, no sidecar, no Forge.',
      from: { path: '^shared/src/', pathNot: '\\.test\\.tsx?$|/test/' },
      to: { path: '^(sidecar|forge-app)/|node_modules/@forge/' },
    },
    {
      name: 'shared-uses-no-node-built-ins',
      severity: 'error',
      from: { path: '^shared/src/', pathNot: '\\.test\\.tsx?$|/test/' },
      to: { dependencyTypes: ['core'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(dist|node_modules|coverage)/' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      extensions: ['.ts', '.tsx', '.js', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
