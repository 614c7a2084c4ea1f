// Smoke test of the side-by-side bench (apps/bench, `pnpm bench`): every library's page loads
// real rows, and the in-page harness measures a short scroll, so the harness cannot rot
// between benchmark runs. The benchmark itself is not part of `pnpm test`.
import { expect, test } from '@playwright/test';
import type { ScenarioResult } from '../apps/bench/src/shared/scenarios.ts';

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
      () => window.__bench!.run({ kind: 'scroll', speed: 5_000, durationMs: 500 }) as Promise<ScenarioResult>,
    );
    expect(result.kind).toBe('scroll');
    if (result.kind !== 'scroll') return;
    expect(result.frames).toBeGreaterThan(5);
    expect(result.distancePx).toBeGreaterThan(1_000);
    expect(result.blankRatio).toBeLessThan(1);
    // Rows further down rendered with data too.
    await expect(page.locator('[data-state="loaded"]').last()).toContainText('#');
  });
}
