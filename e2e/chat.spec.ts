import { expect, test } from '@playwright/test';
import { open, poll, rowBox } from './lists.ts';

const SCROLLER = 'chat-scroller';
const NEWEST = 99_999; // /api/feed?total=100000: items 0..99,999, oldest first
/** What the newest message says of itself: messages are numbered from 1 (decision 0039). */
const NEWEST_SHOWN = 'Message 100,000 ·';

/** Top and bottom of the message with item id `id`, relative to the scroller's visible area. */
function message(page: import('@playwright/test').Page, id: number) {
  return page.evaluate((wanted) => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="chat-scroller"]');
    const row = scroller?.querySelector<HTMLElement>(`[data-id="${wanted}"]`);
    if (!scroller || !row) return null;
    const origin = scroller.getBoundingClientRect().top + scroller.clientTop;
    const rect = row.getBoundingClientRect();
    return { top: rect.top - origin, bottom: rect.bottom - origin, viewport: scroller.clientHeight };
  }, id);
}

test('opens at the newest message, at the bottom of the log', async ({ page }) => {
  const errors = await open(page, '/chat');
  const scroller = page.getByTestId(SCROLLER);
  await expect(scroller.locator(`[data-id="${NEWEST}"]`)).toContainText(NEWEST_SHOWN);
  await poll(async () => {
    const box = await message(page, NEWEST);
    return box && Math.abs(box.bottom - box.viewport);
  }).toBeLessThanOrEqual(1);
  await expect(scroller).toHaveAttribute('data-at-end', 'true');
  const count = Number(await scroller.getAttribute('data-count'));
  const last = await rowBox(page, SCROLLER, count - 1);
  expect(last?.text).toContain(NEWEST_SHOWN);
  expect(errors).toEqual([]);
});

test('scrolling to the top loads older messages while the message in view stays still', async ({ page }) => {
  // Slow responses, so the older page lands after the position is read.
  await page.addInitScript(() =>
    localStorage.setItem('lazyflow-demo:faults', JSON.stringify({ latency: 400 })),
  );
  const errors = await open(page, '/chat');
  const scroller = page.getByTestId(SCROLLER);
  await expect(scroller.locator(`[data-id="${NEWEST}"]`)).toContainText(NEWEST_SHOWN);
  const before = await page.evaluate(async () => {
    const element = document.querySelector<HTMLElement>('[data-testid="chat-scroller"]')!;
    element.scrollTop = 0;
    for (let i = 0; i < 2; i++) await new Promise((resolve) => requestAnimationFrame(resolve));
    const origin = element.getBoundingClientRect().top + element.clientTop;
    const top = [...element.querySelectorAll<HTMLElement>('[data-id]')]
      .map((row) => ({ id: Number(row.dataset.id), top: row.getBoundingClientRect().top - origin }))
      .filter((row) => row.top >= 0)
      .sort((a, b) => a.top - b.top)[0];
    return { id: top?.id ?? -1, top: top?.top ?? Number.NaN, count: Number(element.dataset.count) };
  });
  expect(before.id).toBeGreaterThan(0);
  await poll(async () => Number(await scroller.getAttribute('data-count'))).toBeGreaterThan(before.count);
  // Older messages now exist above the watched one, which has not moved.
  await expect(scroller.locator(`[data-id="${before.id - 1}"]`)).toHaveCount(1);
  await poll(async () => {
    const box = await message(page, before.id);
    return box && Math.abs(box.top - before.top);
  }).toBeLessThanOrEqual(1);
  expect(await scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
  await page.waitForTimeout(100);
  expect(Math.abs(((await message(page, before.id))?.top ?? Number.NaN) - before.top)).toBeLessThanOrEqual(1);
  expect(errors).toEqual([]);
});

test('new messages follow at the bottom; scrolled up, "1 new" appears and scrolls to them', async ({
  page,
}) => {
  const errors = await open(page, '/chat');
  const scroller = page.getByTestId(SCROLLER);
  const atBottom = (id: number) =>
    poll(async () => {
      const box = await message(page, id);
      return box && Math.abs(box.bottom - box.viewport);
    }).toBeLessThanOrEqual(1);
  await expect(scroller.locator(`[data-id="${NEWEST}"]`)).toContainText(NEWEST_SHOWN);
  await expect(page.getByTestId('chat-receive')).toBeEnabled();

  // At the bottom: the view follows.
  await page.getByTestId('chat-receive').click();
  await expect(scroller.locator(`[data-id="${NEWEST + 1}"]`)).toContainText('A reply');
  await atBottom(NEWEST + 1);
  await expect(page.getByTestId('chat-new')).toBeHidden();

  // Scrolled up: the view stays, a button counts what arrived.
  await scroller.evaluate((el) => {
    el.scrollTop -= 400;
  });
  await expect(scroller).toHaveAttribute('data-at-end', 'false');
  await page.getByTestId('chat-receive').click();
  await expect(page.getByTestId('chat-new')).toHaveText(/^1 new/);
  await page.getByTestId('chat-new').click();
  await expect(page.getByTestId('chat-new')).toBeHidden();
  await atBottom(NEWEST + 2);

  // Your own message goes to the bottom, pending until the server's copy (a server id) replaces it.
  await page.getByTestId('chat-input').fill('hello from the test');
  await page.getByTestId('chat-send').click();
  const mine = scroller.locator('li', { hasText: 'hello from the test' });
  await expect(mine).toHaveCount(1);
  await expect(mine).not.toHaveAttribute('data-status', /./);
  const id = Number(await mine.getAttribute('data-id'));
  expect(id).toBeGreaterThanOrEqual(1_000_000_000);
  await atBottom(id);
  await expect(page.getByTestId('chat-input')).toHaveValue('');
  expect(errors).toEqual([]);
});

test('a send that fails stays in place as "Not sent" with a Retry, and the retry confirms it there', async ({
  page,
}) => {
  const errors = await open(page, '/chat');
  const scroller = page.getByTestId(SCROLLER);
  await expect(scroller.locator(`[data-id="${NEWEST}"]`)).toContainText(NEWEST_SHOWN);
  await expect(page.getByTestId('chat-send')).toBeEnabled();
  const faults = page.getByRole('complementary', { name: 'Fault panel' });
  const setFaults = async (rate: string, latency: string) => {
    await faults.locator('input[name="errorRate"]').fill(rate);
    await faults.getByLabel('Latency (ms)').fill(latency);
    await faults.getByRole('button', { name: 'Apply' }).click();
    await expect(page.getByTestId('faults-applied')).toContainText(`errors ${Number(rate) * 100}%`);
  };
  // Slow answers, so the pending state is on screen long enough to be seen.
  await setFaults('1', '600');
  await page.getByTestId('chat-input').fill('sent while the server fails');
  await page.getByTestId('chat-send').click();
  const mine = scroller.locator('li', { hasText: 'sent while the server fails' });
  /** Where the message read (the newest before the send) and the sent one are on screen. */
  const onScreen = () =>
    page.evaluate(
      ([newest]) => {
        const box = document.querySelector<HTMLElement>('[data-testid="chat-scroller"]');
        const origin = (box?.getBoundingClientRect().top ?? 0) + (box?.clientTop ?? 0);
        const top = (row: Element | null | undefined) =>
          row ? Math.round(row.getBoundingClientRect().top - origin) : null;
        const sent = [...(box?.querySelectorAll('li') ?? [])].find((li) =>
          li.textContent?.includes('sent while the server fails'),
        );
        return { read: top(box?.querySelector(`[data-id="${newest}"]`)), sent: top(sent) };
      },
      [NEWEST],
    );
  await expect(mine).toHaveAttribute('data-status', 'pending');
  await expect(mine).toContainText('Sending…');
  const pending = await onScreen();
  await expect(mine).toHaveAttribute('data-status', 'failed');
  await expect(mine).toContainText('Not sent');
  // Pending to failed: the message read and the sent one stay where they were on screen.
  await poll(onScreen).toEqual(pending);
  // The newest message (older history may still land above it: indexes shift, the order does not).
  const place = () =>
    mine.evaluate((row) => ({
      index: Number((row as HTMLElement).dataset.index),
      count: Number(row.closest<HTMLElement>('[data-count]')?.dataset.count),
    }));
  const failed = await place();
  expect(failed.index).toBe(failed.count - 1);
  await setFaults('0', '600');
  await mine.getByTestId('chat-retry').click();
  await expect(mine).toHaveAttribute('data-status', 'pending');
  await expect(mine).not.toHaveAttribute('data-status', /./);
  expect(Number(await mine.getAttribute('data-id'))).toBeGreaterThanOrEqual(1_000_000_000);
  await expect(mine).toHaveCount(1); // replaced in place, not added a second time
  // The server's copy is labelled as sent, not by its id (1,000,000,000 and up).
  await expect(mine.locator('small')).toHaveText(/^Sent · /);
  const confirmed = await place();
  expect(confirmed.index).toBe(confirmed.count - 1); // still the newest: confirmed where it was
  // Replaced by the server's copy: nothing the user reads moved.
  await poll(onScreen).toEqual(pending);
  await setFaults('0', '0');
  // Chromium logs the injected HTTP 500 of the failed send; nothing else.
  expect(errors.filter((line) => !line.includes('500'))).toEqual([]);
});

test('a message sent before the newest messages load is shown at once, then placed after them and confirmed', async ({
  page,
}) => {
  test.setTimeout(60_000);
  const errors = await open(page, '/');
  const faults = page.getByRole('complementary', { name: 'Fault panel' });
  // The chat's first page takes ~4 s (±25 %: at least 3 s): longer than the test's steps from the
  // navigation to the send below (a check, a fill, a click) on a busy machine, where the page
  // landing first would leave nothing to send "before" it (at 2 s, at least 1.5 s, the margin was
  // a few slow Playwright round trips).
  await faults.getByLabel('Latency (ms)').fill('4000');
  await faults.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('faults-applied')).toContainText('latency 4000 ms');
  await page.getByRole('navigation').getByRole('link', { name: 'Chat', exact: true }).click();
  const scroller = page.getByTestId(SCROLLER);
  await expect(scroller.locator(`[data-id="${NEWEST}"]`)).toHaveCount(0); // not loaded yet

  await page.getByTestId('chat-input').fill('sent while the chat opens');
  await page.getByTestId('chat-send').click();
  const queued = page.getByTestId('chat-queued');
  await expect(queued).toContainText('sent while the chat opens');
  await expect(queued).toContainText('Sending…');
  // The newest page lands: the message joins the log after the newest message, and is confirmed there.
  const mine = scroller.locator('.spacer li', { hasText: 'sent while the chat opens' });
  await expect(mine).toHaveCount(1, { timeout: 15_000 });
  await expect(queued).toHaveCount(0);
  await expect(scroller.locator(`[data-id="${NEWEST}"]`)).toHaveCount(1);
  const newest = Number(await scroller.locator(`[data-id="${NEWEST}"]`).getAttribute('data-index'));
  expect(Number(await mine.getAttribute('data-index'))).toBe(newest + 1);
  await expect(mine).not.toHaveAttribute('data-status', /./, { timeout: 15_000 });
  expect(Number(await mine.getAttribute('data-id'))).toBeGreaterThanOrEqual(1_000_000_000);
  await page.getByTestId('fault-banner').getByRole('button', { name: 'Turn off' }).click();
  expect(errors).toEqual([]);
  await page.evaluate(() => localStorage.clear());
});
