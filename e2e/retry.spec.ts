import { expect, type Page, test } from '@playwright/test';
import { itemTitle, open } from './lists.ts';

// Issue #20 item 4, decision 0025: a page being retried says which attempt, then looks failed
// with its error in words; Retry on a failed row loads that page only, "Retry all" every failed page.

/** Sets the fault panel's error rate (and latency) and applies it. */
async function faults(page: Page, errorRate: string, latencyMs = '0') {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill(errorRate);
  await panel.getByLabel('Latency (ms)').fill(latencyMs);
  await panel.getByRole('button', { name: 'Apply' }).click();
}

/** Every text a retrying row showed from now on (the attempt changes within a second). */
async function recordRetryTexts(page: Page) {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { retryTexts: string[] }).retryTexts = seen;
    new MutationObserver(() => {
      for (const element of document.querySelectorAll('.retrying-row-text')) {
        const text = element.textContent ?? '';
        if (!seen.includes(text)) seen.push(text);
      }
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { retryTexts: string[] }).retryTexts);
}

/** The `offset`s of /api/items requests from now on. */
function recordOffsets(page: Page): number[] {
  const offsets: number[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/items') offsets.push(Number(url.searchParams.get('offset')));
  });
  return offsets;
}

/** Jumps the Table to `index` (at the top of the view), typing its row number (from 1). */
async function jump(page: Page, index: number) {
  await page.getByTestId('jump-index').fill(String(index + 1));
  await page.getByTestId('jump-go').click();
}

test.afterEach(async ({ page }) => {
  await page.evaluate(() => localStorage.clear());
});

test('a retried page says "attempt 2 of 4", then fails in words; Retry loads that page only, Retry all the rest', async ({
  page,
}) => {
  const errors = await open(page, '/table');
  const scroller = page.getByTestId('table-scroller');
  await expect(scroller.locator('[data-index="0"]')).toHaveAttribute('data-state', 'loaded');
  const retryTexts = await recordRetryTexts(page);
  await faults(page, '1');
  // Rows 699,991–700,010 in view: the end of one page (699,901–700,000) and the start of the next.
  await jump(page, 699_990);
  const before = scroller.locator('[data-index="699990"]');
  const after = scroller.locator('[data-index="700000"]');
  await expect(before).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
  await expect(after).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
  const texts = await retryTexts();
  expect(texts).toContain('Retrying rows 699,901–700,000 — attempt 2 of 4 · HTTP 500');
  expect(texts).toContain('Retrying rows 700,001–700,100 — attempt 4 of 4 · HTTP 500');
  // Failed, not loading: no skeleton, no attempt; the page's first row on screen says which rows and why.
  await expect(scroller.locator('.skeleton')).toHaveCount(0);
  await expect(scroller.locator('[data-attempt]')).toHaveCount(0);
  await expect(before).toContainText("Couldn't load rows 699,901–700,000 · HTTP 500");
  await expect(after).toContainText("Couldn't load rows 700,001–700,100 · HTTP 500");
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('The server failed with HTTP 500, injected by the fault panel.');

  await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
  const offsets = recordOffsets(page);
  await before.getByRole('button', { name: 'Retry' }).click();
  await expect(before).toHaveAttribute('data-state', 'loaded');
  await expect(before.locator('.row-number')).toHaveText('699,991');
  await expect(before).toContainText(itemTitle(699_990));
  // That page, not the other failed one in view. (Prefetched pages still between attempts when the
  // faults went off retry on their own: CI saw 700,200 and 700,300 here.)
  expect(offsets).toContain(699_900);
  expect(offsets).not.toContain(700_000);
  expect(new Set(offsets).size).toBe(offsets.length);
  await expect(after).toHaveAttribute('data-state', 'error');

  offsets.length = 0;
  await alert.getByRole('button', { name: 'Retry all' }).click();
  await expect(after).toHaveAttribute('data-state', 'loaded');
  await expect(scroller.locator('[data-state="error"]')).toHaveCount(0);
  await expect(alert).toHaveCount(0);
  // Every failed page, the prefetched ones out of view too (prefetch 2 each way), once each.
  expect(offsets).toContain(700_000);
  expect(offsets.some((offset) => offset > 700_000 || offset < 699_900)).toBe(true);
  expect(new Set(offsets).size).toBe(offsets.length);
  // The injected 500s are logged by the browser as failed resources; nothing else may fail.
  expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
});

test('under TanStack Virtual too, a retried page says which attempt, then fails in words, and Retry loads it', async ({
  page,
}) => {
  const errors = await open(page, '/tanstack-virtual');
  const scroller = page.getByTestId('tv-scroller');
  await expect(scroller.locator('[data-index="0"]')).toHaveAttribute('data-state', 'loaded');
  const retryTexts = await recordRetryTexts(page);
  await faults(page, '1');
  await page.getByTestId('tv-jump-index').fill('500001'); // row 500,001: index 500,000
  await page.getByTestId('tv-jump-go').click();
  const row = scroller.locator('[data-index="500000"]');
  await expect(row).toHaveAttribute('data-state', 'error', { timeout: 15_000 });
  expect(await retryTexts()).toContain('Retrying rows 500,001–500,100 — attempt 2 of 4 · HTTP 500');
  await expect(row).toContainText("Couldn't load rows 500,001–500,100 · HTTP 500");
  await expect(scroller.locator('.skeleton')).toHaveCount(0);
  await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
  await row.getByRole('button', { name: 'Retry' }).click();
  await expect(row).toHaveAttribute('data-state', 'loaded');
  expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
});

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`screenshots of a retry in progress and of failed rows (${name}, ${viewport.width}×${viewport.height})`, async ({
    page,
  }, testInfo) => {
    test.setTimeout(60_000);
    await page.setViewportSize(viewport);
    // Every answer fails after ~1.5 s: attempt 2 stays on screen long enough to be seen and shot.
    const failing = JSON.stringify({ errorRate: 1, latency: 1500 });
    await page.addInitScript((faults) => localStorage.setItem('lazyflow-demo:faults', faults), failing);
    const errors = await open(page, '/table');
    await jump(page, 7_450);
    const scroller = page.getByTestId('table-scroller');
    const retrying = scroller.locator('[data-index="7450"] .retrying-row-text');
    await expect(retrying).toHaveText('Retrying rows 7,401–7,500 — attempt 2 of 4 · HTTP 500', {
      timeout: 15_000,
    });
    await expect(retrying).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath(`retrying-${name}.png`) });
    const failed = scroller.locator('[data-index="7450"] .failed-row-text');
    await expect(failed).toHaveText("Couldn't load rows 7,401–7,500 · HTTP 500", { timeout: 30_000 });
    await expect(failed).toBeInViewport();
    await page.screenshot({ path: testInfo.outputPath(`failed-${name}.png`) });
    // Nothing wider than the screen (the retry text is cut with an ellipsis on a phone).
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      viewport.width,
    );
    expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
  });
}
