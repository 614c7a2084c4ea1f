// The Feed scrolled to the page's bottom (decision 0036, issues #18 and #20): the window goes
// past the list's end to the newer end's line below the newest post loaded, and the status bar
// pinned to the window's bottom sits below that line. Nothing covers a card: before, the window
// was written back to the list's end, and a failed or retrying newer page's line sat in the
// status bar over the last card's lines.
import { expect, type Page, test } from '@playwright/test';
import { open } from './lists.ts';

/**
 * Scrolls to the page's bottom (as End does) and reads, two frames later and in the same task,
 * where the last cards, the newer end's line and the status bar are.
 */
function toBottom(page: Page) {
  return page.evaluate(async () => {
    window.scrollTo({ top: document.documentElement.scrollHeight, behavior: 'instant' });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const box = (element: Element | null) => {
      const rect = element?.getBoundingClientRect();
      return rect === undefined ? null : { top: rect.top, bottom: rect.bottom };
    };
    const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="feed-list"] > [data-index]')]
      .map((card) => ({
        index: Number(card.dataset.index),
        loaded: card.dataset.state === 'loaded',
        top: card.getBoundingClientRect().top,
        bottom: card.getBoundingClientRect().bottom,
      }))
      .filter((card) => card.bottom > 0 && card.top < window.innerHeight)
      .sort((a, b) => a.index - b.index);
    const max = document.documentElement.scrollHeight - window.innerHeight;
    return {
      atBottom: Math.abs(window.scrollY - max) <= 1,
      height: window.innerHeight,
      cards,
      line: box(document.querySelector('[data-testid="feed-edge-newer"]')),
      status: box(document.querySelector('.feed-status')),
    };
  });
}

type Bottom = Awaited<ReturnType<typeof toBottom>>;

/** The newer end's line whole in view right below the last card, the status bar below it, no card under either. */
function expectNothingCovered(at: Bottom) {
  expect(at.atBottom).toBe(true); // not written back to the list's end
  const { line, status } = at;
  if (line === null || status === null) throw new Error('no newer end line or no status bar');
  expect(line.top).toBeGreaterThanOrEqual(0);
  expect(line.bottom).toBeLessThanOrEqual(status.top + 0.5);
  expect(status.bottom).toBeLessThanOrEqual(at.height + 0.5);
  expect(Math.abs((at.cards.at(-1)?.bottom ?? Number.NaN) - line.top)).toBeLessThanOrEqual(1);
  for (const card of at.cards) expect(card.bottom).toBeLessThanOrEqual(line.top + 1);
}

// Four attempts with backoff before a page counts as failed: longer than the default.
test.describe.configure({ timeout: 90_000 });

test.afterEach(async ({ page }) => {
  await page.evaluate(() => localStorage.clear());
});

for (const size of [
  { width: 1280, height: 800 },
  { width: 390, height: 844 },
]) {
  const name = `${size.width}x${size.height}`;

  test(`at ${name}, scrolled to the bottom while newer posts load: the newer end's line below the last card, the status bar below it`, async ({
    page,
  }) => {
    const errors = await open(page, '/feed'); // wide: the fault panel is in view (a drawer on phones)
    await expect(page.getByTestId('feed-list').locator('[data-index]').first()).toHaveAttribute(
      'data-state',
      'loaded',
    );
    // Newer posts take 8 s to come: the page in flight at the bottom stays in flight while the
    // test reads. Without it the test raced the feed's growth: at 390 px every scroll to the
    // bottom asked for the next newer page, which landed and moved the bottom again (the feed
    // walked from post 500,000 to 511,914 in 20 s without a frame settled at the bottom).
    const panel = page.getByRole('complementary', { name: 'Fault panel' });
    await panel.getByLabel('Latency (ms)').fill('8000');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await page.setViewportSize(size);
    // A frame at the bottom, its layout settled (cards re-measured after the resize), the newest
    // post loaded while the next newer page is on its way.
    await expect(async () => {
      const at = await toBottom(page);
      expect(at.cards.length).toBeGreaterThan(1);
      expect(at.cards.at(-1)?.loaded).toBe(true);
      expectNothingCovered(at);
    }).toPass({ intervals: [50, 100, 250], timeout: 20_000 });
    expect(errors).toEqual([]);
  });

  test(`at ${name}, newer posts failed: their line (why, Retry) shows whole below the last card, covering none`, async ({
    page,
  }, testInfo) => {
    const errors = await open(page, '/feed'); // wide: the fault panel is in view (a drawer on phones)
    const newer = page.getByTestId('feed-edge-newer');
    await expect(page.getByTestId('feed-list').locator('[data-index]').first()).toHaveAttribute(
      'data-state',
      'loaded',
    );
    const panel = page.getByRole('complementary', { name: 'Fault panel' });
    await panel.getByLabel('Error rate').fill('1');
    await panel.getByRole('button', { name: 'Apply' }).click();
    await page.setViewportSize(size);
    // Down to the newest post loaded: the next page fails there, after its attempts.
    await expect
      .poll(
        async () => {
          await toBottom(page);
          return newer.getAttribute('data-state');
        },
        { timeout: 30_000 },
      )
      .toBe('error');
    const at = await toBottom(page); // the end stays put now: nothing more loads
    expectNothingCovered(at);
    await expect(newer.getByRole('button', { name: 'Retry' })).toBeInViewport({ ratio: 1 });
    await testInfo.attach(`feed-end-failed-${name}`, {
      body: await page.screenshot({ path: testInfo.outputPath(`feed-end-failed-${name}.png`) }),
      contentType: 'image/png',
    });
    expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
  });
}
