import { expect, test } from '@playwright/test';
import { open, poll } from './lists.ts';

/** Rendered feed cards in the window viewport: index, document-relative top/bottom, the post number shown (NaN while loading). */
function cards(page: import('@playwright/test').Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="feed-list"] > [data-index]')]
      .map((card) => {
        const rect = card.getBoundingClientRect();
        return {
          index: Number(card.dataset.index),
          top: rect.top,
          bottom: rect.bottom,
          state: card.dataset.state,
          post: Number(card.querySelector('.post-number')?.textContent?.replace(/\D/g, '') || Number.NaN),
        };
      })
      .filter((card) => card.bottom > 0 && card.top < window.innerHeight)
      .sort((a, b) => a.index - b.index),
  );
}

test('the feed scrolls with the window: cards follow the page 1:1 and more posts load ahead', async ({
  page,
}) => {
  const errors = await open(page, '/feed');
  const list = page.getByTestId('feed-list');
  // The feed opens at post 500,000 (older posts load above it: its index is how many did).
  await poll(async () => (await cards(page)).some((card) => card.post === 500_000)).toBe(true);
  const margin = Number(await list.getAttribute('data-scroll-margin'));
  const listTop = await list.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  expect(Math.abs(listTop - margin)).toBeLessThanOrEqual(1);
  const initialCount = Number(await list.getAttribute('data-count'));

  // Far down the page: the window is the scroller, the list has no scroll of its own.
  await page.evaluate(() => window.scrollTo({ top: window.scrollY + 30_000, behavior: 'instant' }));
  await poll(async () => Number(await list.getAttribute('data-count'))).toBeGreaterThan(initialCount);
  await poll(async () => (await cards(page)).every((card) => card.state === 'loaded')).toBe(true);
  const visible = await cards(page);
  expect(visible.length).toBeGreaterThan(1);
  // Post numbers follow the list's indexes one for one (indexes count from the oldest post loaded).
  const offset = (visible[0]?.post ?? Number.NaN) - (visible[0]?.index ?? 0);
  expect(offset + (visible[0]?.index ?? 0)).toBeGreaterThan(500_050);
  for (const card of visible) expect(card.post).toBe(card.index + offset);
  // Measured heights, laid out back to back.
  for (let k = 1; k < visible.length; k++) {
    expect(Math.abs((visible[k]?.top ?? 0) - (visible[k - 1]?.bottom ?? 0))).toBeLessThanOrEqual(1);
  }
  expect(Number(await list.getAttribute('data-rendered'))).toBeLessThan(40);

  // A wheel step moves the cards by exactly that much.
  // The card across the viewport's middle: still in view after the step, however short the cards.
  const watched =
    visible.find((card) => card.top <= 400 && card.bottom > 400)?.index ?? visible[1]?.index ?? 0;
  const top = (await cards(page)).find((card) => card.index === watched)?.top ?? Number.NaN;
  await page.mouse.move(300, 400);
  await page.mouse.wheel(0, 200);
  await poll(async () => {
    const now = (await cards(page)).find((card) => card.index === watched)?.top ?? Number.NaN;
    return Math.abs(now - (top - 200));
  }).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);
});

test('the feed is two-way: it opens at post 500,000, older posts load above without moving it, newer ones below', async ({
  page,
}) => {
  const errors = await open(page, '/feed');
  const older = page.getByTestId('feed-older');
  const newer = page.getByTestId('feed-footer');
  const post = (n: number) =>
    page
      .getByTestId('feed-list')
      .locator('[data-index]')
      .filter({
        has: page.locator('.post-number', { hasText: new RegExp(`^Post ${n.toLocaleString('en')}$`) }),
      });
  await expect(post(500_000)).toHaveAttribute('data-state', 'loaded');
  // Older posts were put above it without moving it.
  await poll(async () => Number(await older.getAttribute('data-prepended'))).toBeGreaterThan(0);
  // It is still at the window's top edge, where the feed opened it.
  await poll(async () => Math.abs((await post(500_000).boundingBox())?.y ?? Number.NaN)).toBeLessThanOrEqual(
    1,
  );
  const index = Number(await post(500_000).getAttribute('data-index'));
  expect(index).toBe(Number(await older.getAttribute('data-prepended')));
  // Scroll up: posts before 500,000 show, loaded, and the older end says what it is doing.
  await page.mouse.move(300, 400);
  for (let step = 0; step < 4; step++) await page.mouse.wheel(0, -800);
  await poll(async () => {
    const view = await cards(page);
    const first = view[0]?.post ?? Number.NaN;
    return view.length > 0 && view.every((card) => card.state === 'loaded') && first < 500_000;
  }).toBe(true);
  await expect(older).toHaveAttribute('data-reached-start', 'false');
  await expect(older).toContainText(/older posts loaded|Loading older posts/);
  // Scroll down past what was loaded: newer posts come below; neither end is reached in a million.
  await page.evaluate(() => window.scrollTo({ top: window.scrollY + 20_000, behavior: 'instant' }));
  // Cards on screen, every one loaded (an empty view between the jump and its render is not "all loaded").
  await poll(async () => {
    const view = await cards(page);
    return view.length > 0 && view.every((card) => card.state === 'loaded');
  }).toBe(true);
  const below = await cards(page);
  expect(below[0]?.post).toBeGreaterThan(500_050);
  await expect(newer).toHaveAttribute('data-reached-end', 'false');
  // Settled, neither end claims to be loading: the words say how far each end has come.
  await expect(older).toContainText('older posts loaded');
  await expect(newer).toContainText('scroll down for newer');
  expect(errors).toEqual([]);
});
