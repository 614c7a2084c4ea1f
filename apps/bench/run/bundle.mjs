// Bundle size of each library's page: one Vite library build per page module, minified, with
// React and the bench's shared code (row component, harness, mock data) left out, so the figure
// is the page's own code plus everything it imports from its library. The warm-reload persistence
// of each page (`libs/persist/`) is left out too: the figure is the list itself.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import react from '@vitejs/plugin-react';
import { build, defaultClientConditions } from 'vite';

const SHARED = /^(react|react-dom)(\/|$)|^@lazyflow\/mocks(\/|$)|\/shared\/|\/persist\//;

/**
 * Bytes of `src/libs/<lib>.tsx` of the bench app at `root`: `min`/`gzip` what the page loads up
 * front, `lazyMin`/`lazyGzip` its lazy chunks (dynamic imports, loaded when a feature is used).
 */
export async function pageBundleSize(root, lib) {
  const output = await build({
    root,
    configFile: false,
    logLevel: 'silent',
    plugins: [react()],
    resolve: { conditions: ['source', ...defaultClientConditions] },
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    build: {
      write: false,
      minify: true,
      lib: { entry: join(root, 'src', 'libs', `${lib}.tsx`), formats: ['es'], fileName: lib },
      rolldownOptions: { external: (id) => SHARED.test(id) },
    },
  });
  const chunks = (Array.isArray(output) ? output : [output])
    .flatMap((o) => o.output)
    .filter((chunk) => chunk.type === 'chunk');
  // Up front: the entry and what it imports statically. Chunks behind a dynamic `import()` (the
  // stream's parsers and reading loop, `pageSize: 'auto'`'s batcher) load only when the page
  // uses the feature: counted apart.
  const byName = new Map(chunks.map((chunk) => [chunk.fileName, chunk]));
  const upFront = new Set();
  const visit = (chunk) => {
    if (chunk === undefined || upFront.has(chunk)) return;
    upFront.add(chunk);
    for (const name of chunk.imports) visit(byName.get(name));
  };
  for (const chunk of chunks) if (chunk.isEntry) visit(chunk);
  const size = { min: 0, gzip: 0, lazyMin: 0, lazyGzip: 0 };
  for (const chunk of chunks) {
    const min = Buffer.byteLength(chunk.code);
    const gzip = gzipSync(chunk.code, { level: 6 }).length;
    if (upFront.has(chunk)) {
      size.min += min;
      size.gzip += gzip;
    } else {
      size.lazyMin += min;
      size.lazyGzip += gzip;
    }
  }
  return size;
}

/** Installed version of each package, read from the bench app's node_modules (workspace packages say so). */
export function packageVersions(root, packages) {
  return Object.fromEntries(
    packages.map((name) => {
      const { version } = JSON.parse(readFileSync(join(root, 'node_modules', name, 'package.json'), 'utf8'));
      return [name, name.startsWith('@lazyflow/') ? `workspace ${version}` : version];
    }),
  );
}
