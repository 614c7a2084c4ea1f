#!/usr/bin/env node
// `pnpm demo`: starts the demo's Vite dev server (MSW serves the data in the browser).
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('../apps/demo/', import.meta.url));
const port = Number(process.env.PORT ?? 5173);
const server = await createServer({ root, server: { port, strictPort: false, host: 'localhost' } });
await server.listen();
console.log('\n  lazyflow demo is running:');
server.printUrls();
