import { expect, type Page, test } from '@playwright/test';
import { open, poll } from './lists.ts';

const HOUR = 3_600_000;
const START = Date.UTC(2024, 0, 1);

async function summary(page: Page) {
  const element = page.getByTestId('ts-summary');
  await expect(element).toHaveAttribute('data-status', 'loaded');
  const read = async (name: string) => Number(await element.getAttribute(`data-${name}`));
  return {
    from: await read('from'),
    to: await read('to'),
    points: await read('points'),
    first: await read('first'),
    last: await read('last'),
    step: await read('step'),
    fetched: JSON.parse((await element.getAttribute('data-fetched')) ?? '[]') as string[],
  };
}

/** Pixels of the chart canvas that are drawn on (not transparent). */
function inkedPixels(page: Page) {
  return page.getByTestId('ts-chart').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height).data ?? [];
    let inked = 0;
    for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) inked += 1;
    return inked;
  });
}

test('panning by button and by drag fetches only new buckets; chart and summary follow', async ({ page }) => {
  const errors = await open(page, '/timeseries');
  const initial = await summary(page);
  expect(initial.from).toBe(START);
  expect(initial.to - initial.from).toBe(24 * HOUR);
  expect(initial.points).toBe((24 * HOUR) / initial.step);
  expect(initial.first).toBe(initial.from);
  await poll(() => inkedPixels(page)).toBeGreaterThan(1_000);
  for (const name of ['min', 'max', 'avg']) {
    await expect(page.getByTestId('ts-summary').locator('dt', { hasText: name }).locator('+ dd')).toHaveText(
      /^\d+\.\d\d$/,
    );
  }

  // Four pans of a quarter: one whole window later.
  for (let k = 0; k < 4; k++) await page.getByTestId('ts-pan-right').click();
  await expect(page.getByTestId('ts-summary')).toHaveAttribute('data-from', String(START + 24 * HOUR));
  const panned = await summary(page);
  expect(panned.first).toBe(panned.from);
  expect(panned.last).toBe(panned.to - panned.step);
  expect(new Set(panned.fetched).size).toBe(panned.fetched.length); // nothing fetched twice
  const added = panned.fetched.slice(initial.fetched.length);
  expect(added.length).toBeGreaterThan(0);
  const bucketStart = (entry: string) => Number(entry.split(':')[1]);
  const knownUntil = Math.max(...initial.fetched.map(bucketStart));
  for (const entry of added) expect(bucketStart(entry)).toBeGreaterThan(knownUntil); // only new buckets

  // Dragging the chart 300 px to the left shows later data.
  const chart = await page.getByTestId('ts-chart').boundingBox();
  if (!chart) throw new Error('no chart');
  await page.mouse.move(chart.x + 600, chart.y + chart.height / 2);
  await page.mouse.down();
  await page.mouse.move(chart.x + 300, chart.y + chart.height / 2, { steps: 6 });
  await page.mouse.up();
  const moved = (300 / chart.width) * 24 * HOUR;
  const from = async () => Number(await page.getByTestId('ts-summary').getAttribute('data-from'));
  await poll(async () => Math.abs((await from()) - panned.from - moved)).toBeLessThanOrEqual(panned.step);
  const dragged = await summary(page);
  expect(dragged.first).toBe(dragged.from);
  expect(new Set(dragged.fetched).size).toBe(dragged.fetched.length);
  await poll(() => inkedPixels(page)).toBeGreaterThan(1_000);
  expect(errors).toEqual([]);
});
