import { expect, type Page, test } from '@playwright/test';
import { churnedId, deletedBaseIds, INSERTED_ID_BASE } from '../packages/mocks/src/churn.ts';
import { expectRow, open } from './lists.ts';

// Data that moves under the reader (issue #18 item 4, decision 0012): the 1,000,000-row table
// while the mock server inserts and deletes rows at random positions (?churn=&seed=). Every
// animation frame the loaded rows on screen are sampled: no id twice, between two adjacent rows
// no row of the dataset that was still there at the end (a skipped row), and every frame is one
// version of the server's data (inserted rows included: none missing either).

const SCROLLER = 'table-scroller';
const CHURN = 12; // mutations per second
const SEED = 3;
const TOTAL = 1_000_000;

interface Frame {
  readonly rows: readonly (readonly [index: number, id: number])[];
}

/** Starts a rAF loop in the page that records the loaded rows' [index, id] of every frame. */
function startSampling(page: Page): Promise<void> {
  return page.evaluate((testId) => {
    const frames: [number, number][][] = [];
    (window as unknown as { __frames: typeof frames }).__frames = frames;
    const sample = () => {
      const scroller = document.querySelector<HTMLElement>(`[data-testid="${testId}"]`);
      if (scroller !== null) {
        const view = scroller.getBoundingClientRect();
        const rows: [number, number][] = [];
        for (const row of scroller.querySelectorAll<HTMLElement>('[data-index]')) {
          const rect = row.getBoundingClientRect();
          if (rect.bottom <= view.top || rect.top >= view.bottom) continue; // off screen (overscan)
          const id = row.dataset.id; // the item's id (the title carries no number)
          if (id !== undefined) rows.push([Number(row.dataset.index), Number(id)]);
        }
        rows.sort((a, b) => a[0] - b[0]);
        frames.push(rows);
      }
      requestAnimationFrame(sample);
    };
    requestAnimationFrame(sample);
  }, SCROLLER);
}

const readFrames = (page: Page): Promise<Frame[]> =>
  page.evaluate(() =>
    (window as unknown as { __frames: [number, number][][] }).__frames.map((rows) => ({ rows })),
  );

/** The server's step now, read through the page's own mock server (its clock). */
const serverStep = (page: Page): Promise<number> =>
  page.evaluate(
    async ([churn, seed]) =>
      (
        (await (await fetch(`/api/items?offset=0&limit=1&churn=${churn}&seed=${seed}`)).json()) as {
          version: number;
        }
      ).version,
    [CHURN, SEED] as const,
  );

test('a live-changing 1,000,000-row table never shows a row twice or skips one, at any frame', async ({
  page,
}) => {
  test.setTimeout(90_000);
  await open(page, `/table?churn=${CHURN}&seed=${SEED}`);
  await expectRow(page, SCROLLER, 0, null);
  await startSampling(page);
  const scroller = page.getByTestId(SCROLLER);
  await scroller.hover();
  for (let step = 0; step < 40; step++) {
    await page.mouse.wheel(0, step % 10 < 7 ? 300 : -200);
    await page.waitForTimeout(120); // let changes land between steps (not an assertion)
  }
  await page.getByTestId('jump-index').fill('500001'); // row 500,001: index 500,000
  await page.getByTestId('jump-go').click();
  await expectRow(page, SCROLLER, 500_000, null);
  // Far enough that later pages are fetched seconds after the first ones (beyond the prefetch),
  // with rows inserted and deleted above them meanwhile.
  await page.waitForTimeout(1_500);
  await scroller.hover(); // the wheel goes where the mouse is: back over the table from the Jump button
  for (let step = 0; step < 50; step++) {
    await page.mouse.wheel(0, step % 10 < 8 ? 700 : -500);
    await page.waitForTimeout(150);
  }
  const frames = await readFrames(page);
  const lastStep = await serverStep(page);
  const deleted = deletedBaseIds({ seed: SEED, total: TOTAL }, lastStep);
  expect(frames.length).toBeGreaterThan(50);
  expect(deleted.size).toBeGreaterThan(0); // the dataset did move during the run
  const problems: string[] = [];
  let pairs = 0;
  frames.forEach(({ rows }, frame) => {
    const ids = rows.map(([, id]) => id);
    if (new Set(ids).size !== ids.length) problems.push(`frame ${frame}: an id twice in ${ids.join(',')}`);
    for (let k = 1; k < rows.length; k++) {
      const [indexA, a] = rows[k - 1] as readonly [number, number];
      const [indexB, b] = rows[k] as readonly [number, number];
      if (indexB !== indexA + 1 || a >= INSERTED_ID_BASE || b >= INSERTED_ID_BASE) continue;
      pairs += 1;
      if (b <= a) problems.push(`frame ${frame}: row ${indexB} shows #${b} after #${a}`);
      for (let id = a + 1; id < b && id < a + 50; id++)
        if (!deleted.has(id))
          problems.push(`frame ${frame}: #${id} skipped between rows ${indexA} and ${indexB}`);
    }
  });
  expect(pairs).toBeGreaterThan(100);
  expect(problems.slice(0, 10)).toEqual([]);
  // Inserted rows too: each frame is one version of the dataset, a step of the server's log at
  // which every row on screen is the row at its index (a row missing between two shown, inserted
  // or not, leaves no such step). Versions shown move forward: the search starts at the last one.
  const churn = { seed: SEED, total: TOTAL };
  const atStep = (rows: Frame['rows'], step: number) =>
    rows.every(([index, id]) => churnedId(churn, step, index) === id);
  let shownStep = 0;
  let seen = '';
  let versions = 0;
  frames.forEach(({ rows }, frame) => {
    const signature = rows.join(';');
    if (rows.length === 0 || signature === seen) return;
    seen = signature;
    let step = shownStep;
    while (step <= lastStep && !atStep(rows, step)) step++;
    if (step > lastStep) {
      step = 0;
      while (step < shownStep && !atStep(rows, step)) step++;
      if (step === shownStep) {
        problems.push(
          `frame ${frame}: no version of the dataset shows ${rows.map(([i, id]) => `${i}:#${id}`).join(' ')}`,
        );
        return;
      }
    }
    if (step !== shownStep) versions += 1;
    shownStep = step;
  });
  expect(versions).toBeGreaterThan(0); // the screen went through several versions
  expect(problems.slice(0, 10)).toEqual([]);
});

test("the fault panel's churn makes the table's rows move while read, says so in the banner, and turns off", async ({
  page,
}) => {
  test.setTimeout(60_000);
  const errors = await open(page, '/table');
  await expectRow(page, SCROLLER, 0, null);
  const panel = page.getByRole('complementary', { name: 'Fault panel' });
  await panel.getByLabel('Churn (rows/s)').fill('10');
  await panel.getByLabel('Churn seed').fill('5');
  await panel.getByRole('button', { name: 'Apply' }).click();
  const banner = page.getByTestId('fault-banner');
  await expect(banner).toContainText('10 table rows inserted or deleted per second (seed 5)');
  await expect(panel.getByTestId('faults-applied')).toContainText('churn 10 rows/s (seed 5)');

  // Pages fetched from now on come from the moving dataset: the list sees it and says so.
  const status = page.getByTestId('table-status');
  await page.getByTestId('jump-index').fill('300001');
  await page.getByTestId('jump-go').click();
  await page.getByTestId(SCROLLER).hover();
  for (let step = 0; step < 30 && (await status.getAttribute('data-moves')) === '0'; step++) {
    await page.mouse.wheel(0, 2_000); // new pages, seconds apart: other versions of the dataset
    await page.waitForTimeout(300);
  }
  await expect(status).not.toHaveAttribute('data-moves', '0');
  await expect(status).toContainText('rows moved on the server');

  await banner.getByRole('button', { name: 'Turn off' }).click();
  await expect(banner).toHaveCount(0);
  await expect(panel.getByLabel('Churn (rows/s)')).toHaveValue('');
  const version = await page.evaluate(
    async () => ((await (await fetch('/api/items?offset=0&limit=1')).json()) as { version?: number }).version,
  );
  expect(version).toBeUndefined(); // the server's rows stand still again
  expect(errors).toEqual([]);
  await page.evaluate(() => localStorage.clear());
});
