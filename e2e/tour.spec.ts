// Issue #20 item 7: the demo checked the way a person sees it. A tour of every menu page at a
// laptop's and a phone's size, with the fault panel off and on: a screenshot of each page is
// written to the test's output folder (test-results/…/laptop-faults-off-table.png, gitignored;
// `--output` moves it) and attached to the report, and the checks are those a person would make
// at a glance — nothing wider than the phone, no region drawn over another, no chart label over
// another, no figure or label cut off, the Table's end and the Chat's input above the fold, and a
// console without errors or warnings.
import { expect, type Page, test } from '@playwright/test';
import { expectRow, poll, rowBox } from './lists.ts';
import { chartTextOverlaps, cutOffTexts } from './visual.ts';

const LAPTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };
const SMALL_PHONE = { width: 360, height: 740 };
const STORAGE_KEY = 'lazyflow-demo:faults'; // apps/demo/src/faultSettings.ts
/** The fault panel on: slow answers, some failed requests, cut and corrupted streams. */
const FAULTS = { latency: 250, errorRate: 0.05, dropAfter: 400, malformedEvery: 250, slow: null };
/**
 * The one console line the faults put there on purpose: Chromium logs every HTTP 500 answer of
 * a fetch (here the injected errors), whatever the page does with it. Nothing else is allowed.
 */
const INJECTED_500 = /Failed to load resource: the server responded with a status of 500/;

/** Console errors and warnings, and uncaught errors, from now on. */
function watchConsole(page: Page): string[] {
  const messages: string[] = [];
  page.on('pageerror', (error) => messages.push(`uncaught: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning') {
      messages.push(`${message.type()}: ${message.text()} (${message.location().url})`);
    }
  });
  return messages;
}

interface Box {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

/** The shell's regions as drawn, and the page's width against the viewport's. */
function layout(page: Page) {
  return page.evaluate(() => {
    const box = (selector: string) => {
      const element = document.querySelector(selector);
      if (!element || getComputedStyle(element).visibility === 'hidden') return null;
      const r = element.getBoundingClientRect();
      return r.width === 0 || r.height === 0
        ? null
        : { top: r.top, bottom: r.bottom, left: r.left, right: r.right };
    };
    return {
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
      header: box('header'),
      main: box('main'),
      sidebar: box('.sidebar'),
    };
  });
}

/** Whether two boxes share more than a pixel of area. */
const overlap = (a: Box, b: Box) =>
  Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 &&
  Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;

for (const faults of [false, true]) {
  for (const [device, viewport] of [
    ['laptop', LAPTOP],
    ['phone', PHONE],
    // The narrowest screen the demo is laid out for (issue #20 item 2), faults off only (time).
    ...(faults ? [] : [['small-phone', SMALL_PHONE] as const]),
  ] as const) {
    test(`tour of every page on a ${device} (${viewport.width}×${viewport.height}), faults ${faults ? 'on' : 'off'}`, async ({
      page,
    }, testInfo) => {
      test.setTimeout(150_000);
      await page.setViewportSize(viewport);
      await page.addInitScript(
        ([key, value]) => {
          if (value === null) localStorage.removeItem(key);
          else localStorage.setItem(key, value);
        },
        [STORAGE_KEY, faults ? JSON.stringify(FAULTS) : null] as const,
      );
      const messages = watchConsole(page);
      await page.goto('/');
      await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
      if (faults) await expect(page.getByTestId('fault-banner')).toBeVisible();
      const paths = await page
        .locator('nav a')
        .evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
      expect(paths.length).toBeGreaterThan(10);

      for (const path of paths) {
        // A phone's menu is the header's "Pages" button; a laptop shows the links.
        if (device !== 'laptop') await page.getByTestId('menu-toggle').click();
        await page.getByRole('navigation').locator(`a[href="${path}"]`).click();
        await expect(page).toHaveURL(path);
        await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
        await page.waitForTimeout(800); // first data and charts on screen
        const name = `${device}-faults-${faults ? 'on' : 'off'}${path === '/' ? '-home' : path.replaceAll('/', '-')}.png`;
        // A file on disk, not only an attachment in memory (the `list` reporter writes none).
        const file = testInfo.outputPath(name);
        await page.screenshot({ path: file });
        await testInfo.attach(name, { path: file, contentType: 'image/png' });
        expect.soft(await chartTextOverlaps(page), `${path}: chart labels`).toEqual([]);
        expect
          .soft(await cutOffTexts(page, 'main .stat dt, main .stat dd'), `${path}: figures cut off`)
          .toEqual([]);

        const shell = await layout(page);
        expect
          .soft(shell.scrollWidth, `${path}: no sideways scrolling`)
          .toBeLessThanOrEqual(shell.innerWidth);
        const { header, main, sidebar } = shell;
        expect(header && main, `${path}: header and main drawn`).toBeTruthy();
        if (header && main) expect.soft(overlap(header, main), `${path}: header over main`).toBe(false);
        if (device === 'laptop') {
          expect.soft(sidebar, `${path}: side panels beside the page`).not.toBeNull();
          if (sidebar && main)
            expect.soft(overlap(main, sidebar), `${path}: main under the side panels`).toBe(false);
        } else {
          expect.soft(sidebar, `${path}: side panels in a closed drawer`).toBeNull();
        }
      }

      // Above the fold on a laptop: the Table's last visible row and the Chat's input.
      if (device === 'laptop') {
        await page.getByRole('navigation').locator('a[href="/table"]').click();
        const table = await page.getByTestId('table-scroller').boundingBox();
        expect(table && table.y + table.height).toBeLessThanOrEqual(viewport.height);
        await page.getByRole('navigation').locator('a[href="/chat"]').click();
        const input = await page.getByTestId('chat-input').boundingBox();
        expect(input && input.y + input.height).toBeLessThanOrEqual(viewport.height);
        // The page itself does not scroll around the list that scrolls.
        expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(
          viewport.height,
        );
      }

      const unexpected = messages.filter((message) => !(faults && INJECTED_500.test(message)));
      expect(unexpected).toEqual([]);
    });
  }
}

// Issue #20: an `end`-aligned jump to the last row left it cut off at the bottom.
for (const [rows, last] of [
  [1_000_000, 999_999],
  [100_000_000, 99_999_999],
] as const) {
  test(`an end-aligned jump to the last of ${rows.toLocaleString('en')} rows shows it whole at the bottom`, async ({
    page,
  }) => {
    await page.setViewportSize(LAPTOP);
    const messages = watchConsole(page);
    await page.goto(`/table?rows=${rows}&jump=${rows}&align=end`); // the last row's number: `rows`
    await expectRow(page, 'table-scroller', last);
    await poll(async () => {
      const box = await rowBox(page, 'table-scroller', last);
      // Whole: its top inside the view, its bottom at the view's bottom edge (within a pixel).
      return (
        box !== null && box.top >= 0 && box.bottom <= box.viewport + 0.5 && box.viewport - box.bottom < 2
      );
    }).toBe(true);
    expect(messages).toEqual([]);
  });
}
