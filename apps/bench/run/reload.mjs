// Warm reload: one fresh browser context per measurement (empty IndexedDB and sessionStorage),
// a first visit that goes to the row (not measured), then `page.reload()` with the CPU throttled,
// timed inside the reloaded document from its navigation start (src/reload/reloadScenario.ts).
import { PAGE_TIMEOUT_MS, pageReady, pageUrl, withTimeout } from './measure.mjs';

/** The first visit may walk every page before the row (append-only lists): at latency 0 it is quick. */
const SETUP_CAP_MS = 60_000;

/**
 * Measures `scenario` (a warm reload) for `lib`. Never throws: failures come back as
 * `{ kind: 'failed', reason }`.
 */
export async function measureReload(browser, contextOptions, baseUrl, lib, scenario) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const cdp = await context.newCDPSession(page);
    await page.goto(pageUrl(baseUrl, lib, scenario), { waitUntil: 'load' });
    const notReady = await pageReady(page, '[data-row="0"][data-state="loaded"]', errors);
    if (notReady) return { kind: 'failed', reason: notReady };
    const { index, capMs } = scenario.request;
    const setup = await withTimeout(
      page.evaluate((request) => window.__bench.run(request), {
        kind: 'reload-setup',
        index,
        capMs: SETUP_CAP_MS,
      }),
      PAGE_TIMEOUT_MS,
      `${lib} ${scenario.id} setup`,
    );
    if (setup.kind === 'failed') return setup;
    // The throttle belongs to the page's target and stays on across the reload.
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: scenario.throttle });
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 20_000 });
    const result = await withTimeout(
      page.evaluate((request) => window.__bench.run(request), scenario.request),
      PAGE_TIMEOUT_MS,
      `${lib} ${scenario.id}`,
    );
    if (result.kind === 'failed') {
      if (errors.length > 0) result.reason += ` (page error: ${errors[0]})`;
      return result;
    }
    return { ...result, setupMs: setup.ms, heldRowsBefore: setup.heldRows, capMs };
  } catch (error) {
    const reason = errors[0] ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
    return { kind: 'failed', reason };
  } finally {
    await context.close().catch(() => {});
  }
}
