import { defineConfig } from '@playwright/test';

// Run by lazyflow's scripts/consumers.mjs, which passes the Chromium to use (never downloaded)
// and the port; `vite preview` serves the build from `vite build`.
const port = Number(process.env.PORT ?? 4334);

export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  retries: 0,
  // Generous: CI machines are shared, and the spec waits on real requests and layout.
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${port}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || undefined,
      args: (process.env.CHROMIUM_FLAGS ?? '').split(' ').filter(Boolean),
    },
  },
  webServer: {
    command: `node node_modules/vite/bin/vite.js preview --port ${port} --strictPort`,
    url: `http://localhost:${port}`,
    reuseExistingServer: false,
    timeout: 30_000,
  },
});
