// The Feed page's newest-first mode (issue #18 item 4): posts arrive at the top while the reader
// reads; the post read does not move, a pill says how many came, and its click shows them.
import { expect, type Page, test } from '@playwright/test';
import { open, poll } from './lists.ts';

/** The loaded cards in the window's viewport: index, y of the top edge, the post number shown. */
function cards(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-testid="feed-list"] > [data-index]')]
      .map((card) => ({
        index: Number(card.dataset.index),
        top: card.getBoundingClientRect().top,
        bottom: card.getBoundingClientRect().bottom,
        loaded: card.dataset.state === 'loaded',
        post: Number(card.querySelector('.post-number')?.textContent?.replace(/\D/g, '') || Number.NaN),
      }))
      .filter((card) => card.bottom > 0 && card.top < window.innerHeight)
      .sort((a, b) => a.index - b.index),
  );
}

/** The pill's figure and the index of post `number`'s card, read together (a poll may land in between). */
function pillAndIndex(page: Page, number: number) {
  return page.evaluate((n) => {
    const card = [...document.querySelectorAll<HTMLElement>('[data-testid="feed-list"] > [data-index]')].find(
      (el) => el.querySelector('.post-number')?.textContent === `Post ${n.toLocaleString('en')}`,
    );
    return {
      pill: Number(document.querySelector<HTMLElement>('[data-testid="feed-new"]')?.dataset.new ?? 0),
      index: Number(card?.dataset.index),
    };
  }, number);
}

for (const size of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  test(`newest first at ${size.width}x${size.height}: new posts arrive above without moving the post read; the pill counts them and shows them`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(size);
    const errors = await open(page, '/feed?order=newest&grow=4');
    await expect(page.getByTestId('feed-newest')).toHaveAttribute('aria-pressed', 'true');
    await poll(async () => (await cards(page)).some((card) => card.index === 0 && card.loaded)).toBe(true);
    // The reader scrolls a little into the feed and reads the post at the viewport's middle.
    await page.evaluate(() => window.scrollBy({ top: 300, behavior: 'instant' }));
    await poll(async () => (await cards(page)).every((card) => card.loaded)).toBe(true);
    const read = (await cards(page)).find(
      (card) => card.top <= size.height / 2 && card.bottom > size.height / 2,
    );
    expect(read).toBeDefined();
    const number = read?.post ?? Number.NaN;
    const byNumber = async () => (await cards(page)).find((card) => card.post === number);

    // Posts arrive (4 a second, polled every 2 s): the pill shows, the post read keeps its pixel.
    const pill = page.getByTestId('feed-new');
    // Wait for a poll that lands after the read (one may have landed before: the pill counts it too).
    await expect
      .poll(async () => (await byNumber())?.index ?? -1, { timeout: 10_000 })
      .toBeGreaterThan(read?.index ?? Number.NaN);
    await expect(pill).toBeVisible();
    const after = await byNumber();
    expect(after?.index).toBeGreaterThan(read?.index ?? Number.NaN); // its index grew by the posts above
    expect(after?.top).toBe(read?.top); // ±0 px
    await expect(pill).toHaveText(/^↑ [\d,]+ new posts?$/);
    // The pill counts the posts that arrived since the reader was last at the top: at least the
    // ones that arrived above the post read since it was read (its index grew by as many).
    const figures = await pillAndIndex(page, number);
    expect(figures.index).toBeGreaterThan(read?.index ?? Number.NaN);
    expect(figures.pill).toBeGreaterThanOrEqual(figures.index - (read?.index ?? Number.NaN));
    await testInfo.attach(`feed-new-${size.width}x${size.height}`, {
      body: await page.screenshot({ path: testInfo.outputPath(`feed-new-${size.width}x${size.height}.png`) }),
      contentType: 'image/png',
    });

    // Its click takes the reader to the top: the newest post first, newer than any seen before.
    await pill.click();
    await poll(async () => {
      const first = (await cards(page))[0];
      return first?.index === 0 && first.loaded && (first.post ?? Number.NaN) > number;
    }).toBe(true);
    await expect(pill).toBeHidden();
    const top = (await cards(page))[0];
    expect(top?.post).toBeGreaterThan(1_000_000); // a post that arrived (ids from 1,000,000: post 1,000,001 on)
    expect(errors).toEqual([]);
  });
}
