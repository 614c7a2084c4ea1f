import { expect, type Page, test } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from '../scripts/chromium.mjs';
import { expectRow, open, poll, rowBox, visibleRows } from './lists.ts';

// Playwright hides scrollbars in headless Chromium; the drag test needs a real one to grab.
test.use({
  launchOptions: {
    executablePath: chromiumPath(),
    args: CHROMIUM_FLAGS,
    ignoreDefaultArgs: ['--hide-scrollbars'],
  },
});

const SCROLLER = 'table-scroller';
const ROW = 36;

/** Jumps to row `index` as a person does: typing its row number, from 1. */
async function jump(page: Page, index: number, align: 'start' | 'center' | 'end') {
  await page.getByTestId('jump-index').fill(String(index + 1));
  await page.getByTestId('jump-align').selectOption(align);
  await page.getByTestId('jump-go').click();
}

async function hundredMillion(page: Page) {
  await page.getByTestId('table-total').selectOption('100000000');
  const scroller = page.getByTestId(SCROLLER);
  await expect(scroller).toHaveAttribute('data-count', '100000000');
  await expect(scroller).toHaveAttribute('data-scaled', 'true');
}

/** Polls until `read()` is within 1 px of `expected`. */
async function expectNear(read: () => Promise<number | null | undefined>, expected: number) {
  await poll(async () => Math.abs(((await read()) ?? Number.NaN) - expected)).toBeLessThanOrEqual(1);
}

test.beforeEach(async ({ page }) => {
  await open(page, '/table');
});

test('renders real rows of 1,000,000 with fewer than 40 row elements and aria indexes', async ({ page }) => {
  const scroller = page.getByTestId(SCROLLER);
  await expectRow(page, SCROLLER, 0);
  await expect(scroller).toHaveAttribute('data-count', '1000000');
  await expect(scroller).toHaveAttribute('data-placeholders', '0');
  expect(await scroller.getByRole('listitem').count()).toBeLessThan(40);
  expect(Number(await scroller.getAttribute('data-rendered'))).toBeLessThan(40);
  const first = scroller.locator('[data-index="0"]');
  await expect(first).toHaveAttribute('aria-setsize', '1000000');
  await expect(first).toHaveAttribute('aria-posinset', '1');
  await expect(first).toHaveAttribute('tabindex', '0');
  await expect(scroller.locator('[data-index="1"]')).toHaveAttribute('tabindex', '-1');
});

test('jump to row 500,000 puts it at the start, center or end with real data', async ({ page }) => {
  await expectRow(page, SCROLLER, 0);
  for (const align of ['start', 'center', 'end'] as const) {
    await jump(page, 500_000, align);
    await expectRow(page, SCROLLER, 500_000);
    const view = (await rowBox(page, SCROLLER, 500_000))?.viewport ?? 0;
    const expected = align === 'start' ? 0 : align === 'center' ? (view - ROW) / 2 : view - ROW;
    await expectNear(async () => (await rowBox(page, SCROLLER, 500_000))?.top, expected);
    await expect(page.getByTestId(SCROLLER)).toHaveAttribute('data-placeholders', '0');
  }
});

test('a smooth jump flies to row 500,000, lands centred, and requests only pages there (#19)', async ({
  page,
}) => {
  await expectRow(page, SCROLLER, 0);
  const requests = async () =>
    Number(
      /(\d+) requests?/.exec((await page.getByTestId('table-status').textContent()) ?? '')?.[1] ?? Number.NaN,
    );
  await poll(requests).toBeGreaterThan(0);
  const before = await requests();
  await page.getByTestId('jump-smooth').check();
  await jump(page, 500_000, 'center');
  await expectRow(page, SCROLLER, 500_000);
  const view = (await rowBox(page, SCROLLER, 500_000))?.viewport ?? 0;
  await expectNear(async () => (await rowBox(page, SCROLLER, 500_000))?.top, (view - ROW) / 2);
  // The pages at the target (and the prefetch around it), none of the 499,990 rows flown over.
  expect((await requests()) - before).toBeLessThanOrEqual(6);
});

test('100,000,000 rows: jump to the last row shows it at the bottom with its data', async ({ page }) => {
  await hundredMillion(page);
  await jump(page, 99_999_999, 'end');
  await expectRow(page, SCROLLER, 99_999_999);
  await expectNear(async () => {
    const box = await rowBox(page, SCROLLER, 99_999_999);
    return box && box.bottom - box.viewport;
  }, 0);
  expect((await visibleRows(page, SCROLLER)).at(-1)).toBe(99_999_999);
  await expect(page.getByTestId(SCROLLER).locator('[data-index="100000000"]')).toHaveCount(0);
});

test('100,000,000 rows: small mouse-wheel steps move content 1:1, row by row', async ({ page }) => {
  await hundredMillion(page);
  const start = 50_000_000 - 300;
  await jump(page, start, 'start');
  await expectRow(page, SCROLLER, start);
  const box = await page.getByTestId(SCROLLER).boundingBox();
  await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
  let tracked = start + 2;
  for (let step = 0; step < 6; step++) {
    const before = (await rowBox(page, SCROLLER, tracked))?.top ?? Number.NaN;
    await page.mouse.wheel(0, 120);
    await expectNear(async () => (await rowBox(page, SCROLLER, tracked))?.top, before - 120);
    tracked = (await visibleRows(page, SCROLLER))[2] ?? tracked;
  }
  await expectRow(page, SCROLLER, tracked);
});

// Issue 16: 20 wheel steps of 2,000 px down from row 500,001 ended at row 484,445 (1M rows) and
// 3,042,559 rows back (100M): steps over two viewports were taken for a scrollbar drag.
for (const [label, total, start] of [
  ['1,000,000', 1_000_000, 500_001],
  ['100,000,000', 100_000_000, 50_000_001],
] as const) {
  test(`${label} rows: 20 wheel steps of 2,000 px down move exactly 40,000 px, fetching only pages on the way`, async ({
    page,
  }) => {
    if (total === 100_000_000) await hundredMillion(page);
    const offsets: number[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.pathname === '/api/items') offsets.push(Number(url.searchParams.get('offset')));
    });
    await jump(page, start, 'start');
    await expectRow(page, SCROLLER, start);
    await expectNear(async () => (await rowBox(page, SCROLLER, start))?.top, 0);
    offsets.length = 0;
    const box = await page.getByTestId(SCROLLER).boundingBox();
    await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
    for (let step = 0; step < 20; step++) await page.mouse.wheel(0, 2_000);
    // 40,000 px = 1,111 rows of 36 px + 4 px: row start + 1,111 is first, 4 px above the top.
    const landed = start + 1_111;
    await expectRow(page, SCROLLER, landed);
    await expectNear(async () => (await rowBox(page, SCROLLER, landed))?.top, -4);
    expect((await visibleRows(page, SCROLLER))[0]).toBe(landed);
    for (const offset of offsets) {
      expect(offset).toBeGreaterThanOrEqual(start - 1_000);
      expect(offset).toBeLessThanOrEqual(landed + 1_000);
    }
  });
}

test('keyboard: arrows, PageDown, End and Home move focus to a row kept in view', async ({ page }) => {
  await expectRow(page, SCROLLER, 2);
  await page.getByTestId(SCROLLER).locator('[data-index="2"]').click();
  const focused = async () =>
    Number(await page.evaluate(() => document.activeElement?.getAttribute('data-index')));
  const expectFocusedInView = async (index: number) => {
    await poll(focused).toBe(index);
    const box = await rowBox(page, SCROLLER, index);
    expect(box?.top).toBeGreaterThanOrEqual(-0.5);
    expect(box?.bottom).toBeLessThanOrEqual((box?.viewport ?? 0) + 0.5);
    await expect(page.getByTestId(SCROLLER).locator(`[data-index="${index}"]`)).toHaveAttribute(
      'tabindex',
      '0',
    );
  };
  await page.keyboard.press('ArrowDown');
  await expectFocusedInView(3);
  await page.keyboard.press('PageDown');
  const rowsPerPage = Math.floor(((await rowBox(page, SCROLLER, 3))?.viewport ?? 0) / ROW);
  await expectFocusedInView(3 + rowsPerPage - 1);
  await page.keyboard.press('End');
  await expectFocusedInView(999_999);
  await expectRow(page, SCROLLER, 999_999);
  await page.keyboard.press('Home');
  await expectFocusedInView(0);
  await expectNear(async () => (await rowBox(page, SCROLLER, 0))?.top, 0);
});

test('on a phone the status line keeps its height as its text grows: End leaves the list and its last row whole', async ({
  page,
}) => {
  // At 390 px the status once went from 2 to 3 lines at the end ("showing 999,991–1,000,000"),
  // shrinking the list under the row End had just focused.
  await page.setViewportSize({ width: 390, height: 844 });
  await expectRow(page, SCROLLER, 2);
  const listBox = () => page.getByTestId(SCROLLER).boundingBox();
  const before = await listBox();
  await page.getByTestId(SCROLLER).locator('[data-index="2"]').click();
  await page.keyboard.press('End');
  await expect(page.getByTestId('table-status')).toContainText('–1,000,000 ·');
  await expectRow(page, SCROLLER, 999_999);
  expect(await listBox()).toEqual(before);
  const last = await rowBox(page, SCROLLER, 999_999);
  expect(last?.bottom).toBeLessThanOrEqual((last?.viewport ?? 0) + 0.5);
});

test('100,000,000 rows: dragging the scrollbar to the middle lands near row 50,000,000', async ({ page }) => {
  await hundredMillion(page);
  await expectRow(page, SCROLLER, 0);
  const scroller = page.getByTestId(SCROLLER);
  const box = await scroller.boundingBox();
  if (!box) throw new Error('no scroller');
  const gutter = await scroller.evaluate(
    (el: HTMLElement) => el.offsetWidth - el.clientWidth - el.clientLeft * 2,
  );
  expect(gutter).toBeGreaterThan(0); // a classic scrollbar to grab
  const x = box.x + box.width - 1 - gutter / 2;
  // The thumb is at the top of the track (scrollTop 0); grab it and drag it to the middle.
  await page.mouse.move(x, box.y + 1 + gutter + 4);
  await page.mouse.down();
  await page.mouse.move(x, box.y + box.height / 2, { steps: 12 });
  await page.mouse.up();
  // Where the thumb is (scrollTop over its range) and the first row shown, read together once the
  // last drag step has reached the page: proportional over the whole list.
  const landing = () =>
    scroller.evaluate((el: HTMLElement) => {
      const top = el.getBoundingClientRect().top + el.clientTop;
      const rows = [...el.querySelectorAll<HTMLElement>('[data-index]')]
        .filter((row) => row.getBoundingClientRect().bottom > top + 0.5)
        .map((row) => Number(row.dataset.index));
      return { ratio: el.scrollTop / (el.scrollHeight - el.clientHeight), first: Math.min(...rows) };
    });
  await poll(async () => {
    const { ratio, first } = await landing();
    return Math.abs(first / 100_000_000 - ratio);
  }).toBeLessThan(0.001);
  const { ratio, first } = await landing();
  expect(ratio).toBeGreaterThan(0.35);
  expect(ratio).toBeLessThan(0.65);
  await expectRow(page, SCROLLER, first + 1);
});

test('restores the same row at the same offset after a route change and after a reload', async ({ page }) => {
  await expectRow(page, SCROLLER, 0);
  await jump(page, 123_456, 'start');
  await expectRow(page, SCROLLER, 123_456);
  const box = await page.getByTestId(SCROLLER).boundingBox();
  await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
  await page.mouse.wheel(0, 50);
  await expectNear(async () => (await rowBox(page, SCROLLER, 123_456))?.top, -50);
  const first = (await visibleRows(page, SCROLLER))[0] ?? -1;
  const top = (await rowBox(page, SCROLLER, first))?.top ?? Number.NaN;

  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Home' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'lazyflow', exact: true })).toBeVisible();
  await nav.getByRole('link', { name: 'Table' }).click();
  await expectRow(page, SCROLLER, first);
  await expectNear(async () => (await rowBox(page, SCROLLER, first))?.top, top);
  expect((await visibleRows(page, SCROLLER))[0]).toBe(first);

  await page.reload();
  await expectRow(page, SCROLLER, first);
  await expectNear(async () => (await rowBox(page, SCROLLER, first))?.top, top);
  expect((await visibleRows(page, SCROLLER))[0]).toBe(first);
});

test('a reload restored from IndexedDB says so: the row, the pages read and 0 requests (#20)', async ({
  page,
}) => {
  const note = page.getByTestId('restore-note');
  await expectRow(page, SCROLLER, 0);
  await expect(note).toHaveCount(0); // a first visit comes from the network
  const writes = async () => Number(await page.getByTestId('hood-figures').getAttribute('data-cache-writes'));
  // The first screen's pages are written first; the jump's pages must be written too, not just
  // any three (under load the reload came before them, and the row was fetched, not restored).
  await poll(writes).toBeGreaterThanOrEqual(3); // page 0 and its prefetch…
  let before = await writes();
  for (let still = 0; still < 3; ) {
    await page.waitForTimeout(200); // …and nothing more of the first screen on its way
    const now = await writes();
    still = now === before ? still + 1 : 0;
    before = now;
  }
  await jump(page, 123_456, 'start');
  await expectRow(page, SCROLLER, 123_456);
  // Pages are written to IndexedDB behind, at the next idle moment.
  await poll(writes).toBeGreaterThan(before);

  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
  await expect(note).toBeVisible();
  await expect(note).toContainText('Restored from IndexedDB: row 123,457 on screen with 0 requests');
  await expect(note).toHaveAttribute('data-requests', '0');
  expect(Number(await note.getAttribute('data-pages-from-cache'))).toBeGreaterThan(0);
  await poll(async () =>
    Number(await page.getByTestId('hood-figures').getAttribute('data-cache-reads')),
  ).toBeGreaterThan(0);
  await expectRow(page, SCROLLER, 123_456);
  expect((await visibleRows(page, SCROLLER))[0]).toBe(123_456);

  // A route change is served from memory, not IndexedDB: no note.
  const nav = page.getByRole('navigation');
  await nav.getByRole('link', { name: 'Home' }).click();
  await nav.getByRole('link', { name: 'Table', exact: true }).click();
  await expectRow(page, SCROLLER, 123_456);
  await expect(note).toHaveCount(0);
});
