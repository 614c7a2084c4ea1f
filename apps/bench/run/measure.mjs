// Opens one bench page in Chromium and runs one scenario in it.
import { dragScrollbar } from './drag.mjs';
import { startTrace, traceFigures } from './trace.mjs';

/** Hard limit for one page, above any scenario's own cap. */
export const PAGE_TIMEOUT_MS = 90_000;

export function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** What a list page shows once it is ready to be measured: row 0 with data. */
const ROW_0_LOADED = '[data-row="0"][data-state="loaded"]';

/** The page URL of `lib` in `scenario`. */
export function pageUrl(baseUrl, lib, scenario) {
  const query = new URLSearchParams({
    lib,
    scenario: scenario.page,
    total: String(scenario.total),
    pageSize: String(scenario.pageSize),
    latency: String(scenario.latency),
  });
  // The stream pages' Workers are slowed as much as the page (apps/bench/src/stream/slowWorkers.ts):
  // CPU throttling does not reach them.
  if (scenario.page === 'stream') query.set('workerSlowdown', String(scenario.throttle));
  // BENCH_PAGE_PARAMS='worker=0': extra page parameters, e.g. lazyflow's stream parsing on the page.
  for (const [key, value] of new URLSearchParams(process.env.BENCH_PAGE_PARAMS ?? '')) query.set(key, value);
  return `${baseUrl}/?${query}`;
}

/** Waits for the page's harness and for `selector`; null when ready, else why not. */
export async function pageReady(page, selector, errors) {
  await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 20_000 });
  const ready = await page
    .waitForFunction((s) => document.querySelector(s), selector, { timeout: 20_000 })
    .then(() => true)
    .catch(() => false);
  if (ready) return null;
  const shown = await page
    .locator('[role="alert"]')
    .textContent({ timeout: 1000 })
    .catch(() => null);
  return shown ?? errors[0] ?? `${selector} never showed within 20 s`;
}

/** JS heap after a forced GC, in bytes, over the DevTools protocol. */
export async function heapAfterGc(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

/**
 * Runs the scenario's measured part in `page`, the CPU already throttled: the page's harness
 * records; for a drag the mouse drags the scrollbar meanwhile, then tells the page to stop. With
 * `trace`, a Chromium trace covers it and its main-thread figures join the result (`result.trace`).
 */
async function runMeasured(page, cdp, lib, scenario) {
  const stopTrace = scenario.trace ? await startTrace(cdp) : null;
  let result;
  try {
    const running = withTimeout(
      page.evaluate((request) => window.__bench.run(request), scenario.request),
      PAGE_TIMEOUT_MS,
      `${lib} ${scenario.id}`,
    );
    // Awaited below; without this a drag that throws first would leave it rejected unhandled.
    running.catch(() => {});
    let dragMoves;
    if (scenario.drag) {
      await page.waitForFunction(() => performance.getEntriesByName('bench:window-start').length > 0);
      try {
        dragMoves = await dragScrollbar(page, scenario.drag, Date.now() + scenario.request.capMs);
      } finally {
        await page.evaluate(() => window.__bench.stop());
      }
    }
    result = await running;
    if (dragMoves !== undefined) result.dragMoves = dragMoves;
  } finally {
    const events = await stopTrace?.();
    if (events && (result?.kind === 'scroll' || result?.kind === 'grid')) result.trace = traceFigures(events);
  }
  return result;
}

/**
 * Runs `scenario` for `lib` in a new page of `context`. The page loads at full speed; once it is
 * ready (row 0 shows data, or the scenario's own `ready` selector), the scenario's `setup` request
 * runs, if it has one (not measured), then the CPU is throttled through the DevTools protocol and
 * the scenario runs. For the sweep and the stream the JS heap is read
 * after a forced GC. Never throws: failures come back as `{ kind: 'failed', reason }`.
 */
export async function measure(context, baseUrl, lib, scenario) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(pageUrl(baseUrl, lib, scenario), { waitUntil: 'load' });
    const notReady = await pageReady(page, scenario.ready ?? ROW_0_LOADED, errors);
    if (notReady) return { kind: 'failed', reason: notReady };
    if (scenario.setup) {
      const setup = await withTimeout(
        page.evaluate((request) => window.__bench.run(request), scenario.setup),
        PAGE_TIMEOUT_MS,
        `${lib} ${scenario.id} setup`,
      );
      if (setup.kind === 'failed') {
        if (errors.length > 0) setup.reason += ` (page error: ${errors[0]})`;
        return setup;
      }
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: scenario.throttle });
    const result = await runMeasured(page, cdp, lib, scenario);
    if (result.kind === 'sweep' || result.kind === 'stream') result.heapBytes = await heapAfterGc(cdp);
    if (result.kind === 'failed' && errors.length > 0) result.reason += ` (page error: ${errors[0]})`;
    return result;
  } catch (error) {
    const reason = errors[0] ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
    return { kind: 'failed', reason };
  } finally {
    await page.close().catch(() => {});
  }
}
