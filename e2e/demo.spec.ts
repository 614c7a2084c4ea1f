import { expect, type Page, test } from '@playwright/test';

test.beforeEach(async ({ page }) => {
  await page.goto('/');
  // main.tsx marks the document once MSW controls the page, before React renders.
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
});

test('the built demo loads and every menu page renders', async ({ page }) => {
  await expect(page.getByRole('heading', { level: 1, name: 'lazyflow', exact: true })).toBeVisible();
  const pages = [
    'Table',
    'Feed',
    'Chat',
    'Grid',
    'Stream',
    'Templates',
    'Videos',
    'Users',
    'Contacts',
    'Search',
    'Analytics',
    'Vanilla',
  ];
  for (const name of pages) {
    await page.getByRole('navigation').getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(
      name === 'Vanilla' ? 'Vanilla' : name,
    );
  }
  await page.goBack();
  await expect(page).toHaveURL(/\/analytics$/);
});

test('deep links load the page directly (SPA fallback) and unknown paths say so', async ({ page }) => {
  await page.goto('/stream');
  await expect(page.getByRole('heading', { level: 1, name: 'Stream' })).toBeVisible();
  await page.goto('/no-such-page');
  await expect(page.getByRole('heading', { level: 1, name: 'Not found' })).toBeVisible();
});

test('MSW is active: the data API answers in the page although vite preview has no API', async ({ page }) => {
  const result = await page.evaluate(async () => {
    const res = await fetch('/api/items?offset=123456&limit=1&total=100000000');
    const body = (await res.json()) as { items: { id: number; title: string }[]; total: number };
    return { controlled: navigator.serviceWorker.controller !== null, status: res.status, body };
  });
  expect(result.controlled).toBe(true);
  expect(result.status).toBe(200);
  expect(result.body.total).toBe(100_000_000);
  expect(result.body.items[0]?.id).toBe(123_456);
  expect(result.body.items[0]?.title.startsWith('#123456 ')).toBe(true);
});

/** Times one request to the mock server from the page: its status, duration and error text. */
function probe(page: Page) {
  return page.evaluate(async () => {
    const t0 = performance.now();
    const res = await fetch('/api/items?offset=123456&limit=1');
    const body = (await res.json()) as { error?: string };
    return { status: res.status, ms: performance.now() - t0, error: body.error ?? '' };
  });
}

test('the fault panel changes latency for the next request, and it survives a reload', async ({ page }) => {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  // No latency yet: a request answers at once. One probe's time also holds whatever else the busy
  // machine ran meanwhile (the page still starting up), so the quickest of a few is compared:
  // none could be under 700 ms with a latency set (1,200 ms below: at least 900).
  let fast: Awaited<ReturnType<typeof probe>> | undefined;
  await expect
    .poll(async () => {
      fast = await probe(page);
      return fast.ms;
    })
    .toBeLessThan(700);
  expect(fast?.status).toBe(200);

  await panel.getByLabel('Latency (ms)').fill('1200');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByTestId('faults-applied')).toContainText('latency 1200 ms');
  const slow = await probe(page);
  expect(slow.status).toBe(200);
  // ±25% jitter: at least 900 ms.
  expect(slow.ms).toBeGreaterThanOrEqual(900);

  await page.reload();
  await expect(
    page.getByRole('complementary', { name: 'Fault panel' }).getByLabel('Latency (ms)'),
  ).toHaveValue('1200');
  await page.evaluate(() => localStorage.clear());
});

test('the fault panel makes requests fail with HTTP 500 and rejects invalid input', async ({ page }) => {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill('1');
  await panel.getByRole('button', { name: 'Apply' }).click();
  const failed = await probe(page);
  expect(failed.status).toBe(500);
  expect(failed.error).toContain('injected server error');

  await panel.getByLabel('Error rate').fill('3');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await expect(panel.getByRole('alert')).toContainText('Error rate: "3" is not valid');
  await page.evaluate(() => localStorage.clear());
});
