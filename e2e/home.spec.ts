import { expect, type Page, test } from '@playwright/test';
import { expectRow, open, poll, rowBox, visibleRows } from './lists.ts';

// Issue #20: Home shows in its first minute what only lazyflow can do, one click from each feat.

const SCROLLER = 'table-scroller';

const tiles = (page: Page) => page.getByRole('list', { name: 'Try it' }).getByRole('listitem');

/** The Home tile whose heading starts with `title`. */
const tile = (page: Page, title: string) =>
  tiles(page).filter({ has: page.getByRole('heading', { level: 3, name: title }) });

/** Follows the "Full page" link of the Home tile whose heading starts with `title`. */
async function follow(page: Page, title: string) {
  await tile(page, title).getByRole('link', { name: 'Full page' }).click();
}

/** Runs the tile `id` in place and returns the figure it measured (its data attributes). */
async function runTile(page: Page, id: string): Promise<Record<string, string | undefined>> {
  await page.getByTestId(`feat-${id}-run`).click();
  const figure = page.getByTestId(`feat-${id}-figure`);
  await expect(figure).toHaveAttribute('data-state', /done|failed/, { timeout: 40_000 });
  await expect(figure, (await figure.textContent()) ?? '').toHaveAttribute('data-state', 'done');
  return figure.evaluate((element: HTMLElement) => ({ ...element.dataset }));
}

/** Row `index` (row number `index + 1`) is loaded and entirely inside the scroller's visible area. */
async function expectRowOnScreen(page: Page, index: number) {
  await expectRow(page, SCROLLER, index);
  await poll(async () => {
    const box = await rowBox(page, SCROLLER, index);
    return box !== null && box.top >= -0.5 && box.bottom <= box.viewport + 0.5;
  }).toBe(true);
}

const figure = async (page: Page, name: string) =>
  Number(await page.getByTestId('hood-figures').getAttribute(`data-${name}`));

let errors: string[] = [];
test.beforeEach(async ({ page }) => {
  errors = await open(page, '/');
});
test.afterEach(() => {
  expect(errors).toEqual([]);
});

test('Home: a one-line pitch, six live tiles and the benchmark chart with its method', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'lazyflow', exact: true })).toBeVisible();
  await expect(page.locator('.pitch')).toContainText('far larger than memory');
  await expect(tiles(page)).toHaveCount(6);
  for (const title of [
    'Jump to row 500,000 of 1,000,000',
    '100,000,000 rows',
    'Zero-jitter dynamic heights',
    'Reload on the same row, 0 requests',
    'Memory held to a budget',
    'Streams that resume without loss',
  ]) {
    await expect(tile(page, title)).toHaveCount(1);
    // Each tile says what it shows, runs it in place, and links to the full page.
    expect(((await tile(page, title).textContent()) ?? '').length).toBeGreaterThan(title.length + 60);
    await expect(tile(page, title).getByRole('button', { name: 'Run it here' })).toBeEnabled();
    await expect(tile(page, title).getByRole('link', { name: 'Full page' })).toBeVisible();
  }
  await expect(page.getByRole('button', { name: 'Send a test request' })).toHaveCount(0);
  const chart = page.getByRole('img', { name: /pnpm bench: lazyflow against/ });
  await expect(chart).toBeVisible();
  await poll(() => chart.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(770);
  await expect(page.getByRole('main')).toContainText('Chromium with the CPU slowed ×4');
  // The method link is served with the demo (no 404: the afterEach checks the console).
  const method = await page.getByTestId('bench-method').getAttribute('href');
  const response = await page.request.get(method ?? '');
  expect(response.status()).toBe(200);
  expect(await response.text()).toContain('Benchmarks');
});

test('live tiles: each runs its feat on its own list and shows the figure it measured', async ({ page }) => {
  test.setTimeout(180_000);
  // Jump: only the pages at the target (page 5,000 and its neighbours), none of the 4,990 before.
  const jump = await runTile(page, 'jump');
  expect(Number(jump.requests)).toBeGreaterThan(0);
  expect(Number(jump.requests)).toBeLessThanOrEqual(6);
  expect(Number(jump.firstPage)).toBeGreaterThanOrEqual(4_990);
  expect(Number(jump.lastPage)).toBeLessThanOrEqual(5_010);
  // Said as a person counts: row 500,000, pages from 1 (page index 4,999 is page 5,000).
  const jumpFigure = page.getByTestId('feat-jump-figure');
  await expect(jumpFigure).toContainText('Row 500,000 on screen');
  await expect(jumpFigure).toContainText(`(pages ${(Number(jump.firstPage) + 1).toLocaleString('en')}`);
  await expect(page.getByTestId('feat-jump-list').locator('[data-index="499999"]')).toHaveAttribute(
    'data-state',
    'loaded',
  );
  // 100,000,000 rows: the last row on screen at the bottom edge of a scaled list.
  const last = await runTile(page, 'hundred-million');
  expect(last.scaled).toBe('true');
  expect(Math.abs(Number(last.gap))).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('feat-hundred-million-list')).toHaveAttribute('data-count', '100000000');
  // Dynamic heights: rows of several heights, and the row read moves as far as the browser scrolled
  // it (compared with the scroll applied, read back, as the bench's dynamic scenario does). Not 0
  // here: 4.5M px down a 100,000-row list, Chromium places transforms in 0.5 px steps (32-bit
  // floats), so the row can land 0.4-0.6 px off; the tile says so. A jump by a row's height, the
  // jitter the feat is about, is far above the bound.
  const drift = await runTile(page, 'drift');
  expect(Number(drift.heights)).toBeGreaterThan(1);
  expect(Number(drift.drift)).toBeLessThan(1);
  if (Number(drift.drift) > 0)
    await expect(page.getByTestId('feat-drift-figure')).toContainText('Under a pixel');
  // Reload: the page reloads; its list, with nothing in memory, shows the row from IndexedDB
  // before any answer (the 'reload tile' test below checks that it is a real reload).
  const reload = await runTile(page, 'reload');
  // All at once, so a failure shows whether the row came late from IndexedDB or from the server.
  expect(reload).toMatchObject({ reloaded: 'true', fromCache: 'true', requests: '0' });
  expect(Number(reload.reads)).toBeGreaterThan(0);
  // Memory: a sweep through a million rows never holds more than the budget, and pages go.
  const memory = await runTile(page, 'memory');
  expect(Number(memory.samples)).toBe(25);
  expect(Number(memory.peak)).toBeGreaterThan(0);
  expect(Number(memory.peak)).toBeLessThanOrEqual(Number(memory.budget));
  expect(Number(memory.evicted)).toBeGreaterThan(0);
  await expect(page.getByTestId('feat-memory-chart')).toHaveAttribute('data-samples', '25');
  // Stream: cut every 300 events, every event arrives once.
  const stream = await runTile(page, 'stream');
  expect(stream.items).toBe('1200');
  expect(Number(stream.reconnects)).toBeGreaterThanOrEqual(3);
  expect(stream.lost).toBe('0');
});

// Issue #20: the reload tile reloads the page for real (a new document: no memory of the first
// list, its QueryClient or any module state), then shows row 123,456 again from IndexedDB.
test('tile: reload reloads the page and shows row 123,456 again from IndexedDB with 0 requests', async ({
  page,
}, testInfo) => {
  await page.evaluate(() => {
    (window as { beforeReload?: boolean }).beforeReload = true;
  });
  let loads = 0;
  page.on('load', () => loads++);
  const reload = await runTile(page, 'reload');
  expect(loads).toBe(1);
  expect(await page.evaluate(() => (window as { beforeReload?: boolean }).beforeReload)).toBeUndefined();
  expect(reload).toMatchObject({ reloaded: 'true', fromCache: 'true', requests: '0', row: '123455' }); // row 123,456's index
  expect(Number(reload.reads)).toBeGreaterThan(0);
  const list = page.getByTestId('feat-reload-list');
  await expect(list.locator('[data-index="123455"]')).toHaveAttribute('data-state', 'loaded');
  await expect(page.getByTestId('feat-reload-figure')).toContainText('After a real page reload');
  await expect(page.getByTestId('feat-reload')).toBeInViewport();
  await testInfo.attach('reload-tile', { body: await page.screenshot(), contentType: 'image/png' });
  // Nothing pending: the next load of Home leaves the tile idle.
  await page.reload();
  await expect(page.getByTestId('feat-reload-figure')).toHaveAttribute('data-state', 'idle');
});

// Rows are numbered from 1 on screen and in the tiles' links (decision 0039): row 500,000 is
// index 499,999, row 123,456 index 123,455.
test('tile: jump to row 500,000 lands on it, loading only the pages at the target', async ({ page }) => {
  await follow(page, 'Jump to row 500,000');
  await expect(page).toHaveURL(/\/table$/); // the jump is done: a reload restores, not re-jumps
  await expectRowOnScreen(page, 499_999);
  await expect(page.getByTestId(SCROLLER)).toHaveAttribute('data-count', '1000000');
  // Pages 0 (prefetched from the menu) and the ones at the target: nothing walked in between.
  expect(await figure(page, 'requests')).toBeLessThanOrEqual(6);
});

test('tile: 100,000,000 rows opens that mode at its last row', async ({ page }) => {
  await follow(page, '100,000,000 rows');
  await expect(page).toHaveURL(/\/table\?rows=100000000$/);
  const scroller = page.getByTestId(SCROLLER);
  await expect(scroller).toHaveAttribute('data-count', '100000000');
  await expect(scroller).toHaveAttribute('data-scaled', 'true');
  await expect(page.getByTestId('table-total')).toHaveValue('100000000');
  await expectRowOnScreen(page, 99_999_999);
  expect((await visibleRows(page, SCROLLER)).at(-1)).toBe(99_999_999);
  // The mode is in the URL: a reload keeps it.
  await page.reload();
  await expect(page.getByTestId(SCROLLER)).toHaveAttribute('data-count', '100000000');
});

// Issue #16: the row read stays pixel-still. The 297/303 px first wheel step came from the anchor
// leaving row 500,000 (its bottom past the end of the scroller) for a row above it that was
// loaded but still measured at the placeholder's size (fixed in anchor.ts: the held row stays
// while its top is in view). Core: anchor.test.ts, anchorLanding.browser.test.ts.
test('tile: zero-jitter dynamic heights opens the dynamic mode at row 500,000; scrolling up keeps it still', async ({
  page,
}) => {
  await follow(page, 'Zero-jitter dynamic heights');
  await expect(page.getByTestId('table-dynamic')).toBeChecked();
  await expectRowOnScreen(page, 499_999);
  const heights = new Set<number>();
  for (const index of await visibleRows(page, SCROLLER)) {
    const box = await rowBox(page, SCROLLER, index);
    if (box) heights.add(Math.round(box.bottom - box.top));
  }
  expect(heights.size).toBeGreaterThan(1); // rows of their own heights
  // Scroll up through rows never measured: the row tracked moves exactly by the wheel's delta.
  const box = await page.getByTestId(SCROLLER).boundingBox();
  await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
  // The jump keeps row 500,000 aligned while the rows around it are measured (until the user
  // scrolls): read its place once that has settled.
  let before = Number.NaN;
  await poll(async () => {
    const top = (await rowBox(page, SCROLLER, 499_999))?.top ?? Number.NaN;
    const still = top === before;
    before = top;
    await page.waitForTimeout(150);
    return still;
  }).toBe(true);
  await page.mouse.wheel(0, -300);
  await poll(async () => Math.abs(((await rowBox(page, SCROLLER, 499_999))?.top ?? 0) - (before + 300))).toBe(
    0,
  );
  await page.waitForTimeout(300); // rows above land and are measured
  expect((await rowBox(page, SCROLLER, 499_999))?.top).toBe(before + 300);
});

test('tile: reload on the same row opens row 123,456, and a reload comes back to it', async ({ page }) => {
  await follow(page, 'Reload on the same row');
  await expectRowOnScreen(page, 123_455);
  await expect(page).toHaveURL(/\/table$/);
  await poll(() => figure(page, 'cache-writes')).toBeGreaterThan(0);
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
  await expectRowOnScreen(page, 123_455);
});

test('tile: memory held to a budget shows the under-the-hood panel with bytes in memory', async ({
  page,
}) => {
  await follow(page, 'Memory held to a budget');
  await expect(page.getByRole('heading', { level: 1, name: 'Table' })).toBeVisible();
  const hood = page.getByRole('complementary', { name: 'Under the hood' });
  await expect(hood).toBeInViewport();
  await poll(() => figure(page, 'bytes-in-memory')).toBeGreaterThan(0);
  await expect(hood).toContainText('In memory');
  await expect(hood.getByRole('group', { name: 'Simulate memory pressure' })).toBeVisible();
});

test('tile: streams that resume without loss cut the connection and lose nothing', async ({ page }) => {
  await follow(page, 'Streams that resume without loss');
  await expect(page.getByTestId('stream-drop-note')).toContainText('cut every 300 events');
  const stats = page.getByTestId('stream-stats');
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-reconnects'))).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 15_000 });
  await expect(stats).toHaveAttribute('data-lost', '0');
  expect(Number(await stats.getAttribute('data-items'))).toBeGreaterThanOrEqual(600); // two cuts of 300
});
