import { expect, type Page, test } from '@playwright/test';
import { expectRow, open } from './lists.ts';

/** The query of every request to `pathname` from now on. */
function recordRequests(page: Page, pathname: string): URLSearchParams[] {
  const seen: URLSearchParams[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === pathname) seen.push(url.searchParams);
  });
  return seen;
}

/** Waits until the menu's prefetcher has loaded `loaded` keys and has nothing left to do. */
async function prefetchSettled(page: Page, loaded: number) {
  const line = page.getByTestId('hood-prefetch');
  await expect(line).toHaveAttribute('data-loaded', String(loaded));
  await expect(line).toHaveAttribute('data-running', '0');
  await expect(line).toHaveAttribute('data-queued', '0');
}

const menuLink = (page: Page, name: string) =>
  page.getByRole('banner').getByRole('navigation').getByRole('link', { name, exact: true });

test('hovering the Table link prefetches page 0, and the table then shows it without requesting it', async ({
  page,
}) => {
  const errors = await open(page, '/');
  const items = recordRequests(page, '/api/items');
  await menuLink(page, 'Table').hover();
  await prefetchSettled(page, 1);
  const pageZero = () => items.filter((query) => query.get('offset') === '0');
  expect(pageZero()).toHaveLength(1); // the prefetch's request

  await menuLink(page, 'Table').click();
  await expectRow(page, 'table-scroller', 0);
  await expectRow(page, 'table-scroller', 5);
  expect(pageZero()).toHaveLength(1); // the list asked for no page 0 of its own
  expect(errors).toEqual([]);
});

test('focusing the Feed link prefetches the first posts, and the feed shows them without requesting them', async ({
  page,
}) => {
  const errors = await open(page, '/');
  const feed = recordRequests(page, '/api/feed');
  await menuLink(page, 'Feed').focus();
  await prefetchSettled(page, 1);
  // The feed opens at post #500,000: its first page is the one forward from that post's cursor.
  expect(feed).toHaveLength(1);
  const start = feed[0]?.get('cursor');
  expect(start).toBeTruthy();
  const firstPage = () =>
    feed.filter((query) => query.get('cursor') === start && query.get('direction') === 'forward');

  await menuLink(page, 'Feed').click();
  const first = page
    .getByTestId('feed-list')
    .locator('[data-index]')
    .filter({ has: page.locator('.post-number', { hasText: /^Post 500,000$/ }) });
  await expect(first).toHaveAttribute('data-state', 'loaded');
  expect(firstPage()).toHaveLength(1);
  expect(errors).toEqual([]);
});

test('under simulated memory pressure, hovering prefetches nothing', async ({ page }) => {
  await open(page, '/');
  const items = recordRequests(page, '/api/items');
  await page.getByRole('radio', { name: 'high' }).check();
  await expect(page.getByTestId('hood-prefetch')).toHaveAttribute('data-halted', 'true');
  await menuLink(page, 'Table').hover();
  await expect(page.getByTestId('hood-prefetch')).toHaveAttribute('data-cancelled', '1');
  expect(items).toHaveLength(0);
});
