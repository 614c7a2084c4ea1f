import { expect, type Page, test } from '@playwright/test';
import { open, poll } from './lists.ts';

/** The `q` of every `/api/search` request the page sends, and of those the browser cancelled. */
function watchSearchRequests(page: Page) {
  const sent: string[] = [];
  const cancelled: string[] = [];
  const q = (url: string) => new URL(url).searchParams.get('q') ?? '';
  page.on('request', (request) => {
    if (request.url().includes('/api/search')) sent.push(q(request.url()));
  });
  page.on('requestfailed', (request) => {
    if (request.url().includes('/api/search') && request.failure()?.errorText === 'net::ERR_ABORTED') {
      cancelled.push(q(request.url()));
    }
  });
  return { sent, cancelled };
}

/** The server's own answer for `q` (the page's list must agree with it). */
function serverTotal(page: Page, q: string): Promise<number> {
  return page.evaluate(async (text) => {
    const res = await fetch(`/api/search?q=${encodeURIComponent(text)}&limit=1`);
    return ((await res.json()) as { total: number }).total;
  }, q);
}

/** Request-log entries of one query (`group` is the query's key, e.g. `s*`). */
function logStates(page: Page, key: string): Promise<string[]> {
  return page
    .getByTestId('search-requests')
    .locator(`li[data-group="${key}"]`)
    .evaluateAll((items) => items.map((item) => item.getAttribute('data-state') ?? ''));
}

/** Loaded result rows in display order: index, document id, the query they were rendered for, marks. */
function loadedRows(page: Page) {
  return page.getByTestId('search-results').evaluate((scroller) =>
    [...scroller.querySelectorAll<HTMLElement>('li[data-state="loaded"]')]
      .map((row) => ({
        index: Number(row.dataset.index),
        id: Number(row.dataset.id),
        query: row.dataset.query ?? '',
        marks: [...row.querySelectorAll('mark')].map((mark) => mark.textContent?.toLowerCase() ?? ''),
      }))
      .sort((a, b) => a.index - b.index),
  );
}

test.afterEach(async ({ page }) => {
  await page.evaluate(() => localStorage.clear()); // the fault panel saves its settings
});

test('typing is debounced: a burst of keys sends only the text it paused at, and "N results" is the server\'s count', async ({
  page,
}) => {
  const errors = await open(page, '/search');
  const requests = watchSearchRequests(page);
  // When each text was in the box: a text may be searched only if the box kept it for ~200 ms.
  await page.getByTestId('search-input').evaluate((input: HTMLInputElement) => {
    const typed: { value: string; at: number }[] = [];
    (window as unknown as { typed: typeof typed }).typed = typed;
    input.addEventListener('input', () => typed.push({ value: input.value, at: performance.now() }));
  });
  // 40 ms between keys, well under the 200 ms debounce: normally only "harbor" is searched.
  await page.getByTestId('search-input').pressSequentially('harbor', { delay: 40 });
  const count = page.getByTestId('search-count');
  await expect(count).toHaveAttribute('data-total', String(await serverTotal(page, 'harbor')));
  await expect(count).toContainText('400,000 results for “harbor*”');

  const typed = await page.evaluate(
    () => (window as unknown as { typed: { value: string; at: number }[] }).typed,
  );
  expect(typed.map((entry) => entry.value)).toEqual(['h', 'ha', 'har', 'harb', 'harbo', 'harbor']);
  // A text the box held for less than the debounce (minus a frame of slack) was never searched;
  // on a loaded machine a key may come late, and then that text is searched, legitimately.
  const held = typed.map((entry, k) => ({
    value: entry.value,
    ms: (typed[k + 1]?.at ?? Infinity) - entry.at,
  }));
  const searchable = held.filter((entry) => entry.ms >= 200 - 20).map((entry) => entry.value);
  expect(searchable).toContain('harbor');
  for (const q of requests.sent) expect(searchable).toContain(q);
  expect(requests.sent.filter((q) => q === 'harbor').length).toBeGreaterThanOrEqual(1); // more pages follow
  for (const q of requests.cancelled) expect(q).not.toBe('harbor'); // only superseded texts were aborted
  const rows = await loadedRows(page);
  expect(rows.length).toBeGreaterThan(3);
  for (const row of rows) {
    expect(row.query).toBe('harbor*');
    expect(row.marks).toContain('harbor');
  }
  expect(errors).toEqual([]);
});

test('a newer query aborts the older one, and no row of the older query ever appears, though it answers late', async ({
  page,
}) => {
  const errors = await open(page, '/search');
  const requests = watchSearchRequests(page);
  await page.getByTestId('search-slow').check(); // one- and two-letter queries answer 2.5 s later
  // Record every result row that is ever attached, with the query it was rendered for, for the
  // whole test: a late answer shown for a single frame would be caught here.
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seenQueries: string[] }).seenQueries = seen;
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (!(node instanceof HTMLElement)) continue;
          for (const row of [node, ...node.querySelectorAll<HTMLElement>('li[data-query]')]) {
            if (row.matches('li[data-query]') && row.dataset.state === 'loaded')
              seen.push(row.dataset.query ?? '');
          }
        }
        if (record.type === 'attributes' && record.target instanceof HTMLElement) {
          const row = record.target;
          if (row.matches('li[data-query]') && row.dataset.state === 'loaded')
            seen.push(row.dataset.query ?? '');
        }
      }
    }).observe(document.body, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['data-state'],
    });
  });

  const input = page.getByTestId('search-input');
  await input.pressSequentially('s');
  const started = await page.evaluate(() => performance.now());
  await poll(() => logStates(page, 's*')).toEqual(['pending']);
  await input.pressSequentially('ummit', { delay: 30 });

  // The older query's request is aborted: its signal fired (request log) and the browser cancelled it.
  await poll(() => logStates(page, 's*')).toEqual(['aborted']);
  await poll(async () => requests.cancelled).toContain('s');
  await expect(page.getByTestId('search-count')).toHaveAttribute('data-total', '400000');
  await expect(page.getByTestId('search-count')).toContainText('for “summit*”');
  await expect(page.getByTestId('search-results').locator('li[data-state="loaded"]').first()).toBeVisible();

  // Keep watching until well after the older answer was due (2.5 s ±25% + the engine's time):
  // what is asserted is that nothing happens in that time, so there is no event to wait for.
  await page.waitForFunction((due) => performance.now() > due, started + 2_500 * 1.25 + 800);
  const seen = await page.evaluate(() => (window as unknown as { seenQueries: string[] }).seenQueries);
  expect(seen.length).toBeGreaterThan(0);
  // Typing "ummit" 30 ms a key searches nothing in between, unless a loaded machine delays a key
  // past the debounce; then that text is searched, legitimately. "s" never answered in time.
  expect(seen).not.toContain('s*');
  expect(seen.at(-1)).toBe('summit*');
  for (const row of await loadedRows(page)) expect(row.query).toBe('summit*');
  const aborted = page.getByTestId('search-requests').locator('li[data-state="aborted"]');
  expect(await aborted.count()).toBeGreaterThanOrEqual(1);
  expect(
    await page
      .getByTestId('search-requests')
      .locator('li[data-group="summit*"][data-state="aborted"]')
      .count(),
  ).toBe(0);
  expect(errors).toEqual([]);
});

test('results are an infinite cursor list: scrolling loads more pages in id order, each hit highlighted', async ({
  page,
}) => {
  const errors = await open(page, '/search?q=grace%20m');
  const count = page.getByTestId('search-count');
  const total = await serverTotal(page, 'grace m');
  await expect(count).toHaveAttribute('data-total', String(total));
  await expect(count).toContainText(`${total.toLocaleString('en')} results for “grace m*”`);
  const scroller = page.getByTestId('search-results');
  const loaded = async () => Number(await scroller.getAttribute('data-count'));
  await poll(loaded).toBeGreaterThan(0);

  for (let k = 0; k < 3; k++) {
    const before = await loaded();
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight, behavior: 'instant' }));
    await poll(loaded).toBeGreaterThan(before);
  }
  await poll(async () => (await loadedRows(page)).length).toBeGreaterThan(3);
  const rows = await loadedRows(page);
  expect(rows[0]?.index).toBeGreaterThan(60); // deep in the list, not at the top
  for (let k = 1; k < rows.length; k++) {
    const previous = rows[k - 1];
    if (previous && rows[k]?.index === previous.index + 1) expect(rows[k]?.id).toBeGreaterThan(previous.id);
  }
  for (const row of rows) {
    expect(row.marks).toContain('grace');
    expect(row.marks).toContain('m'); // the typed part of a word beginning with "m"
  }
  const more = page.getByTestId('search-requests').locator('li[data-group="grace m*"][data-label$="more"]');
  await poll(() => more.count()).toBeGreaterThanOrEqual(3);
  expect(await loaded()).toBeLessThan(total);
  expect(errors).toEqual([]);
});

test('a query without matches shows the empty state; a failing server shows the error and Retry recovers', async ({
  page,
}) => {
  const errors = await open(page, '/search');
  const input = page.getByTestId('search-input');
  await input.fill('harbor meadow ');
  await expect(page.getByTestId('search-empty')).toContainText('No document matches “harbor meadow”');
  await expect(page.getByTestId('search-count')).toHaveAttribute('data-total', '0');
  await expect(page.getByTestId('search-results').locator('li')).toHaveCount(0);

  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Error rate').fill('1');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await input.fill('lantern ');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('HTTP 500');
  await expect(page.getByTestId('search-count')).toContainText('The search for “lantern” failed');
  await expect(page.getByTestId('search-empty')).toBeHidden();

  await panel.getByLabel('Error rate').fill('0');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('search-count')).toContainText('400,000 results for “lantern”');
  await expect(page.getByTestId('search-results').locator('li[data-state="loaded"]').first()).toContainText(
    'lantern',
  );
  await expect(alert).toBeHidden();
  // The injected 500s are logged by the browser as failed resources; nothing else may fail.
  expect(errors.filter((error) => !error.includes('status of 500'))).toEqual([]);
});

test('the "End of the results" line after the list, inside the scroller, is reached at the very bottom and not scrolled away (decision 0070)', async ({
  page,
}) => {
  const errors = await open(page, '/search?q=amber%20harbor%20lantern%20history'); // 25 results
  const scroller = page.getByTestId('search-results');
  const end = page.getByTestId('search-end');
  await expect(end).toContainText('End of the 25 results.');
  /** The end line's and the last row's edges, relative to the scroller's visible area, and its scroll state. */
  const read = () =>
    scroller.evaluate((element) => {
      const box = element.getBoundingClientRect();
      const line = element.querySelector('[data-testid="search-end"]')?.getBoundingClientRect();
      const last = element.querySelector('li[data-index="24"]')?.getBoundingClientRect();
      return {
        top: element.scrollTop,
        max: element.scrollHeight - element.clientHeight,
        viewport: element.clientHeight,
        line: line
          ? { top: line.top - box.top - element.clientTop, bottom: line.bottom - box.top - element.clientTop }
          : null,
        lastBottom: last ? last.bottom - box.top - element.clientTop : null,
      };
    });
  // Twice: the rows measured on the way in may change the content's height once.
  for (let round = 0; round < 2; round++) {
    await scroller.evaluate((element) =>
      element.scrollTo({ top: element.scrollHeight, behavior: 'instant' }),
    );
    // Held there over frames: before decision 0070 the list wrote the scroller back to its last row.
    await page.waitForTimeout(300);
  }
  const bottom = await read();
  expect(bottom.max).toBeGreaterThan(0);
  expect(bottom.top).toBe(bottom.max);
  expect(bottom.line).not.toBeNull();
  expect(bottom.line?.top ?? -1).toBeGreaterThanOrEqual(0);
  expect(bottom.line?.bottom ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual(bottom.viewport + 0.5); // whole
  expect(bottom.lastBottom ?? Number.POSITIVE_INFINITY).toBeLessThanOrEqual((bottom.line?.top ?? 0) + 0.5); // the last row above it

  // A wheel-sized step back up moves the line and the rows 1:1.
  await scroller.evaluate((element) => element.scrollBy({ top: -100, behavior: 'instant' }));
  await page.waitForTimeout(200);
  const up = await read();
  // (not scrollTop: a row above measured on the way moves it, and the list keeps the rows read still)
  expect(up.line?.top).toBeCloseTo((bottom.line?.top ?? 0) + 100, 0);
  expect(up.lastBottom).toBeCloseTo((bottom.lastBottom ?? 0) + 100, 0);
  expect(errors).toEqual([]);
});
