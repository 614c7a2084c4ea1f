import { expect, test } from '@playwright/test';
import { open } from './lists.ts';

let errors: string[] = [];
test.beforeEach(async ({ page }) => {
  errors = await open(page, '/');
});

test('the stream page resumes after cut connections without losing or repeating an event', async ({
  page,
}) => {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Drop after').fill('300');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Stream' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Stream' })).toBeVisible();

  const stats = page.getByTestId('stream-stats');
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-reconnects'))).toBeGreaterThanOrEqual(2);
  }).toPass({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'paused');

  await expectLogComplete(page);
  await expectChunksAddUp(page);
  await page.evaluate(() => localStorage.clear());
  // A dropped connection is expected: nothing reaches the console as an uncaught error.
  expect(errors).toEqual([]);
});

test('lines the server breaks count as malformed, not lost: lost stays 0 through cut connections', async ({
  page,
}) => {
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Drop after').fill('300');
  await panel.getByLabel('Malformed every').fill('100');
  await panel.getByRole('button', { name: 'Apply' }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Stream' }).click();
  const stats = page.getByTestId('stream-stats');
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-reconnects'))).toBeGreaterThanOrEqual(2);
    expect(Number(await stats.getAttribute('data-malformed'))).toBeGreaterThanOrEqual(3);
  }).toPass({ timeout: 15_000 });
  await page.getByRole('button', { name: 'Inject malformed line' }).click();
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'paused');
  // Every number up to the newest arrived, whole or as a line the server broke (the injected
  // line is an extra one): nothing lost, and the Lost tile is not red.
  await expect(stats).toHaveAttribute('data-lost', '0');
  const lost = stats.getByTitle(/never arrived/);
  await expect(lost).toHaveAttribute('data-tone', 'ok');
  await page.evaluate(() => localStorage.clear());
  expect(errors).toEqual([]);
});

/** The virtualized log holds every event exactly once: count = items received, rows consecutive. */
async function expectLogComplete(page: import('@playwright/test').Page) {
  const stats = page.getByTestId('stream-stats');
  const log = page.getByTestId('event-log');
  // Read together on each attempt: a batch parsed before Pause may still be published after it.
  await expect(async () => {
    const items = Number(await stats.getAttribute('data-items'));
    expect(Number(await log.getAttribute('data-count'))).toBe(items);
    // The view follows the end: the rendered rows are the newest events, in order.
    const seqs = (
      await log
        .locator('[data-seq]')
        .evaluateAll((rows) => rows.map((row) => Number(row.getAttribute('data-seq'))))
    ).sort((a, b) => a - b);
    // Enough rows to cover the log's height (it shrinks under the fault banner, so no fixed count).
    const { clientHeight, rowHeight } = await log.evaluate((el) => ({
      clientHeight: el.clientHeight,
      rowHeight: el.querySelector('[data-seq]')?.getBoundingClientRect().height ?? 0,
    }));
    expect(rowHeight).toBeGreaterThan(0);
    expect(seqs.length * rowHeight).toBeGreaterThanOrEqual(clientHeight);
    expect(seqs.length).toBeGreaterThan(3);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] ?? 0) + i));
    expect(seqs.at(-1)).toBe(items - 1);
    expect(Number(await stats.getAttribute('data-items'))).toBe(items); // nothing arrived meanwhile
  }).toPass({ timeout: 5_000 });
}

test('cut connection and malformed-line buttons: the stream resumes, skips the bad line, loses nothing', async ({
  page,
}) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Stream' }).click();
  const stats = page.getByTestId('stream-stats');
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-items'))).toBeGreaterThan(500);
  }).toPass({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Cut connection' }).click();
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-reconnects'))).toBeGreaterThanOrEqual(1);
  }).toPass({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Inject malformed line' }).click();
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-malformed'))).toBe(1);
  }).toPass({ timeout: 10_000 });
  await expect(page.getByTestId('last-malformed')).toContainText('line');
  const before = Number(await stats.getAttribute('data-items'));
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-items'))).toBeGreaterThan(before + 200);
  }).toPass({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'paused');
  await expectLogComplete(page);
  await expectChunksAddUp(page);
  expect(errors).toEqual([]);
});

test('Restart and settings used before start a log of their own: the log holds exactly what the stream received', async ({
  page,
}) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Stream' }).click();
  const stats = page.getByTestId('stream-stats');
  const received = async () => Number(await stats.getAttribute('data-items'));
  const runUntil = async (more: number) => {
    const from = await received();
    await expect(async () => expect(await received()).toBeGreaterThan(from + more)).toPass({
      timeout: 10_000,
    });
  };
  await runUntil(1_000);
  await page.getByRole('button', { name: 'Restart' }).click();
  await runUntil(300);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'paused');
  // Events from #0 again, each once: the first run's 1,000 are not in this run's log.
  await expectLogComplete(page);
  // Another chunk rule, then back to the first one (its earlier log is still in the QueryClient).
  const chunkBy = page.getByLabel('Chunk by');
  const first = await chunkBy.inputValue();
  await chunkBy.selectOption('count');
  await runUntil(300);
  await chunkBy.selectOption(first);
  await runUntil(300);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'paused');
  await expectLogComplete(page);
  expect(errors).toEqual([]);
});

test('the chunk panel groups the stream by the chosen rule: 500 events per chunk', async ({ page }) => {
  await page.getByRole('navigation').getByRole('link', { name: 'Stream' }).click();
  await page.getByLabel('Chunk by').selectOption('count');
  await expect(page.getByRole('heading', { name: /^Chunks by 500 events/ })).toBeVisible();
  const stats = page.getByTestId('stream-stats');
  await expect(async () => {
    expect(Number(await stats.getAttribute('data-items'))).toBeGreaterThan(1600);
  }).toPass({ timeout: 10_000 });
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(page.getByTestId('stream-status')).toHaveAttribute('data-status', 'paused');
  const chunks = await expectChunksAddUp(page);
  expect(chunks.length).toBeGreaterThanOrEqual(3);
  expect(chunks.every((c) => c.count === 500 && c.reason === 'count')).toBe(true);
});

interface ShownChunk {
  start: number;
  count: number;
  firstSeq: number;
  lastSeq: number;
  reason: string;
}

/**
 * The chunk panel accounts for every received event exactly once: the shown chunks are
 * consecutive, each holds the events its position says (seq = position in the stream), and
 * earlier chunks + shown chunks + the open chunk = the items the stream received.
 */
async function expectChunksAddUp(page: import('@playwright/test').Page): Promise<ShownChunk[]> {
  const stats = page.getByTestId('stream-stats');
  const panel = page.getByTestId('chunk-panel');
  let shown: ShownChunk[] = [];
  // Read together on each attempt: an `ms` chunk may close (or a last batch land) meanwhile.
  await expect(async () => {
    const items = Number(await stats.getAttribute('data-items'));
    const closedItems = Number(await panel.getAttribute('data-closed-items'));
    const openItems = Number(await panel.getAttribute('data-open-items'));
    const earlierItems = Number(await panel.getAttribute('data-earlier-items'));
    shown = (
      await panel.getByTestId('chunk').evaluateAll((rows) =>
        rows.map((row) => ({
          start: Number(row.getAttribute('data-start')),
          count: Number(row.getAttribute('data-count')),
          firstSeq: Number(row.getAttribute('data-first-seq')),
          lastSeq: Number(row.getAttribute('data-last-seq')),
          reason: String(row.getAttribute('data-reason')),
        })),
      )
    ).reverse(); // the panel lists the newest first
    expect(shown.length).toBeGreaterThan(0);
    expect(shown[0]?.start).toBe(earlierItems);
    for (const [i, c] of shown.entries()) {
      expect(c.count).toBeGreaterThan(0);
      expect([c.firstSeq, c.lastSeq]).toEqual([c.start, c.start + c.count - 1]);
      const next = shown[i + 1];
      if (next) expect(next.start).toBe(c.start + c.count);
    }
    const last = shown.at(-1);
    expect((last?.start ?? 0) + (last?.count ?? 0)).toBe(closedItems);
    expect(closedItems + openItems).toBe(items);
    expect(Number(await stats.getAttribute('data-items'))).toBe(items); // nothing arrived meanwhile
  }).toPass({ timeout: 5_000 });
  return shown;
}
