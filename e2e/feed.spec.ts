import { expect, test } from '@playwright/test';
import { expectLoaded, open, poll } from './lists.ts';

/** Rendered feed cards in the window viewport: index, document-relative top/bottom, title. */
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
          title: card.querySelector('h3')?.textContent ?? '',
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
  await expectLoaded(page, 'feed-list', 0, '#0 ');
  const margin = Number(await list.getAttribute('data-scroll-margin'));
  const listTop = await list.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  expect(Math.abs(listTop - margin)).toBeLessThanOrEqual(1);
  expect((await cards(page))[0]?.top).toBeCloseTo(listTop, 0);
  const initialCount = Number(await list.getAttribute('data-count'));

  // Far down the page: the window is the scroller, the list has no scroll of its own.
  await page.evaluate(() => window.scrollTo({ top: 30_000, behavior: 'instant' }));
  await poll(async () => Number(await list.getAttribute('data-count'))).toBeGreaterThan(initialCount);
  await poll(async () => (await cards(page)).every((card) => card.state === 'loaded')).toBe(true);
  const visible = await cards(page);
  expect(visible.length).toBeGreaterThan(1);
  expect(visible[0]?.index).toBeGreaterThan(50);
  for (const card of visible) expect(card.title.startsWith(`#${card.index} `)).toBe(true);
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
