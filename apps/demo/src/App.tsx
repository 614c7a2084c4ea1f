import { type ComponentType, useEffect, useRef, useState } from 'react';
import { FaultBanner } from './FaultBanner.tsx';
import { FaultPanel } from './FaultPanel.tsx';
import { prefetchLinkTarget } from './lib/routePrefetch.ts';
import { createStatsBoard } from './lib/statsBoard.ts';
import { StatsBoardContext } from './lib/useReportStats.ts';
import { AnalyticsPage } from './pages/AnalyticsPage.tsx';
import { ChatPage } from './pages/ChatPage.tsx';
import { FeedPage } from './pages/FeedPage.tsx';
import { GridPage } from './pages/GridPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { StreamPage } from './pages/StreamPage.tsx';
import { TablePage } from './pages/TablePage.tsx';
import { TemplatesPage } from './pages/TemplatesPage.tsx';
import { TimeSeriesPage } from './pages/TimeSeriesPage.tsx';
import { UsersPage } from './pages/UsersPage.tsx';
import { VanillaPage } from './pages/VanillaPage.tsx';
import { VideosPage } from './pages/VideosPage.tsx';
import { VirtualizerPage } from './pages/VirtualizerPage.tsx';
import { Link, usePath } from './router.tsx';
import { UnderTheHood } from './UnderTheHood.tsx';

interface Route {
  path: string;
  label: string;
  page: ComponentType;
}

/** Every page of the demo, in menu order. */
export const ROUTES: Route[] = [
  { path: '/', label: 'Home', page: HomePage },
  {
    path: '/table',
    label: 'Table',
    page: TablePage,
  },
  {
    path: '/feed',
    label: 'Feed',
    page: FeedPage,
  },
  {
    path: '/chat',
    label: 'Chat',
    page: ChatPage,
  },
  {
    path: '/grid',
    label: 'Grid',
    page: GridPage,
  },
  {
    path: '/stream',
    label: 'Stream',
    page: StreamPage,
  },
  {
    path: '/timeseries',
    label: 'Time series',
    page: TimeSeriesPage,
  },
  {
    path: '/templates',
    label: 'Templates',
    page: TemplatesPage,
  },
  {
    path: '/videos',
    label: 'Videos',
    page: VideosPage,
  },
  {
    path: '/users',
    label: 'Users',
    page: UsersPage,
  },
  {
    path: '/search',
    label: 'Search',
    page: SearchPage,
  },
  {
    path: '/analytics',
    label: 'Analytics',
    page: AnalyticsPage,
  },
  {
    path: '/tanstack-virtual',
    label: 'TanStack Virtual',
    page: VirtualizerPage,
  },
  {
    path: '/vanilla',
    label: 'Vanilla',
    page: VanillaPage,
  },
];

/** The demo shell: menu, the current page, the "Under the hood" panel and the fault panel. */
export function App() {
  const path = usePath();
  // The page's lists report their stats here (useReportStats); the panel reads them.
  const [board] = useState(createStatsBoard);
  const nav = useRef<HTMLElement>(null);
  useEffect(() => {
    // On a phone the nav scrolls sideways (styles.css): bring the current page's link into view.
    const scroller = nav.current;
    const current = scroller?.querySelector<HTMLElement>(`a[href="${path}"]`);
    if (!scroller || !current || scroller.scrollWidth <= scroller.clientWidth) return;
    const left = current.getBoundingClientRect().left - scroller.getBoundingClientRect().left;
    if (left < 0 || left + current.offsetWidth > scroller.clientWidth) {
      scroller.scrollLeft += left - (scroller.clientWidth - current.offsetWidth) / 2;
    }
  }, [path]);
  const route = ROUTES.find((r) => r.path === path);
  const Page = route?.page;
  return (
    <StatsBoardContext value={board}>
      <div className="shell">
        <header>
          <strong>lazyflow</strong> demo
          {/* Hovering or focusing a link prefetches its route's first page (lib/routePrefetch.ts). */}
          <nav ref={nav} onPointerOver={prefetchLinkTarget} onFocus={prefetchLinkTarget}>
            {ROUTES.map((r) => (
              <Link key={r.path} to={r.path}>
                {r.label}
              </Link>
            ))}
          </nav>
        </header>
        <main>
          <FaultBanner />
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
        <div className="sidebar">
          <UnderTheHood />
          <FaultPanel />
        </div>
      </div>
    </StatsBoardContext>
  );
}
