import { expect, type Page, test } from '@playwright/test';
import { open } from './lists.ts';

// Issue #20: at 390 × 844 the 260 px side panel stayed beside a ~110 px content column and the
// nav made every page 1,018 px wide. Now the side panels are a drawer the header's button opens,
// and the menu a "Pages" button whose links wrap in a panel (no strip scrolling sideways).
const PHONE = { width: 390, height: 844 };

/**
 * Elements drawn past the window's left or right edge that nothing clips: each one's box is
 * checked unless an ancestor scrolls or clips it sideways (a list's own scroller, a table's
 * wrapper), or it is hidden. Empty when nothing overflows horizontally.
 */
const overflowing = (page: Page) =>
  page.evaluate(() => {
    const clipped = (el: Element) => {
      for (let at = el.parentElement; at && at !== document.body; at = at.parentElement) {
        if (getComputedStyle(at).overflowX !== 'visible') return true;
      }
      return false;
    };
    return [...document.body.querySelectorAll('*')]
      .filter((el) => {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') return false;
        return (r.right > window.innerWidth + 1 || r.left < -1) && !clipped(el);
      })
      .map((el) => `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''}`);
  });

/** Opens the header's "Pages" menu (a phone's nav) and clicks the link to `path`. */
async function go(page: Page, path: string) {
  await page.getByTestId('menu-toggle').click();
  await page.getByRole('navigation').locator(`a[href="${path}"]`).click();
  await expect(page).toHaveURL(path);
  await expect(page.getByRole('navigation')).toBeHidden();
}
/** The main column must leave room for content: the viewport less two 20 px margins. */
const MIN_MAIN_WIDTH = 350;

test.use({ viewport: PHONE });

test('on a phone every page fits the viewport, with the content column at full width', async ({ page }) => {
  test.setTimeout(120_000); // every page of the menu in turn
  const errors = await open(page, '/');
  const paths = await page
    .locator('nav a')
    .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
  expect(paths.length).toBeGreaterThan(10);

  for (const path of paths) {
    await go(page, path);
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    await page.waitForTimeout(500); // lists and charts lay out their first data
    const layout = await page.evaluate(() => {
      const main = document.querySelector('main')?.getBoundingClientRect();
      return { scrollWidth: document.documentElement.scrollWidth, mainWidth: main?.width ?? 0 };
    });
    expect.soft(layout.scrollWidth, `${path}: page width`).toBeLessThanOrEqual(PHONE.width);
    expect.soft(layout.mainWidth, `${path}: main column width`).toBeGreaterThanOrEqual(MIN_MAIN_WIDTH);
    // The side panels wait in a closed drawer instead of taking the content's room.
    await expect.soft(page.getByTestId('side-panels'), `${path}: drawer closed`).toBeHidden();
  }
  expect(errors).toEqual([]);
});

for (const viewport of [
  { width: 360, height: 740 },
  { width: 390, height: 844 },
]) {
  test(`at ${viewport.width}×${viewport.height} no element of any page overflows sideways, the open menu included`, async ({
    page,
  }) => {
    test.setTimeout(120_000); // every page of the menu in turn
    await page.setViewportSize(viewport);
    const errors = await open(page, '/');
    // The menu is closed: one header row (brand, Pages, Under the hood), no strip of links.
    const toggle = page.getByTestId('menu-toggle');
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await expect(page.getByRole('navigation')).toBeHidden();
    const header = await page.locator('header').boundingBox();
    expect(header?.height).toBeLessThanOrEqual(48);
    const paths = await page
      .locator('nav a')
      .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(paths.length).toBeGreaterThan(10);
    // Open, every link is inside the window (they wrap, nothing scrolls sideways) and tappable.
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    const nav = page.getByRole('navigation');
    expect(await nav.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
    for (const link of await nav.getByRole('link').all()) {
      const box = await link.boundingBox();
      expect(box && box.x >= 0 && box.x + box.width <= viewport.width, (await link.textContent()) ?? '').toBe(
        true,
      );
      expect(box?.height ?? 0).toBeGreaterThanOrEqual(24);
    }
    expect(await overflowing(page)).toEqual([]);
    await page.keyboard.press('Escape');
    await expect(nav).toBeHidden();

    for (const path of paths) {
      await go(page, path);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await page.waitForTimeout(500); // lists and charts lay out their first data
      expect.soft(await overflowing(page), `${path}: overflowing elements`).toEqual([]);
      expect
        .soft(await page.evaluate(() => document.documentElement.scrollWidth), `${path}: page width`)
        .toBeLessThanOrEqual(viewport.width);
    }
    expect(errors).toEqual([]);
  });
}

test('on a phone the header button opens the side panels as a drawer over the page, Escape closes it', async ({
  page,
}) => {
  const errors = await open(page, '/table');
  const panels = page.getByTestId('side-panels');
  await expect(panels).toBeHidden();
  await page.getByTestId('drawer-toggle').click();
  await expect(panels).toBeVisible();
  await expect(panels.getByRole('complementary', { name: 'Under the hood' })).toBeVisible();
  await expect(panels.getByRole('complementary', { name: 'Fault panel' })).toBeVisible();
  // The drawer slides in (0.2 s): its box is checked once it has arrived.
  await expect
    .poll(async () => {
      const box = await panels.boundingBox();
      return box !== null && box.x >= 0 && box.x + box.width <= PHONE.width + 0.5;
    })
    .toBe(true);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
  await page.keyboard.press('Escape');
  await expect(panels).toBeHidden();
  // Home's memory tile asks for the panel: it opens with the page.
  await page.goto('/table#under-the-hood');
  await expect(panels).toBeVisible();
  // On a page without a filled list (Home) too, the drawer is one screen tall and scrolls on its
  // own down to the fault panel's Apply button (it once took its content's height, off screen).
  await page.goto('/');
  await page.getByTestId('drawer-toggle').click();
  await expect(panels).toBeVisible();
  expect((await panels.boundingBox())?.height).toBeLessThanOrEqual(PHONE.height + 0.5);
  const apply = panels.getByRole('button', { name: 'Apply' });
  await apply.scrollIntoViewIfNeeded();
  await expect(apply).toBeInViewport();
  expect(errors).toEqual([]);
});
