// The Contacts page (issue #19): 1,000,000 people in 26 letter sections, the section's header
// sticky at the top while it scrolls, including far sections never measured or loaded.
import { expect, type Page, test } from '@playwright/test';
import { userSections } from '../packages/mocks/src/datasets/users.ts';
import { open, poll } from './lists.ts';

const SCROLLER = 'contacts-scroller';
const SECTIONS = userSections().map((s, k) => ({ ...s, header: s.start + k }));
const headerOf = (letter: string) => SECTIONS.find((s) => s.letter === letter)?.header ?? -1;

/** The letter header drawn at the top of the scroller's viewport (and how far from the top), if any. */
function topHeader(page: Page) {
  return page.getByTestId(SCROLLER).evaluate((scroller) => {
    const top = scroller.getBoundingClientRect().top + scroller.clientTop;
    // What a user sees at the top edge: the element drawn there, 2 px in.
    const left = scroller.getBoundingClientRect().left + scroller.clientWidth / 2;
    const hit = document.elementFromPoint(left, top + 2)?.closest<HTMLElement>('[data-index]');
    if (!hit) return null;
    return {
      letter: hit.dataset.letter ?? null,
      index: Number(hit.dataset.index),
      offset: hit.getBoundingClientRect().top - top,
      text: hit.textContent ?? '',
    };
  });
}

/** Index of the first contact row fully below the header at the top. */
function firstContactBelow(page: Page, headerHeight: number) {
  return page.getByTestId(SCROLLER).evaluate((scroller, height) => {
    const top = scroller.getBoundingClientRect().top + scroller.clientTop + height;
    const rows = [...scroller.querySelectorAll<HTMLElement>('.contacts-row[data-index]')].filter(
      (r) => r.getBoundingClientRect().top >= top - 0.5,
    );
    return Math.min(...rows.map((r) => Number(r.dataset.index)));
  }, headerHeight);
}

test('jump to a letter: its header is on top with the right letter, and stays there through its section', async ({
  page,
}) => {
  // A cold first load, a jump and four wheel steps: 8-26 s on the shared 2-core machine, 32 s once
  // at a load average of 33.
  test.setTimeout(60_000);
  const errors = await open(page, '/contacts');
  const scroller = page.getByTestId(SCROLLER);
  await expect(scroller).toHaveAttribute('data-count', String(1_000_000 + 26));
  await poll(async () => (await topHeader(page))?.letter).toBe('A');

  await page.getByTestId('contacts-letter-M').click();
  await poll(async () => (await topHeader(page))?.letter).toBe('M');
  const m = await topHeader(page);
  expect(m?.index).toBe(headerOf('M'));
  expect(Math.abs(m?.offset ?? Number.NaN)).toBeLessThanOrEqual(1);
  // The first contact under it is the section's first person, with data.
  const first = headerOf('M') + 1;
  await expect(scroller.locator(`[data-index="${first}"]`)).toHaveAttribute('data-state', 'loaded');
  await expect(scroller.locator(`[data-index="${first}"]`)).toContainText(/^M\w+ /);

  // Scroll on through the section: M stays pinned at the top over rows far below it.
  await scroller.hover();
  for (let step = 0; step < 4; step++) await page.mouse.wheel(0, 800);
  await poll(() => scroller.evaluate((el) => el.scrollTop)).toBeGreaterThan(3_000);
  await poll(async () => (await topHeader(page))?.letter).toBe('M');
  const pinned = await topHeader(page);
  expect(Math.abs(pinned?.offset ?? Number.NaN)).toBeLessThanOrEqual(1);
  const below = await firstContactBelow(page, 32);
  expect(below).toBeGreaterThan(first + 40);
  await expect(scroller.locator(`[data-index="${below}"]`)).toContainText(/^M/);
  expect(errors).toEqual([]);
});

test('far sections: Z at the end, and scrolling up from it shows Y, never measured or loaded', async ({
  page,
}) => {
  const errors = await open(page, '/contacts');
  const scroller = page.getByTestId(SCROLLER);
  await poll(async () => (await topHeader(page))?.letter).toBe('A');

  await page.getByTestId('contacts-letter-Z').click();
  await poll(async () => (await topHeader(page))?.letter).toBe('Z');
  expect((await topHeader(page))?.index).toBe(headerOf('Z'));
  await expect(scroller.locator(`[data-index="${headerOf('Z') + 1}"]`)).toContainText(/^Z/);

  // Up by a few rows: the rows above are the end of Y's section, whose header is about 20,000
  // rows further up and was never rendered, measured or fetched before; it is the one pinned.
  await scroller.evaluate((el) => {
    el.scrollTop -= 300;
  });
  await poll(async () => (await topHeader(page))?.letter).toBe('Y');
  const y = await topHeader(page);
  expect(y?.index).toBe(headerOf('Y'));
  expect(Math.abs(y?.offset ?? Number.NaN)).toBeLessThanOrEqual(1);
  expect(headerOf('Z') - headerOf('Y')).toBeGreaterThan(10_000);
  // Z's header, below, is where its section starts: under the pinned Y, not over it.
  const z = await scroller.locator(`[data-index="${headerOf('Z')}"]`).boundingBox();
  const box = await scroller.boundingBox();
  expect((z?.y ?? 0) - (box?.y ?? 0)).toBeGreaterThan(200);

  // Then a middle letter from there: E, on top at once.
  await page.getByTestId('contacts-letter-E').click();
  await poll(async () => (await topHeader(page))?.letter).toBe('E');
  expect((await topHeader(page))?.text).toMatch(/^E[\d,]+ contacts$/);
  expect(Number(await scroller.getAttribute('data-rendered'))).toBeLessThan(40);
  expect(errors).toEqual([]);
});

test('phone: letters wrap, no sideways page scroll, the sticky header still on top', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const errors = await open(page, '/contacts');
  await poll(async () => (await topHeader(page))?.letter).toBe('A');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await page.getByTestId('contacts-letter-S').click();
  await poll(async () => (await topHeader(page))?.letter).toBe('S');
  await page.getByTestId(SCROLLER).evaluate((el) => {
    el.scrollTop += 2_000;
  });
  await poll(async () => (await topHeader(page))?.letter).toBe('S');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
});
