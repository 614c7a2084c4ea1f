import { startMockWorker } from '@lazyflow/mocks/browser';
import { QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { applyFaults, loadFaults } from './faultSettings.ts';
import { demoMonitor } from './lib/demoMonitor.ts';
import { queryClient } from './lib/queryClient.ts';
import './styles/index.css';

// MSW must control the page before the first render asks for data.
applyFaults(loadFaults());
demoMonitor(); // the default memory monitor: every lazy list subscribes to it on its own
// Quiet: no console group per request (the request log and the panels show them instead).
// Requests MSW has no handler for (Vite's modules, images) go to the network: startMockWorker
// sets onUnhandledRequest to 'bypass' on purpose.
await startMockWorker({ quiet: true });
document.documentElement.dataset.msw = 'ready';

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
