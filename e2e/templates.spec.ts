// The Templates page: one autoSource per dataset of /api/templates, each picking its strategy
// from the probe. Requests are counted as the browser sends them (page 'request' events, the
// Accept header telling a JSON request from the NDJSON stream).
import { expect, type Page, type Request, test } from '@playwright/test';
import { expectRow, open, poll } from './lists.ts';

type Dataset = 'small' | 'medium' | 'feed' | 'huge' | 'live';

/** The requests the page sends to `/api/templates?dataset=<dataset>`, split by kind. */
function trackRequests(page: Page, dataset: Dataset) {
  const json: URL[] = [];
  const streams: URL[] = [];
  page.on('request', (request: Request) => {
    const url = new URL(request.url());
    if (url.pathname !== '/api/templates' || url.searchParams.get('dataset') !== dataset) return;
    const accept = request.headers().accept ?? '';
    (accept.includes('application/x-ndjson') ? streams : json).push(url);
  });
  return { json, streams };
}

const panel = (page: Page, dataset: Dataset) => page.getByTestId(`tpl-${dataset}`);
const scroller = (dataset: Dataset) => `tpl-${dataset}-scroller`;

/** A numeric `data-` attribute of a panel's figures. */
async function figure(
  page: Page,
  dataset: Dataset,
  name: 'loaded' | 'count' | 'requests' | 'http-json' | 'http-streams',
): Promise<number> {
  return Number(await page.getByTestId(`tpl-${dataset}-stats`).getAttribute(`data-${name}`));
}

/** Scrolls a panel's list to its current end. */
async function scrollToEnd(page: Page, dataset: Dataset): Promise<void> {
  await page.getByTestId(scroller(dataset)).evaluate((el: HTMLElement) => {
    el.scrollTop = el.scrollHeight;
  });
}

/**
 * The rows in a scroller's visible area, and whether every one of them shows its own template
 * (loaded, its row number `index + 1`): read in one go, as a growing list moves under us.
 */
function visibleTemplates(
  page: Page,
  testId: string,
): Promise<{ first: number; last: number; real: boolean }> {
  return page.getByTestId(testId).evaluate((el: HTMLElement) => {
    const top = el.getBoundingClientRect().top + el.clientTop;
    const bottom = top + el.clientHeight;
    const rows = [...el.querySelectorAll<HTMLElement>('[data-index]')].filter((row) => {
      const rect = row.getBoundingClientRect();
      return rect.bottom > top + 0.5 && rect.top < bottom - 0.5;
    });
    const indexes = rows.map((row) => Number(row.dataset.index));
    return {
      first: Math.min(...indexes),
      last: Math.max(...indexes),
      real:
        rows.length > 0 &&
        rows.every(
          (row) =>
            row.dataset.state === 'loaded' &&
            row.querySelector('.row-number')?.textContent ===
              (Number(row.dataset.index) + 1).toLocaleString('en'),
        ),
    };
  });
}

const EXPECTED: Record<Dataset, { strategy: string; reason: RegExp }> = {
  small: { strategy: 'eager', reason: /kB .*is below the 1 MB eager threshold/ },
  medium: {
    strategy: 'offset',
    reason: /MB .*between the 1 MB eager and 100 MB stream thresholds.*pages by offset/,
  },
  feed: { strategy: 'cursor', reason: /size unknown; the server pages by cursor/ },
  huge: { strategy: 'stream', reason: /GB .*is above the 100 MB stream threshold/ },
  live: { strategy: 'stream', reason: /size unknown and no cursor \(open-ended\)/ },
};

test('each panel shows the strategy autoSource picked and why, with real rows', async ({ page }) => {
  const errors = await open(page, '/templates');
  await expect(page.getByRole('heading', { level: 1, name: 'Templates' })).toBeVisible();
  for (const [dataset, { strategy, reason }] of Object.entries(EXPECTED) as [
    Dataset,
    typeof EXPECTED.small,
  ][]) {
    await expect(page.getByTestId(`tpl-${dataset}-strategy`)).toHaveAttribute('data-strategy', strategy);
    await expect(page.getByTestId(`tpl-${dataset}-reason`)).toHaveText(reason);
    await expectRow(page, scroller(dataset), 0, null);
  }
  expect(errors).toEqual([]);
});

test('small (eager): the probe and one request, then the last row without another', async ({ page }) => {
  const requests = trackRequests(page, 'small');
  await open(page, '/templates');
  await expect(page.getByTestId('tpl-small-strategy')).toHaveAttribute('data-strategy', 'eager');
  await expect(panel(page, 'small').getByTestId(scroller('small'))).toHaveAttribute('data-count', '2000');
  await expectRow(page, scroller('small'), 0, null);
  await poll(() => figure(page, 'small', 'loaded')).toBe(2_000);
  expect(requests.json.length).toBeGreaterThanOrEqual(1);
  expect(requests.json.length).toBeLessThanOrEqual(2);
  expect(requests.json[0]?.searchParams.get('offset')).toBe('0'); // the probe
  expect(requests.json[0]?.searchParams.get('limit')).toBe('100');
  const before = requests.json.length;
  const statsBefore = await figure(page, 'small', 'requests');

  await scrollToEnd(page, 'small');
  await expectRow(page, scroller('small'), 1_999, null);
  await expect(page.getByTestId(scroller('small'))).toHaveAttribute('data-placeholders', '0');
  expect(requests.json.length).toBe(before);
  expect(requests.streams).toHaveLength(0);
  expect(await figure(page, 'small', 'requests')).toBe(statsBefore);
  expect(await figure(page, 'small', 'http-json')).toBe(requests.json.length); // the panel counts right
  // …and says which requests they were: the probe first.
  const listed = page.getByTestId('tpl-small-requests');
  await expect(listed).toHaveAttribute('data-count', String(requests.json.length));
  await expect(listed.locator('summary')).toContainText('Which requests: probe rows 1–100');
});

test('huge (stream): the count grows as the list scrolls, over one stream connection', async ({ page }) => {
  const requests = trackRequests(page, 'huge');
  await open(page, '/templates');
  await expect(page.getByTestId('tpl-huge-strategy')).toHaveAttribute('data-strategy', 'stream');
  await expectRow(page, scroller('huge'), 0, null);
  await poll(() => figure(page, 'huge', 'count')).toBeGreaterThan(100);
  for (let round = 0; round < 3; round++) {
    const count = await figure(page, 'huge', 'count');
    await scrollToEnd(page, 'huge');
    await poll(() => figure(page, 'huge', 'count')).toBeGreaterThan(count);
  }
  // Still growing: the end the view reached shows real templates, wherever it is by now.
  const reached = await figure(page, 'huge', 'count');
  await scrollToEnd(page, 'huge');
  await poll(async () => {
    const view = await visibleTemplates(page, scroller('huge'));
    return view.real && view.last >= reached - 1;
  }).toBe(true);
  expect(requests.streams).toHaveLength(1);
  expect(requests.streams[0]?.searchParams.get('offset')).toBe('100'); // continues after the probe's 100 items
  expect(requests.json).toHaveLength(1); // the probe
  expect(await figure(page, 'huge', 'http-streams')).toBe(1);
  await expect(page.getByTestId('tpl-huge-requests').locator('summary')).toContainText(
    'Which requests: probe rows 1–100 · stream from row 101',
  );
  expect(await figure(page, 'huge', 'count')).toBeLessThan(20_000_000); // read only as far as needed
});

test('live (stream, open-ended): templates keep arriving over one connection', async ({ page }) => {
  const requests = trackRequests(page, 'live');
  await open(page, '/templates');
  await expect(page.getByTestId('tpl-live-strategy')).toHaveAttribute('data-strategy', 'stream');
  const first = await figure(page, 'live', 'count');
  await poll(() => figure(page, 'live', 'count')).toBeGreaterThan(first + 20);
  expect(requests.streams).toHaveLength(1);
});

test('medium (offset): a jump to row 150,000 fetches only pages there, with real data', async ({ page }) => {
  const requests = trackRequests(page, 'medium');
  await open(page, '/templates');
  await expect(page.getByTestId('tpl-medium-strategy')).toHaveAttribute('data-strategy', 'offset');
  await expect(page.getByTestId(scroller('medium'))).toHaveAttribute('data-count', '200000');
  await expectRow(page, scroller('medium'), 0, null);
  const before = requests.json.length;

  await page.getByTestId('tpl-medium-jump-index').fill('150001'); // row 150,001: index 150,000
  await page.getByTestId('tpl-medium-jump-go').click();
  await expectRow(page, scroller('medium'), 150_000, null);
  await expect(page.getByTestId(scroller('medium'))).toHaveAttribute('data-placeholders', '0');
  const jumped = requests.json.slice(before);
  expect(jumped.length).toBeGreaterThan(0);
  expect(jumped.length).toBeLessThan(10); // no walk through the 150,000 rows before it
  expect(jumped.some((url) => Number(url.searchParams.get('offset')) >= 140_000)).toBe(true);
  expect(requests.streams).toHaveLength(0);
});

test('feed (cursor): scrolling down follows nextCursor', async ({ page }) => {
  const requests = trackRequests(page, 'feed');
  await open(page, '/templates');
  await expect(page.getByTestId('tpl-feed-strategy')).toHaveAttribute('data-strategy', 'cursor');
  await expectRow(page, scroller('feed'), 0, null);
  const count = await figure(page, 'feed', 'count');
  await scrollToEnd(page, 'feed');
  await poll(() => figure(page, 'feed', 'count')).toBeGreaterThan(count);
  const reached = await figure(page, 'feed', 'count');
  await scrollToEnd(page, 'feed');
  await poll(async () => {
    const view = await visibleTemplates(page, scroller('feed'));
    return view.real && view.last >= reached - 1;
  }).toBe(true);
  expect(requests.json.some((url) => url.searchParams.has('cursor'))).toBe(true);
  expect(requests.streams).toHaveLength(0);
});

test('a failed probe shows the error with Retry in every panel; Retry recovers', async ({ page }) => {
  await open(page, '/templates');
  await expect(page.getByTestId('tpl-small-strategy')).toHaveAttribute('data-strategy', 'eager');
  await page.getByTestId('tpl-fail-probe').check();
  for (const dataset of Object.keys(EXPECTED) as Dataset[]) {
    // The probe is retried with backoff (4 attempts) before the list reports the error.
    const alert = panel(page, dataset).getByRole('alert');
    await expect(alert).toContainText('answered HTTP 500', { timeout: 15_000 });
    await expect(alert).toContainText(`injected probe failure for dataset=${dataset}`);
    await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
    // A failed probe says so; it no longer keeps a "probing…" badge (#20).
    await expect(page.getByTestId(`tpl-${dataset}-strategy`)).toHaveAttribute('data-strategy', 'failed');
    await expect(page.getByTestId(`tpl-${dataset}-strategy`)).toHaveText('probe failed');
  }

  await page.getByTestId('tpl-fail-probe').uncheck();
  await panel(page, 'small').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('tpl-small-strategy')).toHaveAttribute('data-strategy', 'eager');
  await expectRow(page, scroller('small'), 0, null);
  await expect(panel(page, 'small').getByRole('alert')).toHaveCount(0);
  await panel(page, 'huge').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('tpl-huge-strategy')).toHaveAttribute('data-strategy', 'stream');
  await expectRow(page, scroller('huge'), 0, null);
  // The panels not retried still show their error.
  await expect(panel(page, 'medium').getByRole('alert')).toBeVisible();
});
