// Min and min+gzip size of what an app imports from lazyflow, per entry: each entry is built
// alone with Vite 8 library mode (minified, `process.env.NODE_ENV` = 'production', React and
// @tanstack/react-query external: peers the app brings; gzip level 6; the entry's own chunk,
// lazy chunks left out). Entries live in the
// demo's folder for the build, because the demo is what depends on both packages.
// The budgets CI holds (beyond query-core) are in .size-limit.mjs, run by `pnpm test`.
// Usage: node scripts/bundle-size.mjs
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'vite';

const ENTRIES = {
  'useLazyList + offsetSource': `export { useLazyList } from '@lazyflow/react'; export { offsetSource } from '@lazyflow/core';`,
  'createLazyList, offsetSource, createVirtualList': `export { createLazyList, offsetSource, createVirtualList } from '@lazyflow/core';`,
  'createLazyList, offsetSource': `export { createLazyList, offsetSource } from '@lazyflow/core';`,
  idbCache: `export { idbCache } from '@lazyflow/core';`,
  createStream: `export { createStream } from '@lazyflow/core';`,
  autoSource: `export { autoSource, createLazyList } from '@lazyflow/core';`,
};

const work = join(import.meta.dirname, '..', 'apps', 'demo', '.bundle-size');
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });
try {
  console.log('| import | min | min + gzip |\n| --- | ---: | ---: |');
  let n = 0;
  for (const [name, code] of Object.entries(ENTRIES)) {
    const entry = join(work, `entry-${n}.js`);
    const outDir = join(work, `out-${n++}`);
    writeFileSync(entry, code);
    await build({
      logLevel: 'silent',
      configFile: false,
      resolve: { conditions: ['source'] },
      // What an app's production build ships: library mode leaves `process.env.NODE_ENV` as it
      // is, which would count the development-only option checks (decisions 0054, 0059) in.
      define: { 'process.env.NODE_ENV': '"production"' },
      build: {
        outDir,
        minify: true,
        lib: { entry, formats: ['es'], fileName: 'bundle' },
        rollupOptions: { external: ['react', 'react-dom', 'react/jsx-runtime', '@tanstack/react-query'] },
      },
    });
    const bytes = readFileSync(join(outDir, 'bundle.js'));
    const kb = (size) => `${(size / 1000).toFixed(1)} kB`;
    console.log(`| ${name} | ${kb(bytes.length)} | ${kb(gzipSync(bytes, { level: 6 }).length)} |`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
