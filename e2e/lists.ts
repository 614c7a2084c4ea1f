// Helpers shared by the virtual-list specs: open a page once MSW serves data, and read where
// rows are relative to the visible area of their scroller.
import { expect, type Page } from '@playwright/test';
import { realisticItem } from '../apps/demo/src/lib/realisticItems.ts';
import { item } from '../packages/mocks/src/dataset.ts';

/**
 * Opens `path` and waits until the mock server controls the page (main.tsx marks it before
 * rendering). Returns the page's uncaught errors and console errors from then on (a 404 of any
 * resource included), for a spec to assert there were none.
 */
export async function open(page: Page, path: string): Promise<string[]> {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${message.text()} (${message.location().url})`);
  });
  await page.goto(path);
  await expect(page.locator('html')).toHaveAttribute('data-msw', 'ready');
  return errors;
}

/** A rendered row relative to its scroller's visible area (px; 0 = the viewport's top edge). */
export interface RowBox {
  readonly top: number;
  readonly bottom: number;
  /** The scroller's visible height. */
  readonly viewport: number;
  readonly state: string | null;
  readonly text: string;
}

/** Where row `index` of the scroller `testId` is, or null when it is not rendered. */
export function rowBox(page: Page, testId: string, index: number): Promise<RowBox | null> {
  return page.evaluate(
    ([id, i]) => {
      const scroller = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      const row = scroller?.querySelector<HTMLElement>(`[data-index="${i}"]`);
      if (!scroller || !row) return null;
      const origin = scroller.getBoundingClientRect().top + scroller.clientTop;
      const rect = row.getBoundingClientRect();
      return {
        top: rect.top - origin,
        bottom: rect.bottom - origin,
        viewport: scroller.clientHeight,
        state: row.getAttribute('data-state'),
        text: row.textContent ?? '',
      };
    },
    [testId, index] as const,
  );
}

/** Indexes of the rows that intersect the scroller's visible area, ascending. */
export function visibleRows(page: Page, testId: string): Promise<number[]> {
  return page.evaluate((id) => {
    const scroller = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
    if (!scroller) return [];
    const box = scroller.getBoundingClientRect();
    const top = box.top + scroller.clientTop;
    const bottom = top + scroller.clientHeight;
    return [...scroller.querySelectorAll<HTMLElement>('[data-index]')]
      .filter((row) => {
        const rect = row.getBoundingClientRect();
        return rect.bottom > top + 0.5 && rect.top < bottom - 0.5;
      })
      .map((row) => Number(row.dataset.index))
      .sort((a, b) => a - b);
  }, testId);
}

/** Waits until row `index` shows loaded data whose text contains `text`. */
export async function expectLoaded(page: Page, testId: string, index: number, text: string): Promise<void> {
  const row = page.getByTestId(testId).locator(`[data-index="${index}"]`);
  await expect(row).toHaveAttribute('data-state', 'loaded');
  await expect(row).toContainText(text);
}

/**
 * `expect.poll` that checks often: layout settles within a frame or a smooth-scroll animation,
 * and the default back-off (100, 250, 500, 1000 ms) would make every check cost up to a second.
 */
export function poll<T>(read: () => Promise<T>) {
  return expect.poll(read, { intervals: [20, 50, 100, 250] });
}

/**
 * The title the demo shows for item `id` of its items dataset: the mock item dressed by the
 * demo (realistic words, no number).
 */
export function itemTitle(id: number): string {
  return realisticItem(item(id)).title;
}

/**
 * Waits until row `index` of the scroller `testId` shows, loaded, what a person reads there: its
 * row number from 1 (`index + 1`, written as the page writes it, '500,001') and `title` (by
 * default the title of item `index` of the items dataset; null to check the number only).
 */
export async function expectRow(
  page: Page,
  testId: string,
  index: number,
  title: string | null = itemTitle(index),
): Promise<void> {
  const row = page.getByTestId(testId).locator(`[data-index="${index}"]`);
  await expect(row).toHaveAttribute('data-state', 'loaded');
  await expect(row.locator('.row-number')).toHaveText((index + 1).toLocaleString('en'));
  if (title !== null) await expect(row).toContainText(title);
}
