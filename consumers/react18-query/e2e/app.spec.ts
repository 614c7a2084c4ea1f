import { expect, type Page, test } from '@playwright/test';

const ROW_HEIGHT = 36;

/** The rows in the DOM (viewport and overscan) whose text is not their own item's "Item N". */
async function rowsShowingOtherItems(page: Page): Promise<string[]> {
  const rows = await page
    .getByTestId('row')
    .evaluateAll((elements) =>
      elements.map((row) => ({ index: row.getAttribute('data-index'), text: row.textContent })),
    );
  return rows.filter((row) => row.text !== `Item ${row.index}`).map((row) => `${row.index}: ${row.text}`);
}

/** Waits until row `index` is in view and every rendered row shows its own item. */
async function expectRowsAround(page: Page, index: number): Promise<void> {
  await expect(page.getByText(`Item ${index}`, { exact: true })).toBeInViewport();
  await expect.poll(() => rowsShowingOtherItems(page)).toEqual([]);
}

test('scrolls 100,000 rows of the packed lazyflow, and a React Query mutation updates a row', async ({
  page,
}) => {
  const offsets: number[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/items') offsets.push(Number(url.searchParams.get('offset')));
  });
  await page.goto('/');
  await expect(page.getByRole('heading')).toContainText('React 18.3.1');
  await expect(page.getByRole('status')).toHaveText('100000 items');
  await expectRowsAround(page, 0);

  const list = page.getByTestId('items');
  await list.hover();
  for (let step = 0; step < 5; step += 1) await page.mouse.wheel(0, 20 * ROW_HEIGHT);
  await expect.poll(() => list.evaluate((element) => element.scrollTop)).toBeGreaterThan(50 * ROW_HEIGHT);
  const top = await list.evaluate((element) => element.scrollTop);
  await expectRowsAround(page, Math.ceil(top / ROW_HEIGHT) + 1);

  // A jump (the scrollbar dragged) fetches the pages there, none on the way.
  await list.evaluate((element, y) => element.scrollTo(0, y), 50_000 * ROW_HEIGHT);
  await expectRowsAround(page, 50_000);
  expect(offsets.filter((offset) => offset > 1_000 && offset < 49_000)).toEqual([]);

  await list.evaluate((element) => element.scrollTo(0, 0));
  await expectRowsAround(page, 0);
  await page.getByRole('button', { name: 'Rename item 0' }).click();
  await expect(page.getByText('Item 0, renamed', { exact: true })).toBeInViewport();
  await expect(page.getByText('Item 1', { exact: true })).toBeInViewport();
});
