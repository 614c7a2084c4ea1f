import { expect, type Locator, type Page, test } from '@playwright/test';
import { open } from './lists.ts';

// Issue #20 item 4 on every paged page: a failed item looks failed (not loading), the first one of
// a page in view says which items in the page's terms and offers Retry, which loads that page.

/** Sets the fault panel's error rate and applies it (on a phone the panel is in a drawer, opened and closed). */
async function faults(page: Page, errorRate: string) {
  const drawer = page.getByTestId('drawer-toggle');
  const phone = await drawer.isVisible();
  if (phone) await drawer.click();
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill(errorRate);
  await panel.getByLabel('Latency (ms)').fill('0');
  await panel.getByRole('button', { name: 'Apply' }).click();
  if (phone) await page.keyboard.press('Escape');
}

interface FailingPage {
  readonly path: string;
  readonly scroller: string;
  readonly noun: string;
  /** Takes the list to items not loaded yet (they fail: the fault panel answers 500). */
  readonly far: (page: Page, scroller: Locator) => Promise<void>;
}

const scrollTo = (top: number) => (_page: Page, scroller: Locator) =>
  scroller.evaluate((element, to) => element.scrollTo({ top: to }), top);

const PAGES: readonly FailingPage[] = [
  { path: '/grid', scroller: 'grid-scroller', noun: 'cards', far: scrollTo(300_000) },
  { path: '/videos', scroller: 'videos-scroller', noun: 'videos', far: scrollTo(200_000) },
  {
    path: '/contacts',
    scroller: 'contacts-scroller',
    noun: 'contacts',
    far: (page) => page.getByTestId('contacts-letter-M').click(),
  },
  {
    path: '/users',
    scroller: 'users-scroller',
    noun: 'users',
    far: async (page) => {
      await page.getByTestId('users-jump').fill('500000');
      await page.getByTestId('users-jump').press('Enter');
    },
  },
];

test.afterEach(async ({ page }) => {
  await page.evaluate(() => localStorage.clear());
});

for (const failing of PAGES) {
  test(`${failing.path}: a failed item looks failed and says so; Retry on it loads its page`, async ({
    page,
  }) => {
    const errors = await open(page, failing.path);
    const scroller = page.getByTestId(failing.scroller);
    await expect(scroller.locator('[data-state="loaded"]').first()).toBeVisible();
    await faults(page, '1');
    await failing.far(page, scroller);
    // The first failed item of a page in view: failed, in words, with Retry; no skeleton inside.
    const says = scroller.locator('[data-state="error"]:has(.failed-row-text)').first();
    await expect(says).toBeVisible({ timeout: 20_000 });
    const text = says.locator('.failed-row-text');
    const index = await says.getAttribute('data-index');
    // The page's items, numbered from 1 in the text. Contacts count people, not the list's rows
    // (its letter headers are rows too), and name their letters: the list's rows of that page are
    // found from the item's index there (pages of 100).
    let from: number;
    let to: number;
    if (failing.path === '/contacts') {
      await expect(text).toHaveText(/^Couldn't load contacts [\d,]+–[\d,]+ \((L–)?M(–N)?\) · HTTP 500$/);
      from = Math.floor(Number(index) / 100) * 100 + 1;
      to = from + 99;
    } else {
      await expect(text).toHaveText(new RegExp(`^Couldn't load ${failing.noun} [\\d,]+–[\\d,]+ · HTTP 500$`));
      [from = 0, to = 0] = ((await text.textContent()) ?? '')
        .replace(/ · .*/, '')
        .split(' ')
        .at(-1)
        ?.split('–')
        .map((n) => Number(n.replaceAll(',', ''))) ?? [0, 0];
    }
    await expect(says.locator('.skeleton, .contacts-pending')).toHaveCount(0);
    const item = scroller.locator(`[data-index="${index}"]`);
    const before = await item.boundingBox();

    await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
    await item.getByRole('button', { name: 'Retry' }).click();
    await expect(item).toHaveAttribute('data-state', 'loaded');
    // Every rendered item of that page loaded (other pages may still be failed: Retry is per page).
    const states = await scroller
      .locator('[data-index]')
      .evaluateAll((items) =>
        items.map((e) => [Number(e.getAttribute('data-index')), e.getAttribute('data-state')]),
      );
    const ofPage = states.filter(([i]) => Number(i) >= from - 1 && Number(i) <= to - 1);
    expect(ofPage.length).toBeGreaterThan(0);
    expect(ofPage.filter(([, state]) => state !== 'loaded')).toEqual([]);
    // The failed box was exactly as tall as the item it stood for (a masonry card, measured, is as
    // tall as its skeleton: 300 px and its 1 px borders, until its own data lands).
    if (failing.path !== '/videos') expect((await item.boundingBox())?.height).toBe(before?.height);
    else expect(before?.height).toBe(302);
    expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
  });
}

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  for (const failing of PAGES.filter((p) => p.path === '/videos' || p.path === '/users')) {
    test(`screenshot of ${failing.path} with failed items (${name}, ${viewport.width}×${viewport.height})`, async ({
      page,
    }, testInfo) => {
      await page.setViewportSize(viewport);
      const errors = await open(page, failing.path);
      const scroller = page.getByTestId(failing.scroller);
      await expect(scroller.locator('[data-state="loaded"]').first()).toBeVisible();
      await faults(page, '1');
      await failing.far(page, scroller);
      const says = scroller.locator('[data-state="error"]:has(.failed-row-text)').first();
      await expect(says).toBeVisible({ timeout: 20_000 });
      await expect(says.locator('.failed-row-text')).toBeInViewport();
      await expect(says.getByRole('button', { name: 'Retry' })).toBeInViewport();
      await page.screenshot({ path: testInfo.outputPath(`failed-${failing.path.slice(1)}-${name}.png`) });
      // Nothing wider than the screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
        viewport.width,
      );
      expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
    });
  }
}
