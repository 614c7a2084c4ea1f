// Building, serving and opening the bench app, shared by `pnpm bench` (bench.mjs) and the
// profile script (profile.mjs).
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright';
import { build, preview } from 'vite';
import { CHROMIUM_FLAGS, ensureChromium } from '../../../scripts/chromium.mjs';

/** apps/bench */
export const appRoot = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds apps/bench into a new temporary directory and returns it (`minify: false` keeps function
 * names for profiles). A directory of its own, so a concurrent `pnpm test` (whose e2e server rebuilds apps/bench/dist) cannot pull it away.
 */
export async function buildBench({ minify = true } = {}) {
  const outDir = mkdtempSync(join(os.tmpdir(), 'lazyflow-bench-'));
  await build({ root: appRoot, logLevel: 'warn', build: { outDir, emptyOutDir: true, minify } });
  return outDir;
}

/** Serves the build in `outDir` with `vite preview` (the same process answers `/api/*`, apps/bench/mockApi.ts). */
export function serveBench(outDir, port) {
  return preview({
    root: appRoot,
    logLevel: 'warn',
    build: { outDir },
    preview: { port, strictPort: true, host: 'localhost' },
  });
}

/**
 * Debian Chromium with `gc()` exposed to pages. With `scrollbars`, it draws classic scrollbars
 * that the mouse can grab: Playwright hides them in headless mode unless told not to.
 */
export function launchChromium({ scrollbars = false } = {}) {
  return chromium.launch({
    executablePath: ensureChromium(),
    args: [...CHROMIUM_FLAGS, '--js-flags=--expose-gc'],
    ignoreDefaultArgs: scrollbars ? ['--hide-scrollbars'] : [],
  });
}

/** Every page gets the same window. */
export const CONTEXT_OPTIONS = { viewport: { width: 800, height: 800 } };
