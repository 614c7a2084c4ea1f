import { expect, test } from '@playwright/test';
import { expectRow, open, rowBox } from './lists.ts';

const SCROLLER = 'tv-scroller';

test('TanStack Virtual over useLazyData: a jump to row 500,000 of 1,000,000 fetches only the pages there', async ({
  page,
}) => {
  const offsets: number[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/items') offsets.push(Number(url.searchParams.get('offset')));
  });
  const errors = await open(page, '/tanstack-virtual');
  await expect(page.getByTestId(SCROLLER)).toHaveAttribute('data-count', '1000000');
  await expectRow(page, SCROLLER, 0);
  const before = offsets.length;

  await page.getByTestId('tv-jump-index').fill('500001'); // row 500,001: index 500,000
  await page.getByTestId('tv-jump-go').click();
  await expectRow(page, SCROLLER, 500_000);
  await expect(async () => {
    const box = await rowBox(page, SCROLLER, 500_000);
    expect(Math.abs(box?.top ?? Number.NaN)).toBeLessThanOrEqual(1);
  }).toPass({ timeout: 5_000 });
  const fetched = offsets.slice(before);
  expect(fetched.length).toBeGreaterThan(0);
  expect(fetched.length).toBeLessThanOrEqual(6); // the visible pages and a prefetch, not a walk
  for (const offset of fetched) expect(Math.abs(offset - 500_000)).toBeLessThan(1_000);

  // Scrolling on from there loads the next rows, ahead of the scroll.
  const box = await page.getByTestId(SCROLLER).boundingBox();
  await page.mouse.move((box?.x ?? 0) + 100, (box?.y ?? 0) + 100);
  for (let step = 0; step < 5; step++) await page.mouse.wheel(0, 600);
  await expectRow(page, SCROLLER, 500_100);
  expect(errors).toEqual([]);
});
