import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';
import { mockApi } from './mockApi.ts';

// Same setup as the demo: workspace packages resolve to their TypeScript sources (the `source`
// export condition), so the bench measures the lazyflow code in the work tree, not a stale build.
// Unlike the demo, the data comes from the server process (`mockApi`), not from MSW in the page.
export default defineConfig({
  plugins: [react(), mockApi()],
  publicDir: false,
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { port: 5174 },
  preview: { port: 4174, strictPort: true },
});
