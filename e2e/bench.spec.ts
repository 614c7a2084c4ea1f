// Smoke test of the side-by-side bench (apps/bench, `pnpm bench`): every library's page loads
// real rows and the in-page harness measures a short scroll; the two stream pages ingest a short
// stream; every list page goes through a warm reload. So the harness cannot rot between benchmark
// runs. The benchmark itself is not part of `pnpm test`.
import { expect, test } from '@playwright/test';
import type { ScenarioResult } from '../apps/bench/src/shared/runScenario.ts';

/** Where playwright.config.ts serves the bench app (`BENCH_PORT`). */
const BENCH_PORT = Number(process.env.E2E_BENCH_PORT ?? 4175);
const LIBRARIES = ['lazyflow', 'tanstack', 'virtuoso', 'react-window', 'virtua'];

for (const lib of LIBRARIES) {
  test(`bench page for ${lib} renders real rows and the harness measures a scroll`, async ({ page }) => {
    await page.goto(`http://localhost:${BENCH_PORT}/?lib=${lib}&scenario=scroll&total=10000&latency=0`);
    const first = page.locator('[data-row="0"][data-state="loaded"]');
    await expect(first).toBeVisible();
    await expect(first).toContainText('#0 ');

    const result = await page.evaluate(
      () =>
        window.__bench!.run({ kind: 'scroll', speed: 5_000, durationMs: 1_000 }) as Promise<ScenarioResult>,
    );
    expect(result.kind).toBe('scroll');
    if (result.kind !== 'scroll') return;
    // Frames were counted (a smoke test of the harness, not a frame rate: a loaded CI machine
    // painted 5 in this second).
    expect(result.frames).toBeGreaterThan(1);
    expect(result.distancePx).toBeGreaterThan(1_000);
    expect(result.blankRatio).toBeLessThan(1);
    // Rows further down rendered with data too.
    await expect(page.locator('[data-state="loaded"]').last()).toContainText('#');
  });
}

for (const lib of ['lazyflow', 'tanstack', 'react-window']) {
  test(`grid page for ${lib} renders real cells and the harness measures a diagonal scroll`, async ({
    page,
  }) => {
    await page.goto(`http://localhost:${BENCH_PORT}/?lib=${lib}&scenario=grid&total=10000&latency=0`);
    const first = page.locator('[data-row="0"][data-col="0"][data-state="loaded"]');
    await expect(first).toBeVisible();
    await expect(first).toContainText('#0 ');

    const result = await page.evaluate(
      () =>
        window.__bench!.run({
          kind: 'grid',
          speedX: 1_000,
          speedY: 2_000,
          durationMs: 1_000,
        }) as Promise<ScenarioResult>,
    );
    expect(result.kind, JSON.stringify(result)).toBe('grid');
    if (result.kind !== 'grid') return;
    expect(result.frames).toBeGreaterThan(1);
    // Diagonal: down twice as far as right, whatever the frame rate.
    expect(result.distanceX).toBeGreaterThan(0);
    expect(Math.abs(result.distanceY - 2 * result.distanceX)).toBeLessThanOrEqual(2);
    expect(result.blankRatio).toBeLessThan(1);
    // A 480 × 600 px frame holds about 17 rows × 6 columns: a window of cells, not the grid.
    expect(result.cellsMax).toBeGreaterThan(50);
    expect(result.cellsMax).toBeLessThan(2_000);
    // Cells further down and to the right rendered with data too.
    await expect(page.locator('[data-col][data-state="loaded"]').last()).not.toBeEmpty();
  });
}

test('the harness records a scrollbar drag until the runner calls stop()', async ({ page }) => {
  await page.goto(`http://localhost:${BENCH_PORT}/?lib=lazyflow&scenario=scroll&total=10000&latency=0`);
  await expect(page.locator('[data-row="0"][data-state="loaded"]')).toBeVisible();
  const result = await page.evaluate(async () => {
    const running = window.__bench!.run({ kind: 'drag', capMs: 10_000 }) as Promise<ScenarioResult>;
    // What the runner's mouse would do meanwhile (apps/bench/run/drag.mjs), then the release.
    await new Promise((resolve) => setTimeout(resolve, 300));
    document.querySelector('.scroller')!.scrollTop = 5_000;
    await new Promise((resolve) => setTimeout(resolve, 300));
    window.__bench!.stop();
    return await running;
  });
  expect(result.kind, JSON.stringify(result)).toBe('scroll');
  if (result.kind !== 'scroll') return;
  expect(result.frames).toBeGreaterThan(5);
  expect(result.distancePx).toBe(5_000);
  expect(result.slowFrames).toBeLessThanOrEqual(result.frames);
});

for (const lib of ['lazyflow', 'baseline']) {
  test(`stream page for ${lib} renders every event of a short stream in order`, async ({ page }) => {
    await page.goto(`http://localhost:${BENCH_PORT}/?lib=${lib}&scenario=stream&latency=0`);
    await expect(page.locator('[data-stream="idle"]')).toBeAttached();
    const result = await page.evaluate(
      () =>
        window.__bench!.run({
          kind: 'stream',
          count: 2_000,
          rate: 0,
          capMs: 20_000,
        }) as Promise<ScenarioResult>,
    );
    expect(result.kind, JSON.stringify(result)).toBe('stream');
    if (result.kind !== 'stream') return;
    expect(result.renderedMs).toBeGreaterThan(0);
    expect(result.receivedMs).toBeGreaterThan(0);
    expect(result.lost).toBe(0);
    expect(result.outOfOrder + result.wrongRows).toBe(0);
    // The list follows the newest event: the last one is on screen with its data.
    await expect(page.locator('[data-row="1999"][data-state="loaded"]')).toContainText('#1999 ');
  });
}

for (const lib of LIBRARIES) {
  test(`warm reload page for ${lib} reports where the list is after a reload`, async ({ page }) => {
    const url = `http://localhost:${BENCH_PORT}/?lib=${lib}&scenario=reload&total=10000&latency=200`;
    await page.goto(url);
    await expect(page.locator('[data-row="0"][data-state="loaded"]')).toBeVisible();
    const setup = await page.evaluate(
      () =>
        window.__bench!.run({ kind: 'reload-setup', index: 1_000, capMs: 15_000 }) as Promise<ScenarioResult>,
    );
    expect(setup.kind, JSON.stringify(setup)).toBe('reload-setup');
    await page.reload({ waitUntil: 'commit' });
    await page.waitForFunction(() => window.__bench !== undefined);
    const result = await page.evaluate(
      () => window.__bench!.run({ kind: 'reload', index: 1_000, capMs: 5_000 }) as Promise<ScenarioResult>,
    );
    expect(result.kind, JSON.stringify(result)).toBe('reload');
    if (result.kind !== 'reload') return;
    // lazyflow and react-window come back to the row; the append-only lists may not (the table
    // says what happened). The reload answers after 150–250 ms: lazyflow's rows come from IndexedDB first.
    if (lib === 'lazyflow' || lib === 'react-window') {
      expect(result.ms).toBeGreaterThan(0);
      expect(result.driftPx).toBeLessThan(2);
    }
    if (lib === 'lazyflow') expect(result.responsesBefore).toBe(0);
  });
}
