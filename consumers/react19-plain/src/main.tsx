import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';

// No provider: in a browser the hooks share one QueryClient for the page (lazyflow's default).
createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
