// The Users data grid (issue #19): 1,000,000 rows × 305 columns with a sticky header row inside
// the scroller, a pinned name column, server sort, jump to row, keyboard navigation in two
// dimensions and ARIA grid semantics, checked by where things are on screen.
import { expect, type Page, test } from '@playwright/test';
import { type SortOrder, type UserSort, userAt, userIdAt } from '../packages/mocks/src/datasets/users.ts';
import { expectLoaded, open, poll, rowBox } from './lists.ts';

const SCROLLER = 'users-scroller';
const COLUMNS = 305;
const ROW = 36;
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

/** Row `index` shows the user the server's order puts there. */
async function expectUser(page: Page, sort: UserSort, order: SortOrder, index: number) {
  const user = userAt(sort, order, index);
  await expectLoaded(page, SCROLLER, index, user.name);
  await expect(row(page, index)).toHaveAttribute('data-user-id', String(user.id));
  await expect(row(page, index)).toHaveAttribute('aria-rowindex', String(index + 2)); // the header is row 1
}

/** Where the header, the pinned cells and the rendered cells are, relative to the scroller's viewport. */
function layout(page: Page) {
  return page.getByTestId(SCROLLER).evaluate((scroller) => {
    const box = scroller.getBoundingClientRect();
    const left = box.left + scroller.clientLeft;
    const top = box.top + scroller.clientTop;
    const head = scroller.querySelector<HTMLElement>('[data-testid="users-head"]');
    const headBox = head?.getBoundingClientRect();
    const inView = (r: DOMRect) =>
      r.right > left + 0.5 &&
      r.left < left + scroller.clientWidth - 0.5 &&
      r.bottom > top + 0.5 &&
      r.top < top + scroller.clientHeight - 0.5;
    const rows = [...scroller.querySelectorAll<HTMLElement>('[role="row"][data-index]')];
    const visibleRows = rows.filter((r) => inView(r.getBoundingClientRect())).length;
    const headerCells = [...(head?.querySelectorAll<HTMLElement>('[role="columnheader"]') ?? [])];
    const visibleColumns = headerCells.filter((c) => inView(c.getBoundingClientRect())).length;
    const pinned = [...scroller.querySelectorAll<HTMLElement>('[data-column="0"]')].map(
      (c) => c.getBoundingClientRect().left - left,
    );
    return {
      scrollTop: scroller.scrollTop,
      scrollLeft: scroller.scrollLeft,
      headerTop: (headBox?.top ?? Number.NaN) - top,
      headerHeight: headBox?.height ?? 0,
      pinned,
      gridCells: scroller.querySelectorAll('[role="gridcell"]').length,
      rows: rows.length,
      visibleRows,
      visibleColumns,
      columnsRendered: headerCells.length,
      colIndexes: headerCells.map((c) => Number(c.getAttribute('aria-colindex'))),
      dataColumns: headerCells.map((c) => Number(c.dataset.column)),
    };
  });
}

test('header on top and the name column at the left edge after scrolling both ways; cells bounded; ARIA indexes', async ({
  page,
}) => {
  const errors = await open(page, '/users');
  const grid = page.getByRole('grid', { name: 'Users' });
  await expect(grid).toHaveAttribute('aria-rowcount', '1000001');
  await expect(grid).toHaveAttribute('aria-colcount', String(COLUMNS));
  await expectUser(page, 'name', 'asc', 0);
  await expect(page.getByRole('columnheader', { name: /Name/ })).toHaveAttribute('aria-sort', 'ascending');

  // Down with the wheel, then a long way down and sideways to column ~150.
  const body = page.getByTestId(SCROLLER);
  const box = await body.boundingBox();
  await page.mouse.move((box?.x ?? 0) + 300, (box?.y ?? 0) + 200);
  for (let step = 0; step < 4; step++) await page.mouse.wheel(0, 900);
  await poll(() => body.evaluate((el) => el.scrollTop)).toBeGreaterThan(3_000);
  await page.mouse.wheel(600, 0);
  await poll(() => body.evaluate((el) => el.scrollLeft)).toBeGreaterThan(300);
  await body.evaluate((el) => {
    el.scrollTop = Math.round((el.scrollHeight * 0.4) / 36) * 36;
    el.scrollLeft = el.scrollWidth / 2;
  });
  // The first row in view below the header is a far row (once the list has rendered there)…
  const firstBelowHeader = () =>
    body.evaluate((el) => {
      const head = el.querySelector('[data-testid="users-head"]')?.getBoundingClientRect();
      const rows = [...el.querySelectorAll<HTMLElement>('[role="row"][data-index]')].filter(
        (r) => r.getBoundingClientRect().bottom > (head?.bottom ?? 0) + 0.5,
      );
      return rows.length === 0 ? -1 : Math.min(...rows.map((r) => Number(r.dataset.index)));
    });
  await poll(firstBelowHeader).toBeGreaterThan(160_000);
  await expect(body).toHaveAttribute('data-placeholders', '0');
  const first = await firstBelowHeader();

  const at = await layout(page);
  expect(at.scrollLeft).toBeGreaterThan(10_000);
  // The header row sits at the scroller's top, the name column at its left edge, in every row.
  expect(Math.abs(at.headerTop)).toBeLessThanOrEqual(1);
  expect(at.pinned.length).toBe(at.rows + 1);
  for (const x of at.pinned) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  // …partly under the header at most: its bottom is below the header's.
  const firstBox = await rowBox(page, SCROLLER, first);
  expect(firstBox?.bottom ?? 0).toBeGreaterThan(at.headerHeight);
  expect(firstBox?.top ?? 0).toBeGreaterThan(at.headerHeight - ROW);
  await expectUser(page, 'name', 'asc', first + 1);

  // DOM cells ≤ (visible rows + overscan) × (visible columns + overscan + pinned): overscan is 4
  // rows and 1 column each way.
  expect(at.gridCells).toBe(at.rows * at.columnsRendered);
  expect(at.rows).toBeLessThanOrEqual(at.visibleRows + 2 * 4);
  expect(at.columnsRendered).toBeLessThanOrEqual(at.visibleColumns + 2 * 1 + 1);
  expect(at.gridCells).toBeLessThanOrEqual((at.visibleRows + 8) * (at.visibleColumns + 3));
  // ARIA: column indexes are the columns' own (1-based), the name column's first.
  expect(at.colIndexes[0]).toBe(1);
  expect(at.colIndexes.slice(1)).toEqual(at.dataColumns.slice(1).map((c) => c + 1));
  expect(at.colIndexes[1]).toBeGreaterThan(100);
  const cell = row(page, first + 1).locator(`[data-column="${at.dataColumns[1]}"]`);
  await expect(cell).toHaveAttribute('role', 'gridcell');
  await expect(cell).toHaveAttribute('aria-colindex', String(at.colIndexes[1]));
  expect(errors).toEqual([]);
});

test('keyboard: arrows move the focused cell in two dimensions, Home/End along the row', async ({ page }) => {
  const errors = await open(page, '/users');
  await expectUser(page, 'name', 'asc', 0);
  await row(page, 2).locator('[data-column="1"]').click();
  const focused = () =>
    page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      return {
        row: Number(el?.closest('[data-index]')?.getAttribute('data-index')),
        rowindex: Number(el?.closest('[role="row"]')?.getAttribute('aria-rowindex')),
        colindex: Number(el?.getAttribute('aria-colindex')),
        tabIndex: el?.tabIndex,
      };
    });
  await poll(focused).toEqual({ row: 2, rowindex: 4, colindex: 2, tabIndex: 0 });
  await page.keyboard.press('ArrowRight');
  await poll(focused).toEqual({ row: 2, rowindex: 4, colindex: 3, tabIndex: 0 });
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await poll(focused).toEqual({ row: 4, rowindex: 6, colindex: 3, tabIndex: 0 });
  await page.keyboard.press('End');
  await poll(focused).toEqual({ row: 4, rowindex: 6, colindex: COLUMNS, tabIndex: 0 });
  // The last column came into view beside the pinned name column.
  const last = await page.evaluate(() => {
    const scroller = document.querySelector<HTMLElement>('[data-testid="users-scroller"]');
    const cell = document.activeElement?.getBoundingClientRect();
    const box = scroller?.getBoundingClientRect();
    return { right: (cell?.right ?? 0) - (box?.left ?? 0), width: scroller?.clientWidth ?? 0 };
  });
  expect(last.right).toBeLessThanOrEqual(last.width + 1);
  expect(last.right).toBeGreaterThan(last.width / 2);
  await page.keyboard.press('Home');
  await poll(focused).toEqual({ row: 4, rowindex: 6, colindex: 1, tabIndex: 0 });
  await page.keyboard.press('PageDown'); // about a viewport of rows further
  await poll(async () => (await focused()).row).toBeGreaterThan(4 + 3);
  expect((await focused()).colindex).toBe(1);
  // One cell is in the tab order.
  expect(await page.getByTestId(SCROLLER).locator('[role="gridcell"][tabindex="0"]').count()).toBe(1);
  expect(errors).toEqual([]);
});

test('the server sorts by name and by signup date, both ways, across page boundaries', async ({ page }) => {
  // Three rebuilt grids of 305 columns and three jumps: more than the default 30 s on a loaded machine.
  test.setTimeout(60_000);
  const errors = await open(page, '/users');
  const requests = recordRequests(page);
  await expectUser(page, 'name', 'asc', 0);

  const cases: [UserSort, SortOrder][] = [
    ['name', 'desc'],
    ['signedUp', 'asc'],
    ['signedUp', 'desc'],
  ];
  for (const [sort, order] of cases) {
    await page.getByTestId(`users-sort-${sort}`).click();
    await expect(
      page.getByRole('columnheader', { name: sort === 'name' ? /Name/ : /Signed up/ }),
    ).toHaveAttribute('aria-sort', order === 'asc' ? 'ascending' : 'descending');
    await expect(
      page.getByRole('columnheader', { name: sort === 'name' ? /Signed up/ : /Name/ }),
    ).toHaveAttribute('aria-sort', 'none');
    await expect(page.getByTestId(`users-sort-${sort}`)).toBeFocused(); // the rebuilt grid keeps focus there
    await expectUser(page, sort, order, 0); // a new first row, at the top…
    await expect(page.getByTestId(SCROLLER)).toHaveJSProperty('scrollTop', 0);

    // …and the order holds across the boundary of pages 0 and 1 (indexes 99 and 100).
    await goToRow(page, 95);
    for (let index = 94; index <= 102; index++)
      await expect(row(page, index)).toHaveAttribute('data-user-id', String(userIdAt(sort, order, index)));
    const queries = requests.filter((q) => q.get('sort') === sort && q.get('order') === order);
    expect(queries.map((q) => Number(q.get('offset')))).toEqual(expect.arrayContaining([0, 100]));
    expect(queries.every((q) => q.get('columns') === 'metrics')).toBe(true);
  }
  expect(errors).toEqual([]);
});

test('jump to row 750,000: its data shows right under the header, and only the pages there are fetched', async ({
  page,
}) => {
  const errors = await open(page, '/users');
  await expectUser(page, 'name', 'asc', 0);
  const requests = recordRequests(page);

  await goToRow(page, 750_000);
  await expectUser(page, 'name', 'asc', 749_999);
  await expect(row(page, 749_999).locator('.users-num')).toHaveText('750,000');
  const header = await layout(page);
  await poll(async () =>
    Math.abs(((await rowBox(page, SCROLLER, 749_999))?.top ?? Number.NaN) - header.headerHeight),
  ).toBeLessThanOrEqual(1);
  expect(Math.abs(header.headerTop)).toBeLessThanOrEqual(1);
  await expect(page.getByTestId(SCROLLER)).toHaveAttribute('data-placeholders', '0');

  const offsets = requests.map((q) => Number(q.get('offset')));
  expect(offsets.length).toBeGreaterThan(0);
  expect(offsets.length).toBeLessThanOrEqual(10);
  for (const offset of offsets) expect(Math.abs(offset - 749_999)).toBeLessThan(1_000);
  expect(errors).toEqual([]);
});

test('a signup date shows whole in its cell; a text too long for its cell ends in an ellipsis', async ({
  page,
}) => {
  const errors = await open(page, '/users');
  await expectUser(page, 'name', 'asc', 0);
  const cells = await page
    .getByTestId(SCROLLER)
    .locator('.users-row[data-state="loaded"] .users-td')
    .evaluateAll((tds) =>
      tds.map((td) => {
        // The text's own extent (not clipped by its box), against the cell's.
        const range = document.createRange();
        range.selectNodeContents(td);
        const text = range.getBoundingClientRect();
        const cell = td.getBoundingClientRect();
        const box = td.querySelector('.users-text');
        return {
          column: Number(td.getAttribute('aria-colindex')),
          text: td.textContent,
          whole: text.left >= cell.left - 0.5 && text.right <= cell.right + 0.5,
          ellipsis: box !== null && getComputedStyle(box).textOverflow === 'ellipsis',
        };
      }),
    );
  // Signed up is the fifth column; its dates once spilled out on the left ('Nov 17…' as 'Vov 17…').
  const dates = cells.filter((cell) => cell.column === 5);
  expect(dates.length).toBeGreaterThan(5);
  expect(dates.filter((cell) => !cell.whole)).toEqual([]);
  expect(cells.filter((cell) => !cell.ellipsis)).toEqual([]);
  expect(errors).toEqual([]);
});

test('phone: the grid fits the screen, pinned name column and header in place after scrolling', async ({
  page,
}) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const errors = await open(page, '/users');
  await expectUser(page, 'name', 'asc', 0);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  const body = page.getByTestId(SCROLLER);
  await body.evaluate((el) => {
    el.scrollTop = 5_000 * 36;
    el.scrollLeft = 2_000;
  });
  await expect(body).toHaveAttribute('data-placeholders', '0');
  const at = await layout(page);
  expect(Math.abs(at.headerTop)).toBeLessThanOrEqual(1);
  for (const x of at.pinned) expect(Math.abs(x)).toBeLessThanOrEqual(1);
  expect(at.gridCells).toBeLessThanOrEqual((at.visibleRows + 8) * (at.visibleColumns + 3));
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  expect(errors).toEqual([]);
});
