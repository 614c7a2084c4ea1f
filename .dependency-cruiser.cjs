// Import rules for the workspace, checked by `pnpm lint` (and so by `pnpm test`). Decision 0004
// explains the folder flow of packages/core/src:
//   sources → paging → planner → scheduler → store → list (snapshot) → virtual
// with env/ (timers, clock, frames, idle callbacks, scroll element) below everything.
//
// Two runs share these rules (see package.json "lint"):
// - this file cruises production code only, and adds the folder-level cycle check;
// - .dependency-cruiser.tests.cjs cruises test files too, without the folder check: a test may
//   reach any folder (a cache test builds a list), and nothing imports a test, so a test never
//   closes a real cycle.

/** Core folder `name` as a path regex. */
const core = (name) => `^packages/core/src/${name}`;

/** @type {import('dependency-cruiser').IForbiddenRuleType[]} */
const forbidden = [
  {
    name: 'no-circular',
    severity: 'error',
    comment: 'No file imports itself through others, type-only imports included.',
    from: {},
    to: { circular: true },
  },
  {
    name: 'no-circular-folders',
    severity: 'error',
    scope: 'folder',
    comment:
      'Folders of packages/core/src depend on each other in one direction (decision 0004). ' +
      'Move a shared type to the lower folder instead of importing upwards.',
    from: { path: core('') },
    to: { circular: true },
  },
  {
    name: 'planner-store-pure',
    severity: 'error',
    comment:
      'planner/ and store/ are pure functions and state over plain data: they import only each ' +
      'other, options.ts and errors.ts. No DOM, env/, list/, virtual/, cache/, stream/, and no ' +
      '@tanstack/query-core or any other package (tests may use vitest and fast-check).',
    from: { path: core('(planner|store)/') },
    to: {
      pathNot: [
        core('(planner|store)/'),
        core('(options|errors)\\.ts$'),
        // their table and model tests
        '(^|/)node_modules/(vitest|fast-check)/',
      ],
    },
  },
  {
    name: 'sources-independent',
    severity: 'error',
    comment:
      'A source only obtains items (plain data in, plain data out); it knows nothing of lists, ' +
      'paging, the virtual list, the cache or the prefetcher. Paging builds on sources, not the reverse.',
    from: { path: core('sources/') },
    to: { path: core('(list|paging|virtual|cache|prefetch)/') },
  },
  {
    name: 'paging-below-list',
    severity: 'error',
    comment:
      'Paging maps source pages onto window indexes; the list engine and the views use it, never the reverse.',
    from: { path: core('paging/') },
    to: { path: core('(list|virtual|cache|prefetch|memory)/') },
  },
  {
    name: 'cache-not-virtual',
    severity: 'error',
    comment:
      'The IndexedDB tier stores what the virtual list saves (cache/savedScroll.ts) but never imports it.',
    from: { path: core('cache/') },
    to: { path: core('virtual/') },
  },
  {
    name: 'env-is-a-leaf',
    severity: 'error',
    comment:
      'env/ wraps the environment (timers, performance, frames, idle callbacks, the scroll element) and imports nothing of lazyflow.',
    from: { path: core('env/') },
    to: { path: '^packages/', pathNot: core('env/') },
  },
  {
    name: 'core-without-react',
    severity: 'error',
    comment: '@lazyflow/core is framework-agnostic: no React, not even in its tests.',
    from: { path: '^packages/core/' },
    to: {
      path: [
        '^packages/react/',
        '(^|/)node_modules/(react|react-dom|@tanstack/react-query|@testing-library/react)/',
        '^(react|react-dom|react/jsx-runtime|@lazyflow/react|@tanstack/react-query)$',
      ],
    },
  },
  {
    name: 'packages-not-apps',
    severity: 'error',
    comment: 'Packages are what users install: they never import the demo, the bench or the e2e specs.',
    from: { path: '^packages/' },
    to: { path: '^(apps|e2e)/' },
  },
  {
    name: 'resolvable',
    severity: 'error',
    comment: 'Every import resolves (catches a path left behind by a move).',
    from: {},
    to: { couldNotResolve: true },
  },
];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden,
  options: {
    exclude: {
      path: [
        '^(packages|apps)/[^/]+/dist/',
        '\\.test\\.tsx?$',
        '\\.bench\\.ts$',
        '^packages/core/src/testing/',
      ],
    },
    doNotFollow: { path: '(^|/)node_modules/' },
    tsConfig: { fileName: 'tsconfig.json' },
    // Type-only imports count: `import type` cycles were how sources/ and list/ were tied together.
    tsPreCompilationDeps: true,
    // The workspace packages resolve to their sources (the "source" export condition).
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['source', 'import', 'types', 'default'],
      extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'],
    },
    cache: false,
  },
};
