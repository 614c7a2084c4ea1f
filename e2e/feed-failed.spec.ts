import { expect, type Page, test } from '@playwright/test';
import { open, poll } from './lists.ts';

// Issue #20 item 4 on the Feed (cursor paging, two ways, window scroll): a page that fails at an
// end has no rows to look failed, so the line at that end says which posts failed, why, and has
// a Retry that loads them.

/** Sets the fault panel's error rate and applies it. */
async function errorRate(page: Page, rate: string) {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill(rate);
  await panel.getByRole('button', { name: 'Apply' }).click();
}

/** Post numbers of the loaded cards as shown ('Post 500,000'), in list order (index order). */
function loadedPosts(page: Page): Promise<number[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="feed-list"] > [data-index]')]
      .filter((card) => card.dataset.state === 'loaded')
      .sort((a, b) => Number(a.dataset.index) - Number(b.dataset.index))
      .map((card) =>
        Number(card.querySelector('.post-number')?.textContent?.replace(/\D/g, '') || Number.NaN),
      ),
  );
}

/**
 * Waits until the feed's line at `side` says its page failed for good, the window standing still:
 * the attempts follow their backoff (0.5 + 1 + 2 s at most) with nothing else happening. A page
 * whose retry came due while the window moved used to stay "attempt 2 of 4" for good (the
 * scheduler skipped its later start: fixed in FetchScheduler#failed, list/edgeRetry.test.ts).
 */
async function untilFailed(page: Page, side: 'older' | 'newer') {
  await expect(page.getByTestId(`feed-edge-${side}`)).toHaveAttribute('data-state', 'error', {
    timeout: 20_000,
  });
}

/** Posts loaded from post 500,000 on (the list's count less the older posts put above it). */
async function newerCount(page: Page): Promise<number> {
  const count = Number(await page.getByTestId('feed-list').getAttribute('data-count'));
  return count - Number(await page.getByTestId('feed-older').getAttribute('data-prepended'));
}

/** Whether the element's box is inside the window's viewport, wholly. */
async function wholeInView(page: Page, testId: string): Promise<boolean> {
  const box = await page.getByTestId(testId).boundingBox();
  const height = await page.evaluate(() => window.innerHeight);
  return box !== null && box.y >= 0 && box.y + box.height <= height + 0.5;
}

// Four attempts with backoff before a page counts as failed, then a Retry: longer than the default.
test.describe.configure({ timeout: 90_000 });

test.afterEach(async ({ page }) => {
  await page.evaluate(() => localStorage.clear());
});

test('faults on, scrolled to the newest post loaded: the line below it says which posts failed and why; faults off, Retry loads them without duplicates', async ({
  page,
}) => {
  const errors = await open(page, '/feed');
  const list = page.getByTestId('feed-list');
  const newer = page.getByTestId('feed-edge-newer');
  await expect(list.locator('[data-index]').first()).toHaveAttribute('data-state', 'loaded');
  await errorRate(page, '1');
  // The real wheel, as a reader scrolls, on to the newest post loaded: a page fetched ahead that
  // fails while the reader is far from it waits there between attempts, so a test that only
  // moved the window once (window.scrollTo) saw no failure; the reader at the end drives the retries.
  await page.mouse.move(300, 400);
  await poll(async () => {
    await page.mouse.wheel(0, 3_000);
    const count = Number(await list.getAttribute('data-count'));
    const atEnd = (await list.locator(`[data-index="${count - 1}"]`).count()) === 1;
    const state = await page.evaluate(
      () => document.querySelector('[data-testid="feed-edge-newer"]')?.getAttribute('data-state') ?? '',
    );
    return atEnd && state !== '';
  }).toBe(true);
  // Between attempts it says so ("attempt 2 of 4"), then it has failed for good.
  await untilFailed(page, 'newer');
  const countBefore = await newerCount(page);
  await poll(async () => {
    await page.mouse.wheel(0, 3_000);
    const count = Number(await list.getAttribute('data-count'));
    return list.locator(`[data-index="${count - 1}"]`).count();
  }).toBe(1);
  // On to the page's bottom: the last card rendered (the loop above) may still be in the
  // overscan below the window, and a wheel at the bottom moves nothing.
  await poll(async () => {
    await page.mouse.wheel(0, 400);
    return wholeInView(page, 'feed-edge-newer');
  }).toBe(true);
  const newest = (await loadedPosts(page)).at(-1) ?? Number.NaN;
  await expect(newer).toContainText(
    `Couldn't load newer posts after post ${newest.toLocaleString('en')} · HTTP 500`,
  );
  await expect(newer).toContainText('The server failed with HTTP 500, injected by the fault panel.');

  await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
  // The banner is above the page: pressing it scrolled the window up to it (older posts load
  // there now, and the list grows above). Back down to the newest post loaded, where the failed
  // page's line is: straight to the page's bottom, as End does (wheel steps raced the older posts
  // landing above and timed out 1 of 23 runs); nothing loads there while the page stays failed.
  await poll(async () => {
    await page.evaluate(() =>
      window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' }),
    );
    const count = Number(await list.getAttribute('data-count'));
    return list.locator(`[data-index="${count - 1}"]`).count();
  }).toBe(1);
  await expect(newer).toHaveAttribute('data-state', 'error'); // faults off does not retry it by itself
  // On to the page's bottom: the last card rendered (the loop above) may still be in the
  // overscan below the window, and a wheel at the bottom moves nothing.
  await poll(async () => {
    await page.mouse.wheel(0, 400);
    return wholeInView(page, 'feed-edge-newer');
  }).toBe(true);
  await newer.getByRole('button', { name: 'Retry' }).click();
  // The posts that failed come, after the newest one loaded before, each once and in order.
  await poll(async () => {
    await page.mouse.wheel(0, 400);
    return newerCount(page);
  }).toBeGreaterThan(countBefore);
  // Loaded: the line below the newest post says newer posts load there again (it stays below the
  // list, where the window scrolls past the list's end to it: decision 0036).
  await expect(newer).not.toHaveAttribute('data-state', 'error');
  await poll(async () => {
    await page.mouse.wheel(0, 400);
    return (await loadedPosts(page)).some((post) => post > newest);
  }).toBe(true);
  const posts = await loadedPosts(page);
  for (let k = 1; k < posts.length; k++) expect(posts[k]).toBe((posts[k - 1] ?? 0) + 1);
  expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
});

test('faults on, scrolled up to the oldest post loaded: the line above it says which posts failed; Retry loads them above, each once', async ({
  page,
}) => {
  const errors = await open(page, '/feed');
  const list = page.getByTestId('feed-list');
  const older = page.getByTestId('feed-edge-older');
  // Older posts load above post 500,000 as soon as it opens: wait for that before the faults.
  await poll(async () =>
    Number(await page.getByTestId('feed-older').getAttribute('data-prepended')),
  ).toBeGreaterThan(0);
  await expect(older).toHaveAttribute('data-state', 'idle');
  await errorRate(page, '1');
  await page.mouse.move(300, 400);
  await poll(async () => {
    await page.mouse.wheel(0, -3_000);
    return wholeInView(page, 'feed-edge-older');
  }).toBe(true);
  await untilFailed(page, 'older');
  const prepended = Number(await page.getByTestId('feed-older').getAttribute('data-prepended'));
  const oldest = (await loadedPosts(page))[0] ?? Number.NaN;
  await expect(older).toContainText(
    `Couldn't load older posts before post ${oldest.toLocaleString('en')} · HTTP 500`,
  );
  await expect(older).toContainText('injected by the fault panel');
  // The line sits right above the oldest post: nothing overlaps.
  const lineBox = await older.boundingBox();
  const firstCard = await list.locator('[data-index="0"]').boundingBox();
  expect(Math.abs((firstCard?.y ?? 0) - ((lineBox?.y ?? 0) + (lineBox?.height ?? 0)))).toBeLessThanOrEqual(1);

  await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
  await older.getByRole('button', { name: 'Retry' }).click();
  await poll(async () =>
    Number(await page.getByTestId('feed-older').getAttribute('data-prepended')),
  ).toBeGreaterThan(prepended);
  await expect(older).not.toHaveAttribute('data-state', 'error');
  // The posts before it came, each once and in order.
  await poll(async () => {
    await page.mouse.wheel(0, -1_000);
    return (await loadedPosts(page))[0] ?? Number.NaN;
  }).toBeLessThan(oldest);
  const posts = await loadedPosts(page);
  for (let k = 1; k < posts.length; k++) expect(posts[k]).toBe((posts[k - 1] ?? 0) + 1);
  expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
});

test('faults on from the start: the empty feed says its first posts are being retried, then that they failed; Retry after faults off loads them, and only then the end lines show', async ({
  page,
}) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('faults-set') !== null) return;
    sessionStorage.setItem('faults-set', '1');
    localStorage.setItem('lazyflow-demo:faults', JSON.stringify({ errorRate: 1 }));
  });
  const errors = await open(page, '/feed');
  const first = page.getByTestId('feed-edge-first');
  const list = page.getByTestId('feed-list');
  // Between attempts: which posts, which attempt of how many, and why the last one failed.
  await expect(first).toHaveAttribute('data-state', 'retrying');
  await expect(first).toContainText(/Retrying posts from post 500,000 — attempt \d of \d · HTTP 500/);
  // No lines about ends a feed without posts does not have.
  await expect(page.getByTestId('feed-edge-older')).toHaveCount(0);
  await expect(page.getByTestId('feed-older')).toHaveCount(0);
  await expect(page.getByTestId('feed-footer')).toHaveCount(0);
  await expect(first).toHaveAttribute('data-state', 'error', { timeout: 20_000 });
  await expect(first).toContainText("Couldn't load posts from post 500,000 · HTTP 500");
  await expect(first).toContainText('injected by the fault panel');
  await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
  await first.getByRole('button', { name: 'Retry' }).click();
  await expect(list.locator('[data-index]').first()).toHaveAttribute('data-state', 'loaded');
  await expect(first).toHaveCount(0);
  await expect(page.getByTestId('feed-edge-older')).toBeVisible();
  await expect(page.getByTestId('feed-footer')).toBeVisible();
  expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
});
