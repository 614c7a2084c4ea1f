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

/** `{ min, gzip }` in bytes for `src/libs/<lib>.tsx` of the bench app at `root`. */
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
  const chunks = (Array.isArray(output) ? output : [output]).flatMap((o) => o.output);
  let min = 0;
  let gzip = 0;
  for (const chunk of chunks) {
    if (chunk.type !== 'chunk') continue;
    min += Buffer.byteLength(chunk.code);
    gzip += gzipSync(chunk.code, { level: 6 }).length;
  }
  return { min, gzip };
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
