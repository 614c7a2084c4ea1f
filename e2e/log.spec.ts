import { expect, type Page, test } from '@playwright/test';
import { open } from './lists.ts';

// The Log page (decision 0084): `useStreamLog` indexes /api/stream's NDJSON body in a Worker and a
// list reads the lines it shows. Runs of 100,000 lines as fast as the mock writes them.

let errors: string[] = [];

/** Opens /log with 100,000 lines; `cut` picks "Cut the connection" first. */
async function openLog(page: Page, cut?: string) {
  errors = await open(page, '/log');
  await page.getByLabel(/^Lines/).selectOption('100000');
  await page.getByLabel(/^Rate/).selectOption('0'); // no limit
  if (cut) await page.getByLabel('Cut the connection').selectOption({ label: cut });
}

/** Waits for the log to end with every line counted. */
async function ended(page: Page) {
  await expect(page.getByTestId('log-status')).toHaveAttribute('data-status', 'ended', { timeout: 60_000 });
  await expect(page.getByTestId('log-stats')).toHaveAttribute('data-count', '100000');
}

/** The rows on screen, as [index, seq, text]; only rows with data (a placeholder has no seq). */
function shownRows(page: Page) {
  return page
    .getByTestId('log-lines')
    .locator('[data-index]')
    .evaluateAll((rows) =>
      rows.map((row) => ({
        index: Number(row.getAttribute('data-index')),
        seq: row.hasAttribute('data-seq') ? Number(row.getAttribute('data-seq')) : null,
        state: row.getAttribute('data-state'),
        text: row.textContent ?? '',
      })),
    );
}

/** Every loaded row shows its own line (row i holds event i), and the rows at `index` are loaded. */
async function expectOwnLines(page: Page, index: number) {
  await expect(async () => {
    const rows = await shownRows(page);
    const at = rows.find((row) => row.index === index);
    expect(at?.state).toBe('loaded');
    for (const row of rows) if (row.seq !== null) expect(row.seq).toBe(row.index);
  }).toPass({ timeout: 15_000 });
}

async function scrollToRow(page: Page, index: number) {
  await page.getByTestId('log-lines').evaluate((el, i) => {
    el.scrollTop = i * 24;
  }, index);
}

test('the log follows 100,000 lines to the end; the Worker holds at most its budget and the start is read again', async ({
  page,
}) => {
  await openLog(page);
  await ended(page);
  const stats = page.getByTestId('log-stats');
  // The newest line is on screen, with its data, and every row shows its own line.
  await expectOwnLines(page, 99_999);
  // 100,000 lines are ~15 MB of NDJSON: the Worker kept 4 MB at most and dropped the oldest.
  expect(Number(await stats.getAttribute('data-held'))).toBeLessThanOrEqual(4_000_000);
  expect(Number(await stats.getAttribute('data-first'))).toBeGreaterThan(0);
  // Read in a Worker, not on the page.
  await expect(page.getByTestId('log-read-in')).toHaveText('read in a Worker');
  // The first lines, dropped by the Worker, are read again from the server (`replay`).
  await scrollToRow(page, 0);
  await expectOwnLines(page, 0);
  expect(errors).toEqual([]);
});

test('a connection cut every 25,000 lines reconnects from the line it reached: nothing lost, nothing repeated', async ({
  page,
}) => {
  await openLog(page, 'every 25,000 lines');
  await ended(page);
  const stats = page.getByTestId('log-stats');
  expect(Number(await stats.getAttribute('data-reconnects'))).toBeGreaterThanOrEqual(3);
  await expectOwnLines(page, 99_999);
  // Across a cut: the lines before and after the 50,000th are each other's neighbours.
  await scrollToRow(page, 49_990);
  await expectOwnLines(page, 50_000);
  // A dropped connection is expected: nothing reaches the console as an uncaught error.
  expect(errors).toEqual([]);
});

test('lines the server breaks show as such, in their place, and the lines around them are whole', async ({
  page,
}) => {
  errors = await open(page, '/');
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Malformed every').fill('100');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Log' }).click();
  await page.getByLabel(/^Lines/).selectOption('100000');
  await page.getByLabel(/^Rate/).selectOption('0');
  await ended(page);
  // Every 100th line is broken: line 100,000 (row 99,999) is one, in view at the end.
  await expect(async () => {
    const rows = await shownRows(page);
    const broken = rows.find((row) => row.index === 99_999);
    expect(broken?.text).toBe('line 100,000 is not JSON');
    const whole = rows.find((row) => row.index === 99_998);
    expect(whole?.seq).toBe(99_998);
  }).toPass({ timeout: 15_000 });
  await expect(page.locator('.event-log-row.broken').first()).toBeVisible();
  await page.evaluate(() => localStorage.clear());
  expect(errors).toEqual([]);
});

for (const [name, viewport] of [
  ['desktop', { width: 1280, height: 800 }],
  ['phone', { width: 390, height: 844 }],
] as const) {
  test(`screenshot of /log at its end (${name}, ${viewport.width}×${viewport.height})`, async ({
    page,
  }, testInfo) => {
    await page.setViewportSize(viewport);
    await openLog(page);
    await ended(page);
    await expectOwnLines(page, 99_999);
    // The page itself does not scroll: the log takes the rest of the screen.
    const { scrollHeight, innerHeight } = await page.evaluate(() => ({
      scrollHeight: document.documentElement.scrollHeight,
      innerHeight: window.innerHeight,
    }));
    expect(scrollHeight).toBeLessThanOrEqual(innerHeight + 1);
    await page.screenshot({ path: testInfo.outputPath(`log-${name}.png`) });
    expect(errors).toEqual([]);
  });
}
