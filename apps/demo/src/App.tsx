import type { ComponentType } from 'react';
import { FaultPanel } from './FaultPanel.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { PlannedPage } from './pages/PlannedPage.tsx';
import { StreamPage } from './pages/StreamPage.tsx';
import { Link, usePath } from './router.tsx';

interface Route {
  path: string;
  label: string;
  page: ComponentType;
}

function planned(title: string, issue: number, what: string): ComponentType {
  return () => <PlannedPage title={title} issue={issue} what={what} />;
}

/** Every page of the demo, in menu order. */
export const ROUTES: Route[] = [
  { path: '/', label: 'Home', page: HomePage },
  {
    path: '/table',
    label: 'Table',
    page: planned('Table', 5, 'A 1,000,000-row table on useLazyList: random access, jump to row 500,000.'),
  },
  {
    path: '/feed',
    label: 'Feed',
    page: planned('Feed', 5, 'An infinite two-way feed over /api/feed with dynamic row heights.'),
  },
  {
    path: '/chat',
    label: 'Chat',
    page: planned('Chat', 5, 'A chat log that opens at the newest message and loads history above it.'),
  },
  {
    path: '/stream',
    label: 'Stream',
    page: StreamPage,
  },
  {
    path: '/timeseries',
    label: 'Time series',
    page: planned('Time series', 5, 'A time-series explorer on useWindow + rangeSource.'),
  },
  {
    path: '/vanilla',
    label: 'Vanilla',
    page: planned('Vanilla DOM', 5, 'The same list with createVirtualList and no framework.'),
  },
];

/** The demo shell: menu, the current page, and the fault panel. */
export function App() {
  const path = usePath();
  const route = ROUTES.find((r) => r.path === path);
  const Page = route?.page;
  return (
    <div className="shell">
      <header>
        <strong>lazyflow</strong> demo
        <nav>
          {ROUTES.map((r) => (
            <Link key={r.path} to={r.path}>
              {r.label}
            </Link>
          ))}
        </nav>
      </header>
      <main>
        {Page ? (
          <Page />
        ) : (
          <section>
            <h1>Not found</h1>
            <p>
              No page at <code>{path}</code>. <Link to="/">Home</Link>
            </p>
          </section>
        )}
      </main>
      <FaultPanel />
    </div>
  );
}
