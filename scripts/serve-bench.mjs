#!/usr/bin/env node
// Builds the bench app and serves the build with `vite preview` on a fixed port (--strictPort):
// what the e2e smoke spec opens. `pnpm bench` serves it on its own (apps/bench/run/bench.mjs).
//   node scripts/serve-bench.mjs [--port 4175] [--no-build]
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('../apps/bench/', import.meta.url));
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4175;

if (!process.argv.includes('--no-build')) {
  await build({ root, logLevel: 'warn' });
}
const server = await preview({ root, preview: { port, strictPort: true, host: 'localhost' } });
server.printUrls();
