import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Same setup as the demo: workspace packages resolve to their TypeScript sources (the `source`
// export condition), so the bench measures the lazyflow code in the work tree, not a stale build.
export default defineConfig({
  plugins: [react()],
  // MSW's worker script: one committed copy, the demo's (it must match the msw version).
  publicDir: fileURLToPath(new URL('../demo/public', import.meta.url)),
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { port: 5174 },
  preview: { port: 4174, strictPort: true },
});
