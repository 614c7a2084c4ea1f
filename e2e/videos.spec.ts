import { expect, type Page, type Request, test } from '@playwright/test';
import {
  VIDEO_STATUSES,
  type VideoFilter,
  videoCount,
  videos,
} from '../packages/mocks/src/datasets/videos.ts';
import { open, poll } from './lists.ts';

const CARD_MIN_WIDTH = 240;
/** Added to every mock response while the filter is switched, so the old filter's pages are in flight. */
const LATENCY = 1_500;

const list = (page: Page) => page.getByTestId('videos-list');
const card = (page: Page, index: number) => list(page).locator(`[data-index="${index}"]`);

/** Boxes of the rendered cards, relative to the scroller's content box. */
function cardBoxes(page: Page, indexes: number[]) {
  return page.evaluate((wanted) => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="videos-scroller"]');
    const box = scroller?.getBoundingClientRect();
    return wanted.map((i) => {
      const rect = scroller?.querySelector(`[data-index="${i}"]`)?.getBoundingClientRect();
      return rect && box ? { left: rect.left - box.left, top: rect.top - box.top } : null;
    });
  }, indexes);
}

/** The statuses of the loaded cards on screen. */
function loadedStatuses(page: Page): Promise<string[]> {
  return list(page)
    .locator('[data-state="loaded"]')
    .evaluateAll((cards) => cards.map((c) => c.getAttribute('data-status') ?? ''));
}

async function expectFirstCard(page: Page, filter: VideoFilter) {
  const first = videos(filter, 0, 1)[0];
  await expect(card(page, 0)).toHaveAttribute('data-state', 'loaded', { timeout: LATENCY * 4 });
  await expect(card(page, 0)).toHaveAttribute('data-video-id', String(first?.id));
  await expect(card(page, 0).locator('h3')).toHaveText(first?.title ?? '');
}

test('cards show generated thumbnails, lanes follow the width, the DOM stays small', async ({ page }) => {
  const images: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'image') images.push(request.url());
  });
  const errors = await open(page, '/videos');
  await expect(list(page)).toHaveAttribute('data-count', '500000');
  await expectFirstCard(page, 'all');

  // The thumbnail is an inline SVG drawn from the id: gradient, shapes, play mark; a duration badge.
  const thumb = card(page, 0).getByTestId('video-thumb');
  await expect(thumb).toBeVisible();
  expect(await thumb.locator('circle, rect, polygon').count()).toBeGreaterThanOrEqual(4);
  await expect(card(page, 0).locator('.video-duration')).toHaveText(/^\d+:\d\d(:\d\d)?$/);
  await expect(
    list(page).locator('[data-state="loaded"] svg[data-testid="video-thumb"]').first(),
  ).toBeVisible();

  const lanesFor = async () =>
    Math.floor((await page.getByTestId('videos-view').evaluate((el) => el.clientWidth)) / CARD_MIN_WIDTH);
  const lanes = await lanesFor();
  expect(lanes).toBeGreaterThanOrEqual(3);
  await expect(list(page)).toHaveAttribute('data-lanes', String(lanes));
  const [a, b, c] = await cardBoxes(page, [0, lanes - 1, lanes]);
  expect(b?.top).toBeCloseTo(a?.top ?? Number.NaN, 0); // one row of `lanes` cards…
  expect(b?.left).toBeGreaterThan(a?.left ?? 0);
  expect(c?.left).toBeCloseTo(a?.left ?? Number.NaN, 0); // …then the next row starts at the left
  expect(c?.top).toBeGreaterThan(a?.top ?? 0);
  expect(Number(await list(page).getAttribute('data-rendered'))).toBeLessThan(lanes * 8);

  // Far down the catalogue (the grid is taller than the browser allows, so the position is mapped):
  // only the cards around there exist, each with its own video (unfiltered, id = index).
  await page.getByTestId('videos-scroller').evaluate((el) => {
    el.scrollTop = el.scrollHeight / 2;
  });
  await poll(async () => Number(await list(page).getAttribute('data-placeholders'))).toBe(0);
  const shown = await list(page)
    .locator('[data-state="loaded"]')
    .evaluateAll((cards) =>
      cards.map((c) => [Number(c.getAttribute('data-index')), Number(c.dataset.videoId)]),
    );
  expect(shown.length).toBeGreaterThanOrEqual(lanes * 2);
  // Far from the start (where the middle lands depends on the scroller's height, which follows
  // the viewport since #20).
  expect(Math.min(...shown.map(([index]) => index ?? 0))).toBeGreaterThan(50_000);
  for (const [index, id] of shown) expect(id).toBe(index);
  // Up to 4 card rows in view (partial at both edges) + 2 overscan rows on each side.
  expect(await list(page).locator('li').count()).toBeLessThanOrEqual(lanes * 8);

  // Narrower: fewer columns, laid out again.
  // (Under 900 px the side panels leave for a drawer and the grid gets their width: go well below.)
  await page.setViewportSize({ width: 560, height: 800 });
  const narrow = await lanesFor();
  expect(narrow).toBeLessThan(lanes);
  await expect(list(page)).toHaveAttribute('data-lanes', String(narrow));
  await poll(async () => {
    const rendered = await list(page)
      .locator('li')
      .evaluateAll((cards) => cards.map((c) => Number(c.getAttribute('data-lane'))));
    return Math.max(...rendered);
  }).toBe(narrow - 1);
  expect(images).toEqual([]); // nothing fetched for thumbnails
  expect(errors).toEqual([]);
});

test('each status filter restarts the list with its own total and only its videos', async ({ page }) => {
  const errors = await open(page, '/videos');
  await expectFirstCard(page, 'all');
  for (const status of [...VIDEO_STATUSES, 'all'] as const) {
    const button = page.getByTestId(`video-filter-${status}`);
    await button.click();
    await expect(button).toHaveAttribute('aria-pressed', 'true');
    await expect(list(page)).toHaveAttribute('data-filter', status);
    await expect(list(page)).toHaveAttribute('data-count', String(videoCount(status)));
    await expect(button).toContainText(videoCount(status).toLocaleString('en'));
    await expect(page.getByTestId('videos-status')).toContainText(videoCount(status).toLocaleString('en'));
    await expectFirstCard(page, status);
    expect(await page.getByTestId('videos-scroller').evaluate((el) => el.scrollTop)).toBe(0);
    if (status !== 'all') {
      const statuses = await loadedStatuses(page);
      expect(statuses.length).toBeGreaterThan(3);
      expect(new Set(statuses)).toEqual(new Set([status]));
    }
  }
  expect(errors).toEqual([]);
});

test("switching the filter aborts the old filter's requests, and none of its cards ever shows", async ({
  page,
}) => {
  const started: Request[] = [];
  const aborted: Request[] = [];
  const answered: Request[] = [];
  const isVideos = (r: Request) => r.url().includes('/api/videos');
  page.on('request', (r) => isVideos(r) && started.push(r));
  page.on(
    'requestfailed',
    (r) => isVideos(r) && r.failure()?.errorText === 'net::ERR_ABORTED' && aborted.push(r),
  );
  page.on('requestfinished', (r) => isVideos(r) && answered.push(r));
  const ofStatus = (requests: Request[], status: string) =>
    requests.filter((r) => new URL(r.url()).searchParams.get('status') === status);

  const errors = await open(page, '/videos');
  await expectFirstCard(page, 'all');
  // Nothing of "all" in flight any more (prefetch included), so every abort below is the switch's.
  await poll(async () => started.length - answered.length - aborted.length).toBe(0);

  // Any card that shows under a status filter with another status is recorded, at every DOM change.
  await page.getByTestId('videos-view').evaluate((view) => {
    const wrong: string[] = [];
    (window as unknown as { wrongCards: string[] }).wrongCards = wrong;
    const check = () => {
      for (const grid of view.querySelectorAll<HTMLElement>('[data-filter]')) {
        const filter = grid.dataset.filter;
        if (filter === 'all') continue;
        for (const c of grid.querySelectorAll<HTMLElement>('[data-status]')) {
          if (c.dataset.status !== filter)
            wrong.push(`${c.dataset.videoId} (${c.dataset.status}) under ${filter}`);
        }
      }
    };
    new MutationObserver(check).observe(view, { subtree: true, childList: true, attributes: true });
  });

  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Latency (ms)').fill(String(LATENCY));
  await panel.getByRole('button', { name: 'Apply' }).click();

  await page.getByTestId('video-filter-published').click();
  await expect(list(page)).toHaveAttribute('data-filter', 'published');
  await poll(async () => ofStatus(started, 'published').length).toBeGreaterThan(0);
  // Still waiting for the server: switch again.
  await page.getByTestId('video-filter-draft').click();
  await expect(list(page)).toHaveAttribute('data-count', String(videoCount('draft')), {
    timeout: LATENCY * 4,
  });
  await expectFirstCard(page, 'draft');

  const published = ofStatus(started, 'published');
  await poll(async () => ofStatus(aborted, 'published').length).toBe(published.length);
  expect(ofStatus(answered, 'published')).toEqual([]);
  await expect(page.getByTestId('videos-aborted')).toHaveAttribute('data-aborted', String(published.length));
  expect(new Set(await loadedStatuses(page))).toEqual(new Set(['draft']));
  expect(await page.evaluate(() => (window as unknown as { wrongCards: string[] }).wrongCards)).toEqual([]);
  expect(errors).toEqual([]);
});
