import { chromium, expect, type Page, test } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from '../scripts/chromium.mjs';
import { expectRow, open, poll, visibleRows } from './lists.ts';

const SCROLLER = 'table-scroller';
/** Added to every mock response in the reload test; ±25% jitter, so no answer before 75% of it. */
const LATENCY = 3_000;

const hood = (page: Page) => page.getByRole('complementary', { name: 'Under the hood' });

/** A figure of the panel, from its `data-*` attribute (e.g. 'bytes-in-memory'). */
async function figure(page: Page, name: string): Promise<number> {
  return Number(await page.getByTestId('hood-figures').getAttribute(`data-${name}`));
}

async function jump(page: Page, index: number) {
  await page.getByTestId('jump-index').fill(String(index + 1)); // the row number, from 1
  await page.getByTestId('jump-go').click();
  await expectRow(page, SCROLLER, index);
}

/** When row `index` of the list `testId` first showed loaded, and whether it was stale then. */
interface FirstShown {
  /** `performance.now()` of the document: ms since its navigation started. */
  readonly at: number;
  readonly stale: string | undefined;
}

/**
 * From the next document on, records the moment row `index` first shows loaded, in the commit
 * that shows it (a MutationObserver's callback runs before any later task, such as a network
 * answer): read by Playwright's polls afterwards, the time would include the poll's delay and a
 * revalidation could have made the row fresh meanwhile. Read it with `firstShown`.
 */
async function recordFirstShown(page: Page, testId: string, index: number) {
  await page.addInitScript(
    ({ testId, index }) => {
      const selector = `[data-testid="${testId}"] [data-index="${index}"][data-state="loaded"]`;
      const observer = new MutationObserver(() => {
        const row = document.querySelector<HTMLElement>(selector);
        if (row === null) return;
        (window as { firstShown?: FirstShown }).firstShown = {
          at: performance.now(),
          stale: row.dataset.stale,
        };
        observer.disconnect();
      });
      observer.observe(document, { childList: true, subtree: true, attributes: true });
    },
    { testId, index },
  );
}

const firstShown = (page: Page) =>
  page.evaluate(() => (window as { firstShown?: FirstShown }).firstShown ?? null);

/** Every row in view shows its real item (not a placeholder). */
async function expectVisibleRowsReal(page: Page) {
  const rows = await visibleRows(page, SCROLLER);
  expect(rows.length).toBeGreaterThan(5);
  for (const index of rows) await expectRow(page, SCROLLER, index);
}

test('the panel is on every page, names the lists there and collapses', async ({ page }) => {
  const errors = await open(page, '/');
  await expect(hood(page)).toContainText('No lazy list on this page.');
  const expected: Record<string, string[]> = {
    Table: ['Table'],
    Feed: ['Feed'],
    Chat: ['Chat'],
    Grid: ['Grid', 'Strip'],
    Stream: ['Event log'],
    Templates: ['small', 'medium', 'feed', 'huge', 'live'].map((dataset) => `Templates: ${dataset}`),
    Videos: ['Videos'],
    Users: ['Users'],
    Contacts: ['Contacts'],
    Analytics: ['Analytics'],
    Vanilla: ['Vanilla table'],
  };
  for (const [link, lists] of Object.entries(expected)) {
    await page.getByRole('navigation').getByRole('link', { name: link, exact: true }).click();
    for (const name of lists) await expect(hood(page).getByRole('listitem').getByText(name)).toBeVisible();
    await expect(page.getByTestId('hood-figures')).toHaveAttribute('data-lists', String(lists.length));
  }
  const toggle = hood(page).getByRole('button', { name: 'Under the hood' });
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(page.getByTestId('hood-figures')).toBeHidden();
  await toggle.click();
  await expect(page.getByTestId('hood-figures')).toBeVisible();
  expect(errors).toEqual([]);
});

test('on the Table page it shows requests, bytes in memory and IndexedDB, heap and a live memory chart', async ({
  page,
}) => {
  const errors = await open(page, '/table');
  await expectRow(page, SCROLLER, 0);
  await poll(() => figure(page, 'requests')).toBeGreaterThan(0);
  await poll(() => figure(page, 'bytes-in-memory')).toBeGreaterThan(0);
  await poll(() => figure(page, 'heap')).toBeGreaterThan(0); // performance.memory (Chromium)
  await expect(page.getByTestId('hood-figures')).toHaveAttribute('data-level', 'ok');
  // Pages are written behind, at the next idle moment.
  await poll(() => figure(page, 'bytes-in-cache')).toBeGreaterThan(0);
  await expect(hood(page)).toContainText('In IndexedDB');

  const chart = page.getByTestId('hood-memory-chart');
  await poll(async () => Number(await chart.getAttribute('data-samples'))).toBeGreaterThanOrEqual(3);
  const points = await chart
    .locator('[data-series="in memory"] polyline')
    .evaluateAll((lines) => lines.flatMap((line) => (line.getAttribute('points') ?? '').split(' ')));
  expect(points.length).toBeGreaterThanOrEqual(3);
  // The axes say what the line is: a unit, seconds back to now, and the Table's budget.
  await expect(chart).toContainText('bytes');
  await expect(chart).toContainText('now');
  // The budget: a dashed line once the data comes near it, named in a corner until then.
  await expect(chart).toContainText('budget 2.00 MB');
  expect(errors).toEqual([]);
});

test('simulating critical pressure lowers bytes in memory; the visible rows keep real data', async ({
  page,
}) => {
  const errors = await open(page, '/table');
  await expectRow(page, SCROLLER, 0);
  await jump(page, 500_000);
  await jump(page, 0);
  await poll(() => figure(page, 'pages-in-memory')).toBeGreaterThanOrEqual(4);
  const before = await figure(page, 'bytes-in-memory');

  await hood(page).getByRole('radio', { name: 'critical' }).check();
  await expect(page.getByTestId('hood-figures')).toHaveAttribute('data-level', 'critical');
  await poll(() => figure(page, 'bytes-in-memory')).toBeLessThan(before / 2);
  await expect(page.getByTestId('hood-health')).toContainText('memory critical'); // getHealth()
  await expect(page.getByTestId(SCROLLER)).toHaveAttribute('data-placeholders', '0');
  await expectVisibleRowsReal(page);
  // The pressure badge turns red: critical is real trouble.
  await expect(page.getByTestId('hood-level')).toHaveClass(/badge-bad/);

  await hood(page).getByRole('radio', { name: 'measured' }).check();
  await expect(page.getByTestId('hood-figures')).toHaveAttribute('data-level', 'ok');
  await poll(() => figure(page, 'pages-in-memory')).toBeGreaterThan(1); // prefetching again
  await expectVisibleRowsReal(page);
  expect(errors).toEqual([]);
});

test('after a reload, rows come from IndexedDB before a slow network could answer', async ({ page }) => {
  const errors = await open(page, '/table');
  await expectRow(page, SCROLLER, 0);
  await poll(() => figure(page, 'cache-writes')).toBeGreaterThan(0);

  const faults = page.getByRole('complementary', { name: 'Fault panel' });
  await faults.getByLabel('Latency (ms)').fill(String(LATENCY));
  await faults.getByRole('button', { name: 'Apply' }).click();
  await expect(faults.getByTestId('faults-applied')).toContainText(`latency ${LATENCY} ms`);

  await recordFirstShown(page, SCROLLER, 0);
  await page.reload();
  const first = page.getByTestId(SCROLLER).locator('[data-index="0"]');
  await expectRow(page, SCROLLER, 0);
  // Read at the moment the row showed (not when a poll saw it): ms since the reload started, and
  // a cached copy then (the slow revalidation may have answered by the time a poll looks).
  const shown = await firstShown(page);
  expect(shown).toMatchObject({ stale: 'true' });
  const shownAt = shown?.at ?? Number.NaN;
  expect(shownAt).toBeLessThan(LATENCY * 0.75);
  await poll(() => figure(page, 'cache-reads')).toBeGreaterThan(0);
  expect(await figure(page, 'hit-rate')).toBeGreaterThan(0);
  // The visible page is revalidated once the slow network answers.
  await expect(first).toHaveAttribute('data-stale', 'false', { timeout: LATENCY * 2 });
  console.log(`reload: rows from IndexedDB after ${Math.round(shownAt)} ms (network latency ${LATENCY} ms)`);
  expect(errors).toEqual([]);
});

test('a scroll through new rows keeps every badge healthy; a stream has no hit rate (#20)', async ({
  page,
}) => {
  const errors = await open(page, '/table');
  await expectRow(page, SCROLLER, 0);
  // Faster than prefetch keeps up: every page is a first-time miss, which is not trouble.
  const scroller = page.getByTestId(SCROLLER);
  for (let i = 0; i < 50; i++) {
    await scroller.evaluate((element) => element.scrollBy(0, 2_000));
    await page.waitForTimeout(40);
  }
  await poll(() => figure(page, 'requests')).toBeGreaterThanOrEqual(20); // past getHealth()'s minSamples
  await expectVisibleRowsReal(page);
  const health = page.getByTestId('hood-health');
  await expect(health).toContainText('cache healthy');
  await expect(health.locator('[data-status]:not([data-status="healthy"])')).toHaveCount(0);

  await page.getByRole('navigation').getByRole('link', { name: 'Stream', exact: true }).click();
  await poll(async () =>
    Number(await page.getByTestId('event-log').getAttribute('data-count')),
  ).toBeGreaterThan(200);
  const figures = page.getByTestId('hood-figures');
  await expect(figures).toHaveAttribute('data-lookups', '0');
  await expect(figures).toHaveAttribute('data-hit-rate', '');
  await expect(figures).toContainText('– (streamed)');
  await expect(health.locator('[data-status]:not([data-status="healthy"])')).toHaveCount(0);
  expect(errors).toEqual([]);
});

// Issue #20 item 3: badges change colour for real trouble. With every request failing, the
// error grade leaves healthy before 20 requests (getHealth counts the requests still missing from
// its sample as successes: 2 failed is a warning, 6 critical; it said "healthy" for 12 of 12).
test('with every request failing, the errors badge is no longer healthy', async ({ page }) => {
  await open(page, '/table');
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill('1');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
  const grade = page.getByTestId('hood-health').locator('[data-status]', { hasText: 'errors' });
  await expect(grade).toHaveAttribute('data-status', /^(warning|critical)$/, { timeout: 20_000 });
  await expect(grade).toHaveClass(/badge-(warn|bad)/);
  await page.evaluate(() => localStorage.clear());
});

test('the errors badge turns amber while a page is between attempts and red once it failed, not healthy meanwhile (#20)', async ({
  page,
}) => {
  const errors = await open(page, '/table');
  await expectRow(page, SCROLLER, 0);
  const health = page.getByTestId('hood-health');
  const badge = health.locator('[data-status]', { hasText: 'errors' });
  await expect(badge).toHaveAttribute('data-status', 'healthy');
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill('1');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByTestId('jump-index').fill('700001'); // row 700,001: index 700,000
  await page.getByTestId('jump-go').click();
  const row = page.getByTestId(SCROLLER).locator('[data-index="700000"]');
  // Its first try failed and attempt 2 waits: one failed request of a handful, which getHealth()'s
  // error rate does not judge yet; the badge says a retry is in progress.
  await expect(row).toHaveAttribute('data-attempt', /[2-4]/);
  await expect(health).not.toHaveAttribute('data-retrying', '0');
  await expect(badge).not.toHaveAttribute('data-status', 'healthy');
  await expect(badge).toHaveClass(/badge-(warn|bad)/);
  // Its attempts over, the page failed for good: red.
  await expect(row).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
  await expect(badge).toHaveAttribute('data-status', 'critical');
  await expect(badge).toHaveClass(/badge-bad/);
  await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
  await page.getByRole('main').getByRole('alert').getByRole('button', { name: 'Retry all' }).click();
  await expect(row).toHaveAttribute('data-state', 'loaded');
  await expect(health).toHaveAttribute('data-failed', '0');
  await expect(health).toHaveAttribute('data-retrying', '0');
  expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
  await page.evaluate(() => localStorage.clear());
});

// Issue #20 item 3: every list page reports its pages between attempts (useReportStats / the
// vanilla page's reportList read them from the list's pages), not only the five that passed
// them by hand. With every request failing from the first one, each page's first pages wait for
// attempt 2: the panel counts them and the errors badge is amber (or red once they failed).
for (const path of [
  '/users',
  '/vanilla',
  '/tanstack-virtual',
  '/chat',
  '/analytics',
  '/templates',
  '/grid',
]) {
  test(`${path}: the errors badge counts the pages being retried (#20)`, async ({ page }) => {
    await page.addInitScript(() => {
      if (sessionStorage.getItem('faults-set') !== null) return;
      sessionStorage.setItem('faults-set', '1');
      localStorage.setItem('lazyflow-demo:faults', JSON.stringify({ errorRate: 1 }));
    });
    await open(page, path);
    const health = page.getByTestId('hood-health');
    const badge = health.locator('[data-status]', { hasText: 'errors' });
    await poll(async () => Number(await health.getAttribute('data-retrying'))).toBeGreaterThan(0);
    await expect(badge).toHaveClass(/badge-(warn|bad)/);
    await page.evaluate(() => localStorage.clear());
  });
}

test('with a scrollbar that takes room (as on Windows) the side panel keeps room for it: every figure whole, nothing to scroll sideways', async ({
  baseURL,
}) => {
  // Playwright hides scrollbars in headless Chromium; this browser shows classic ones.
  const browser = await chromium.launch({
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
    ignoreDefaultArgs: ['--hide-scrollbars'],
  });
  try {
    const page = await browser.newPage({ baseURL, viewport: { width: 1280, height: 800 } });
    const errors = await open(page, '/users');
    // The widest figures are in: the grid's hit rate and its bytes against the budget.
    await expect(page.getByTestId('hood-figures')).toHaveAttribute('data-hit-rate', /\d/);
    await poll(() => figure(page, 'bytes-in-memory')).toBeGreaterThan(0);
    const fit = await page.getByTestId('side-panels').evaluate((panel) => {
      const right = panel.getBoundingClientRect().left + panel.clientLeft + panel.clientWidth;
      return {
        sideways: panel.scrollWidth - panel.clientWidth,
        past: [...panel.querySelectorAll('dt, dd')]
          .filter((el) => el.getBoundingClientRect().right > right + 0.5)
          .map((el) => el.textContent),
      };
    });
    expect(fit).toEqual({ sideways: 0, past: [] });
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
