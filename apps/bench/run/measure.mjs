// Opens one bench page in Chromium and runs one scenario in it.

/** Hard limit for one page, above any scenario's own cap. */
const PAGE_TIMEOUT_MS = 90_000;

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/**
 * Runs `scenario` for `lib` in a new page of `context`. The page loads at full speed; once row 0
 * shows data, the CPU is throttled through the DevTools protocol and the scenario runs. For the
 * sweep the JS heap is read after a forced GC. Never throws: failures come back as
 * `{ kind: 'failed', reason }`.
 */
export async function measure(context, baseUrl, lib, scenario) {
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (error) => errors.push(error.message));
  try {
    const cdp = await context.newCDPSession(page);
    const query = new URLSearchParams({
      lib,
      scenario: scenario.page,
      total: String(scenario.total),
      pageSize: String(scenario.pageSize),
      latency: String(scenario.latency),
    });
    await page.goto(`${baseUrl}/?${query}`, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench !== undefined, null, { timeout: 20_000 });
    const firstRow = await page
      .waitForFunction(() => document.querySelector('[data-row="0"][data-state="loaded"]'), null, {
        timeout: 20_000,
      })
      .then(() => true)
      .catch(() => false);
    if (!firstRow) {
      const shown = await page
        .locator('[role="alert"]')
        .textContent({ timeout: 1000 })
        .catch(() => null);
      return { kind: 'failed', reason: shown ?? errors[0] ?? 'row 0 never showed data within 20 s' };
    }
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: scenario.throttle });
    const result = await withTimeout(
      page.evaluate((request) => window.__bench.run(request), scenario.request),
      PAGE_TIMEOUT_MS,
      `${lib} ${scenario.id}`,
    );
    if (result.kind === 'sweep') {
      await cdp.send('HeapProfiler.collectGarbage');
      const { usedSize } = await cdp.send('Runtime.getHeapUsage');
      result.heapBytes = usedSize;
    }
    if (result.kind === 'failed' && errors.length > 0) result.reason += ` (page error: ${errors[0]})`;
    return result;
  } catch (error) {
    const reason = errors[0] ?? (error instanceof Error ? error.message.split('\n')[0] : String(error));
    return { kind: 'failed', reason };
  } finally {
    await page.close().catch(() => {});
  }
}
