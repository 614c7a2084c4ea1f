import { expect, type Page, test } from '@playwright/test';
import { type SortOrder, type UserSort, userAt, userIdAt } from '../packages/mocks/src/datasets/users.ts';
import { expectLoaded, open, poll, rowBox } from './lists.ts';

const SCROLLER = 'users-scroller';
const row = (page: Page, index: number) => page.getByTestId(SCROLLER).locator(`[data-index="${index}"]`);

/** The query of every `/api/users` request from now on. */
function recordRequests(page: Page): URLSearchParams[] {
  const seen: URLSearchParams[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname === '/api/users') seen.push(url.searchParams);
  });
  return seen;
}

async function goToRow(page: Page, rowNumber: number) {
  await page.getByTestId('users-jump').fill(String(rowNumber));
  await page.getByTestId('users-jump').press('Enter');
}

/** Row `index` shows the user the server's order puts there (name and email, as rendered). */
async function expectUser(page: Page, sort: UserSort, order: SortOrder, index: number) {
  const user = userAt(sort, order, index);
  await expectLoaded(page, SCROLLER, index, user.name);
  await expect(row(page, index)).toContainText(user.email);
  await expect(row(page, index)).toHaveAttribute('data-user-id', String(user.id));
  await expect(row(page, index)).toHaveAttribute('aria-rowindex', String(index + 2)); // the header is row 1
}

/** `[user id, name, signup time]` of rows `from..to`, read from the DOM once they are all loaded. */
async function readRows(page: Page, from: number, to: number) {
  for (let index = from; index <= to; index++)
    await expect(row(page, index)).toHaveAttribute('data-state', 'loaded');
  return page.getByTestId(SCROLLER).evaluate(
    (body, [a, b]) => {
      const out: { id: number; name: string; signedUp: string }[] = [];
      for (let i = a; i <= b; i++) {
        const tr = body.querySelector<HTMLElement>(`[data-index="${i}"]`);
        out.push({
          id: Number(tr?.dataset.userId),
          name: tr?.querySelector('.users-name')?.textContent ?? '',
          signedUp: tr?.dataset.signedUp ?? '',
        });
      }
      return out;
    },
    [from, to] as const,
  );
}

test('a million rows under a header that stays in view, with few DOM rows', async ({ page }) => {
  const errors = await open(page, '/users');
  const table = page.getByTestId('users-table');
  await expect(table).toHaveAttribute('aria-rowcount', '1000001');
  await expectUser(page, 'name', 'asc', 0);
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');
  const header = page.getByTestId('users-head');
  const before = await header.boundingBox();

  const body = page.getByTestId(SCROLLER);
  const box = await body.boundingBox();
  await page.mouse.move((box?.x ?? 0) + 200, (box?.y ?? 0) + 200);
  for (let step = 0; step < 5; step++) await page.mouse.wheel(0, 900);
  await poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(4_000);
  await body.evaluate((el) => {
    // And a long way further: a programmatic move is 1:1 in the mapped list (issue 16), here by a
    // whole number of rows, so the first row in view starts at the body's top edge.
    el.scrollTop = Math.round((el.scrollHeight * 0.4) / 36) * 36;
  });
  await expect(body).toHaveAttribute('data-placeholders', '0');

  // Still at the top of the table, in view.
  await expect(header).toBeInViewport();
  const [headerBox, tableBox] = [await header.boundingBox(), await table.boundingBox()];
  expect(Math.abs((headerBox?.y ?? Number.NaN) - (tableBox?.y ?? 0))).toBeLessThanOrEqual(1.5);
  expect(headerBox?.height).toBe(before?.height);
  await expect(header.getByRole('columnheader')).toHaveText([
    '#',
    /Name/,
    'Email',
    'Country',
    'Plan',
    /Signed up/,
  ]);
  // The header covers no row: the first row in view starts below it, and it is a real, far row.
  const first = await body.evaluate((el) => {
    const top = el.getBoundingClientRect().top;
    const rows = [...el.querySelectorAll<HTMLElement>('[data-index]')].filter(
      (r) => r.getBoundingClientRect().bottom > top + 0.5,
    );
    return Math.min(...rows.map((r) => Number(r.dataset.index)));
  });
  expect(first).toBeGreaterThan(160_000);
  const firstBox = await row(page, first).boundingBox();
  expect(firstBox?.y ?? 0).toBeGreaterThanOrEqual((headerBox?.y ?? 0) + (headerBox?.height ?? 0) - 0.5);
  await expectUser(page, 'name', 'asc', first + 1);

  expect(await body.locator('tr').count()).toBeLessThan(40);
  expect(Number(await body.getAttribute('data-rendered'))).toBeLessThan(40);
  expect(errors).toEqual([]);
});

test('the server sorts by name and by signup date, both ways, across page boundaries', async ({ page }) => {
  const errors = await open(page, '/users');
  const requests = recordRequests(page);
  await expectUser(page, 'name', 'asc', 0);

  const cases: [UserSort, SortOrder][] = [
    ['name', 'desc'],
    ['signedUp', 'asc'],
    ['signedUp', 'desc'],
  ];
  for (const [sort, order] of cases) {
    const button = page.getByTestId(`users-sort-${sort}`);
    await button.click();
    await expect(
      page.getByRole('columnheader', { name: sort === 'name' ? /Name/ : /Signed up/ }),
    ).toHaveAttribute('aria-sort', order === 'asc' ? 'ascending' : 'descending');
    await expect(
      page.getByRole('columnheader', { name: sort === 'name' ? /Signed up/ : /Name/ }),
    ).toHaveAttribute('aria-sort', 'none');
    await expect(page.getByTestId(`users-sort-${sort}`)).toBeFocused(); // the rebuilt table keeps focus there
    await expectUser(page, sort, order, 0); // a new first row…

    // …and the order holds across the boundary of pages 0 and 1 (rows 100 and 101).
    await goToRow(page, 95);
    const rows = await readRows(page, 94, 106);
    expect(rows.map((r) => r.id)).toEqual(rows.map((_, k) => userIdAt(sort, order, 94 + k)));
    for (let k = 1; k < rows.length; k++) {
      const [a, b] = [rows[k - 1], rows[k]];
      const key = (r: typeof a) => (sort === 'name' ? `${r?.name}` : `${r?.signedUp}`);
      const ascending = key(a) < key(b) || (key(a) === key(b) && (a?.id ?? 0) < (b?.id ?? 0));
      expect(ascending).toBe(order === 'asc');
    }
    const offsets = requests
      .filter((q) => q.get('sort') === sort && q.get('order') === order)
      .map((q) => Number(q.get('offset')));
    expect(offsets).toEqual(expect.arrayContaining([0, 100]));
  }
  expect(errors).toEqual([]);
});

test('jump to row 750,000: its data shows, and only the pages there are fetched', async ({ page }) => {
  const errors = await open(page, '/users');
  await expectUser(page, 'name', 'asc', 0);
  const requests = recordRequests(page);

  await goToRow(page, 750_000);
  await expectUser(page, 'name', 'asc', 749_999);
  await expect(row(page, 749_999).locator('.users-num')).toHaveText('750,000');
  // At the top of the body, right under the header.
  await poll(async () =>
    Math.abs((await rowBox(page, SCROLLER, 749_999))?.top ?? Number.NaN),
  ).toBeLessThanOrEqual(1);
  await expect(page.getByTestId('users-head')).toBeInViewport();
  await expect(page.getByTestId(SCROLLER)).toHaveAttribute('data-placeholders', '0');

  // Nothing between row 1 and row 750,000 was loaded: every request is near the target.
  const offsets = requests.map((q) => Number(q.get('offset')));
  expect(offsets.length).toBeGreaterThan(0);
  expect(offsets.length).toBeLessThanOrEqual(10);
  for (const offset of offsets) expect(Math.abs(offset - 749_999)).toBeLessThan(1_000);
  expect(requests.every((q) => q.get('sort') === 'name' && q.get('order') === 'asc')).toBe(true);
  expect(await page.getByTestId(SCROLLER).locator('tr').count()).toBeLessThan(40);
  expect(errors).toEqual([]);
});
