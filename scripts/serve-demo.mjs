#!/usr/bin/env node
// Builds the demo and serves the build with `vite preview` on a fixed port (--strictPort):
// what the e2e specs and the benchmarks run against.
//   node scripts/serve-demo.mjs [--port 4173] [--no-build]
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';

const root = fileURLToPath(new URL('../apps/demo/', import.meta.url));
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 4173;

if (!process.argv.includes('--no-build')) {
  await build({ root, logLevel: 'warn' });
}
const server = await preview({ root, preview: { port, strictPort: true, host: 'localhost' } });
server.printUrls();
