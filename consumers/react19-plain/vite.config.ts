import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';
import { createItemsApi } from '../shared/itemsApi.ts';
import { itemsMiddleware } from '../shared/itemsMiddleware.ts';

// The items API runs inside Vite's dev and preview servers, so the built app talks to a real
// HTTP endpoint in the Playwright spec; the jsdom test serves the same API through MSW.
const api = itemsMiddleware(createItemsApi());

export default defineConfig({
  plugins: [
    react(),
    {
      name: 'items-api',
      configureServer: (server) => {
        server.middlewares.use(api);
      },
      configurePreviewServer: (server) => {
        server.middlewares.use(api);
      },
    },
  ],
  test: { environment: 'jsdom', include: ['src/**/*.test.tsx'], testTimeout: 30_000 },
});
