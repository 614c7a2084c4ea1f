// Bundle budgets (`size-limit`, run by `pnpm test` after the builds): min + gzip of what an app
// pays up front for each entry, built with esbuild from the packages' dist, tree-shaken.
// Peers the app already has (`@tanstack/query-core`, React, `@tanstack/react-query`) are left
// out, so the figures are lazyflow's own bytes. Code behind a dynamic `import()` is left out
// too: an app's bundler splits it into a chunk that loads only when used (the default
// size-limit build inlines it, which would count the auto source's stream loader in every list).
// The targets (#15 item 7): useLazyList + offsetSource <= 12 kB, createLazyList +
// offsetSource <= 9 kB, createStream <= 4 kB. Not reached yet: each limit below is the measured
// figure plus 0.5 kB, so growth fails the test; where the bytes go is in docs/benchmarks.md
// ("Bundle size"). Lower a limit whenever the code gets smaller.

/** esbuild plugin: every dynamically imported module stays external (a lazy chunk). */
const lazyChunksExternal = {
  name: 'lazy-chunks-external',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined,
    );
  },
};

const modifyEsbuildConfig = (config) => ({
  ...config,
  plugins: [...(config.plugins ?? []), lazyChunksExternal],
});

const peers = ['@tanstack/query-core', '@tanstack/react-query', 'react', 'react-dom'];

export default [
  {
    name: 'useLazyList + offsetSource (beyond query-core)',
    path: ['packages/react/dist/index.js', 'packages/core/dist/index.js'],
    import: {
      'packages/react/dist/index.js': '{ useLazyList }',
      'packages/core/dist/index.js': '{ offsetSource }',
    },
    ignore: peers,
    gzip: true,
    // 19.1 until getItemKey, followRange, enabled and the React 18 ref check landed (+0.6 kB).
    limit: '19.6 kB', // target 12 kB
    modifyEsbuildConfig,
  },
  {
    // The hook plus what <LazyList> adds (2.2 kB: memoized rows, header/footer measured into the
    // scroll padding, errors, props checks): move this limit with the entry above. The hook's own entry
    // does not include it (a separate module, sideEffects: false).
    name: '<LazyList> + offsetSource (beyond query-core)',
    path: ['packages/react/dist/index.js', 'packages/core/dist/index.js'],
    import: {
      'packages/react/dist/index.js': '{ LazyList }',
      'packages/core/dist/index.js': '{ offsetSource }',
    },
    ignore: peers,
    gzip: true,
    limit: '29.7 kB', // measured 29.21 at bfe2345, where useLazyList's entry measured 27.06
    modifyEsbuildConfig,
  },
  {
    name: 'createLazyList + offsetSource (beyond query-core)',
    path: 'packages/core/dist/index.js',
    import: '{ createLazyList, offsetSource }',
    ignore: peers,
    gzip: true,
    limit: '11.8 kB', // target 9 kB
    modifyEsbuildConfig,
  },
  {
    name: 'createStream',
    path: 'packages/core/dist/index.js',
    import: '{ createStream }',
    ignore: peers,
    gzip: true,
    limit: '5.8 kB', // target 4 kB
    modifyEsbuildConfig,
  },
];
