import { defineConfig } from '@playwright/test';
import { CHROMIUM_FLAGS, chromiumPath } from './scripts/chromium.mjs';

// E2E_PORT lets two runs share a machine (e.g. a second checkout); CI uses the defaults.
const PORT = Number(process.env.E2E_PORT ?? 4173);
/** The bench app (apps/bench) for the smoke spec; `pnpm bench` itself serves on 4174. */
const BENCH_PORT = Number(process.env.E2E_BENCH_PORT ?? 4175);

/** End-to-end specs run against the built demo (and the bench app) served by `vite preview` on fixed ports. */
export default defineConfig({
  testDir: 'e2e',
  timeout: 30_000,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_FLAGS },
    trace: 'off',
  },
  webServer: [
    {
      command: `node scripts/serve-app.mjs demo --port ${PORT}`,
      url: `http://localhost:${PORT}`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      command: `node scripts/serve-app.mjs bench --port ${BENCH_PORT}`,
      url: `http://localhost:${BENCH_PORT}`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
