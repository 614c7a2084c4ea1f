// The soak in `pnpm bench` (scenario `soak`, lazyflow only): builds the demo app (apps/demo, the
// same build its e2e specs run against), serves it with `vite preview` and runs soak.mjs in a fresh
// browser context; what the run found broken joins the result (`failures`) and the report.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, preview } from 'vite';
import { runSoak, soakFailures } from './soak.mjs';

const demoRoot = fileURLToPath(new URL('../../demo/', import.meta.url));

/** Builds apps/demo into a new temporary directory and returns it. */
export async function buildDemo() {
  const outDir = mkdtempSync(join(os.tmpdir(), 'lazyflow-soak-demo-'));
  await build({ root: demoRoot, logLevel: 'error', build: { outDir, emptyOutDir: true } });
  return outDir;
}

/** Serves the demo build in `outDir` on `port` (its mock server is MSW in the page, as in the demo). */
export function serveDemo(outDir, port) {
  return preview({
    root: demoRoot,
    logLevel: 'warn',
    build: { outDir },
    preview: { port, strictPort: true, host: 'localhost' },
  });
}

/**
 * Runs the soak `scenario` against the demo at `demoUrl` in a new context of `browser`. Never
 * throws: a run that could not finish comes back as `{ kind: 'failed', reason }`.
 */
export async function measureSoak(browser, contextOptions, demoUrl, scenario) {
  const context = await browser.newContext(contextOptions);
  try {
    const result = await runSoak(context, demoUrl, {
      ...scenario.request,
      throttle: scenario.throttle,
      log: (line) => console.log(`[bench] soak: ${line}`),
    });
    return { ...result, failures: soakFailures(result) };
  } catch (error) {
    return { kind: 'failed', reason: error instanceof Error ? error.message.split('\n')[0] : String(error) };
  } finally {
    await context.close().catch(() => {});
  }
}
