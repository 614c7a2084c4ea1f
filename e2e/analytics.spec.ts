import { expect, type Page, test } from '@playwright/test';
import { open, poll } from './lists.ts';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const START = Date.UTC(2024, 2, 4);

interface AnalyticsBucket {
  t: number;
  requests: number;
  errors: number;
  p95Ms: number;
}

/** The page's view once everything it asked for has answered. */
async function settled(page: Page) {
  const status = page.getByTestId('an-status');
  await expect(status).toHaveAttribute('data-status', 'loaded');
  await expect(page.getByTestId('an-requests')).toHaveAttribute('data-pending', '0');
  const read = async (name: string) => Number(await status.getAttribute(`data-${name}`));
  return {
    from: await read('from'),
    to: await read('to'),
    step: await read('step'),
    bucket: await read('bucket'),
    buckets: await read('buckets'),
    first: await read('first'),
    last: await read('last'),
    requests: await read('requests'),
  };
}

/** Every bucket request the page logged, as `step:start`, oldest first. */
async function fetched(page: Page): Promise<string[]> {
  const groups = await page
    .getByTestId('an-requests')
    .locator('li')
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-group') ?? ''));
  return groups.reverse(); // the log lists the newest first
}

const startOf = (entry: string) => Number(entry.split(':')[1]);

/** Starts of the request buckets (width `bucket`) that `[from, to)` touches. */
function touched(from: number, to: number, bucket: number): number[] {
  const out: number[] = [];
  for (let b = Math.floor(from / bucket); b * bucket < to; b++) out.push(b * bucket);
  return out;
}

/** Each chart's line colour (AnalyticsPage's SERIES), as RGB. */
const LINE_RGB: Record<string, readonly [number, number, number]> = {
  'an-chart-requests': [37, 99, 235],
  'an-chart-errors': [220, 38, 38],
  'an-chart-p95': [217, 119, 6],
};
/** The chart's left and right margins together (axis labels), px: LineChart's MARGIN. */
const CHART_MARGINS = 48 + 8;

/**
 * Pixels of a chart canvas drawn in its line's colour, opaque: the data, not the axes or the
 * gridlines (drawn even before any data).
 */
function inkedPixels(page: Page, testId: string) {
  return page.getByTestId(testId).evaluate((canvas: HTMLCanvasElement, rgb) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let inked = 0;
    for (let i = 0; i < data.length; i += 4) {
      const near = [0, 1, 2].every((c) => Math.abs((data[i + c] ?? 0) - (rgb[c] ?? 0)) < 40);
      if (near && (data[i + 3] ?? 0) > 160) inked += 1;
    }
    return inked;
  }, LINE_RGB[testId] ?? [0, 0, 0]);
}

/** The summary table must equal the figures of `[from, to)` computed from the server's own buckets. */
async function expectSummaryOf(page: Page, view: { from: number; to: number; step: number }) {
  const buckets = await page.evaluate(async ({ from, to, step }) => {
    const res = await fetch(`/api/analytics?from=${from}&to=${to}&step=${step}`);
    return ((await res.json()) as { items: AnalyticsBucket[] }).items;
  }, view);
  const requests = buckets.map((b) => b.requests);
  const errors = buckets.map((b) => b.errors);
  const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
  const expected = {
    requests: { min: Math.min(...requests), max: Math.max(...requests), overall: sum(requests) },
    errors: { min: Math.min(...errors), max: Math.max(...errors), overall: sum(errors) },
    p95: {
      min: Math.min(...buckets.map((b) => b.p95Ms)),
      max: Math.max(...buckets.map((b) => b.p95Ms)),
      overall: sum(buckets.map((b) => b.p95Ms * b.requests)) / sum(requests),
    },
  };
  const table = page.getByTestId('an-summary');
  await expect(table).toHaveAttribute('data-buckets', String(buckets.length));
  for (const [series, figures] of Object.entries(expected)) {
    const row = table.locator(`tr[data-series="${series}"]`);
    expect(Number(await row.getAttribute('data-min'))).toBe(figures.min);
    expect(Number(await row.getAttribute('data-max'))).toBe(figures.max);
    expect(Number(await row.getAttribute('data-overall'))).toBeCloseTo(figures.overall, 6);
  }
  await expect(table.locator('tr[data-series="requests"] td').last()).toHaveText(
    expected.requests.overall.toLocaleString('en'),
  );
}

test('small pans request only buckets never fetched before; charts and summary follow', async ({ page }) => {
  const errors = await open(page, '/analytics');
  const initial = await settled(page);
  expect(initial.from).toBe(START);
  expect(initial.to - initial.from).toBe(24 * HOUR);
  expect(initial.buckets).toBe((24 * HOUR) / initial.step);
  expect(initial.first).toBe(initial.from);
  expect(initial.last).toBe(initial.to - initial.step);
  expect(initial.bucket).toBe(60 * initial.step);
  for (const chart of ['an-chart-requests', 'an-chart-errors', 'an-chart-p95']) {
    await poll(() => inkedPixels(page, chart)).toBeGreaterThan(300);
  }
  await expectSummaryOf(page, initial);

  let before = initial;
  let log = await fetched(page);
  for (const entry of touched(before.from, before.to, before.bucket))
    expect(log).toContain(`${before.step}:${entry}`);
  // The live count is the network requests made (stats of prefetches are published within a second).
  const liveCount = async () => Number(await page.getByTestId('an-status').getAttribute('data-requests'));
  await poll(liveCount).toBe(log.length);

  // Three small pans later (a tenth of the view each: by button, by key, by button).
  const chart = page.getByTestId('an-chart-requests');
  let newRequests = 0;
  for (const move of ['button', 'key', 'button'] as const) {
    if (move === 'key') {
      await chart.focus();
      await page.keyboard.press('ArrowRight');
    } else await page.getByTestId('an-pan-right').click();
    // A tenth of one day is 144 min, snapped to the 10-min buckets: 140 min.
    const target = Math.round((before.from + 2.4 * HOUR) / before.step) * before.step;
    await expect(page.getByTestId('an-status')).toHaveAttribute('data-from', String(target));
    const after = await settled(page);
    const now = await fetched(page);
    const added = now.slice(log.length);
    expect(new Set(now).size).toBe(now.length); // no bucket was ever fetched twice
    const shown = touched(before.from, before.to, before.bucket);
    for (const entry of added) {
      expect(shown).not.toContain(startOf(entry)); // nothing already on screen is asked again
      expect(startOf(entry)).toBeGreaterThan(Math.max(...log.map(startOf))); // only new, later buckets
    }
    expect(added.length).toBeLessThanOrEqual(1); // a tenth of the view needs at most one more bucket
    newRequests += added.length;
    await poll(liveCount).toBe(log.length + added.length);
    expect(after.first).toBe(after.from);
    expect(after.last).toBe(after.to - after.step);
    before = after;
    log = now;
  }
  // The view moved 7 h (0.7 of a request's width): the prefetch reached one bucket further ahead.
  expect(newRequests).toBeGreaterThanOrEqual(1);
  await expectSummaryOf(page, before);
  await poll(() => inkedPixels(page, 'an-chart-p95')).toBeGreaterThan(300);
  expect(await page.getByTestId('an-requests').getAttribute('data-aborted')).toBe('0');
  expect(errors).toEqual([]);
});

test('dragging a chart pans by the distance dragged; the axes keep whole-hour ticks (merged from Time series)', async ({
  page,
}) => {
  const errors = await open(page, '/analytics');
  const initial = await settled(page);
  const chart = await page.getByTestId('an-chart-requests').boundingBox();
  if (!chart) throw new Error('no chart');
  // Dragging 300 px to the left shows later data: content follows the pointer across the plot.
  // (From near the plot's right edge: the charts share the width with the summary column.)
  const start = chart.x + chart.width - 40;
  await page.mouse.move(start, chart.y + chart.height / 2);
  await page.mouse.down();
  await page.mouse.move(start - 300, chart.y + chart.height / 2, { steps: 6 });
  await page.mouse.up();
  const moved = (300 / (chart.width - CHART_MARGINS)) * (initial.to - initial.from);
  const from = async () => Number(await page.getByTestId('an-status').getAttribute('data-from'));
  await poll(async () => Math.abs((await from()) - initial.from - moved)).toBeLessThanOrEqual(initial.step);
  const dragged = await settled(page);
  expect(dragged.first).toBe(dragged.from);
  const log = await fetched(page);
  expect(new Set(log).size).toBe(log.length); // nothing fetched twice
  await poll(() => inkedPixels(page, 'an-chart-requests')).toBeGreaterThan(300);
  expect(errors).toEqual([]);
});

test('zooming changes the bucket width; a zoom level seen before comes back without a request', async ({
  page,
}) => {
  const errors = await open(page, '/analytics');
  const day = await settled(page);
  const dayRequests = (await fetched(page)).length;

  await page.getByTestId('an-zoom-out').click();
  await expect(page.getByTestId('an-status')).toHaveAttribute('data-step', String(HOUR));
  const week = await settled(page);
  expect(week.to - week.from).toBe(7 * 24 * HOUR);
  expect(week.bucket).toBe(60 * HOUR);
  expect(week.buckets).toBe(7 * 24);
  const weekLog = (await fetched(page)).slice(dayRequests);
  expect(weekLog.length).toBeGreaterThan(0);
  for (const entry of weekLog) {
    expect(entry.startsWith(`${HOUR}:`)).toBe(true);
    expect(startOf(entry) % week.bucket).toBe(0);
  }
  await expectSummaryOf(page, week);

  // Back to one day around the same centre: the 10-minute buckets are still in the query cache.
  await page.getByTestId('an-zoom-in').click();
  await expect(page.getByTestId('an-status')).toHaveAttribute('data-step', String(day.step));
  const again = await settled(page);
  expect(again.from).toBe(day.from);
  expect(again.buckets).toBe(day.buckets);
  expect(again.requests).toBe(0);
  expect((await fetched(page)).length).toBe(dayRequests + weekLog.length);

  // Out to a year and back in: the same day again, without a request (each level snaps its start
  // to its own resolution; the middle zooms are centred on is kept, it once drifted by 12 hours).
  for (const step of [HOUR, 4 * HOUR, 48 * HOUR]) {
    await page.getByTestId('an-zoom-out').click();
    await expect(page.getByTestId('an-status')).toHaveAttribute('data-step', String(step));
    await settled(page);
  }
  for (const step of [4 * HOUR, HOUR, day.step]) {
    await page.getByTestId('an-zoom-in').click();
    await expect(page.getByTestId('an-status')).toHaveAttribute('data-step', String(step));
  }
  const back = await settled(page);
  expect([back.from, back.to]).toEqual([day.from, day.to]);
  expect(back.requests).toBe(0);

  // The range selector jumps to a zoom level directly.
  await page.getByTestId('an-zoom').selectOption({ label: '30 days · 4 h buckets' });
  const month = await settled(page);
  expect(month.step).toBe(4 * HOUR);
  expect(month.buckets).toBe(180);
  expect(errors).toEqual([]);
});

test("at the year's zoom the summary is whole in its column, on a laptop and on a phone", async ({
  page,
}) => {
  const errors = await open(page, '/analytics');
  await settled(page);
  await page.getByTestId('an-zoom').selectOption({ label: '1 year · 2 d buckets' });
  await expect(page.getByTestId('an-status')).toHaveAttribute('data-step', String(48 * HOUR));
  await settled(page);
  // Its overall requests run to hundreds of millions: the widest figures of any zoom.
  const cutOff = () =>
    page.getByTestId('an-summary').evaluate((table) => {
      const column = table.parentElement as HTMLElement;
      return [table.scrollWidth - table.clientWidth, column.scrollWidth - column.clientWidth];
    });
  expect(await cutOff()).toEqual([0, 0]);
  await page.setViewportSize({ width: 390, height: 844 });
  await poll(cutOff).toEqual([0, 0]);
  expect(errors).toEqual([]);
});
