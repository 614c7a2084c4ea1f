#!/usr/bin/env node
// Builds one app of the workspace and serves the build with `vite preview` on a fixed port
// (--strictPort): what the e2e specs run against (the demo, and the bench app for its smoke
// spec; `pnpm bench` serves the bench on its own, see apps/bench/run/bench.mjs).
//   node scripts/serve-app.mjs demo|bench [--port N] [--no-build]
// APP_OUT_DIR (default "dist") names the build folder, so two e2e runs on one checkout do not
// overwrite each other's build.
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const DEFAULT_PORTS = { demo: 4173, bench: 4175 };
const app = process.argv[2];
if (!(app in DEFAULT_PORTS)) {
  console.error(
    `usage: node scripts/serve-app.mjs ${Object.keys(DEFAULT_PORTS).join('|')} [--port N] [--no-build]`,
  );
  process.exit(2);
}
const root = fileURLToPath(new URL(`../apps/${app}/`, import.meta.url));
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : DEFAULT_PORTS[app];

const outDir = process.env.APP_OUT_DIR ?? 'dist';

if (!process.argv.includes('--no-build')) {
  await build({ root, logLevel: 'warn', build: { outDir } });
}
const server = await preview({
  root,
  build: { outDir },
  preview: { port, strictPort: true, host: 'localhost' },
});
server.printUrls();
