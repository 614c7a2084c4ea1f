import react from '@vitejs/plugin-react';
import { defaultClientConditions, defineConfig } from 'vite';

// Workspace packages resolve to their TypeScript sources (the `source` export condition),
// so the demo runs without building @lazyflow/core or @lazyflow/react first.
export default defineConfig({
  plugins: [react()],
  resolve: { conditions: ['source', ...defaultClientConditions] },
  server: { port: 5173 },
  preview: { port: 4173, strictPort: true },
});
