import { playwright } from '@vitest/browser-playwright';
import { defaultClientConditions, defaultServerConditions } from 'vite';
import { defineConfig } from 'vitest/config';
import { CHROMIUM_FLAGS, chromiumPath } from './scripts/chromium.mjs';

// Workspace packages resolve to their TypeScript sources through the `source` export
// condition, so no test needs a build step first.
const resolve = { conditions: ['source', ...defaultClientConditions] };

/**
 * Vitest browser mode in Debian's Chromium, headless (the same for both React versions). A new
 * object per project: Vitest names each instance in place, and a shared one clashes.
 */
const chromium = () => ({
  enabled: true,
  headless: true,
  screenshotFailures: false,
  provider: playwright({ launchOptions: { executablePath: chromiumPath(), args: CHROMIUM_FLAGS } }),
  instances: [{ browser: 'chromium' as const }],
});

export default defineConfig({
  resolve,
  ssr: { resolve: { conditions: ['source', ...defaultServerConditions], externalConditions: ['source'] } },
  test: {
    // vi.waitFor's default bound (scripts/vitest-waits.ts), and the same for expect.poll.
    setupFiles: ['./scripts/vitest-waits.ts'],
    expect: { poll: { timeout: 4_000 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          sequence: { groupOrder: 0 },
          environment: 'node',
          include: ['packages/*/src/**/*.test.{ts,tsx}', 'apps/*/src/**/*.test.{ts,tsx}'],
          exclude: ['**/*.browser.test.{ts,tsx}', '**/node_modules/**'],
        },
      },
      {
        extends: true,
        // MSW's worker script is served from the demo's public folder, as in the demo.
        publicDir: 'apps/demo/public',
        // Pre-bundled up front: discovering them mid-run makes Vite reload a running test file.
        optimizeDeps: {
          include: ['idb-keyval', 'react', 'react-dom/client', 'react-dom/server', '@tanstack/query-core'],
        },
        test: {
          name: 'browser',
          sequence: { groupOrder: 0 },
          include: ['packages/*/src/**/*.browser.test.{ts,tsx}', 'apps/*/src/**/*.browser.test.{ts,tsx}'],
          testTimeout: 20_000,
          setupFiles: ['./scripts/vitest-dom-waits.ts'],
          browser: chromium(),
        },
      },
      {
        // The React hooks again under React 18.3 (the peer range is ^18.3 || ^19): every import of
        // react/react-dom, the hooks' and their libraries' (React Query, Testing Library), resolves
        // to the react-18/react-dom-18 aliases installed beside React 19.
        extends: true,
        publicDir: 'apps/demo/public',
        resolve: {
          conditions: ['source', ...defaultClientConditions],
          alias: [
            { find: /^react$/, replacement: 'react-18' },
            { find: /^react\/(.*)$/, replacement: 'react-18/$1' },
            { find: /^react-dom$/, replacement: 'react-dom-18' },
            { find: /^react-dom\/(.*)$/, replacement: 'react-dom-18/$1' },
          ],
        },
        optimizeDeps: {
          include: [
            'idb-keyval',
            'react-18',
            'react-dom-18/client',
            'react-dom-18/server',
            '@tanstack/query-core',
            '@tanstack/react-query',
          ],
        },
        test: {
          name: 'browser-react18',
          // After the other two (decision 0083): one Chromium running tests at a time on 2 cores.
          sequence: { groupOrder: 1 },
          include: ['packages/react/src/**/*.browser.test.{ts,tsx}'],
          testTimeout: 20_000,
          setupFiles: ['./scripts/vitest-dom-waits.ts'],
          browser: chromium(),
        },
      },
    ],
  },
});
