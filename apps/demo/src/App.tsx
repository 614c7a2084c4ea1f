import { type ComponentType, useEffect, useState } from 'react';
import { FaultBanner } from './FaultBanner.tsx';
import { FaultPanel } from './FaultPanel.tsx';
import { prefetchLinkTarget } from './lib/routePrefetch.ts';
import { createStatsBoard } from './lib/statsBoard.ts';
import { StatsBoardContext } from './lib/useReportStats.ts';
import { AnalyticsPage } from './pages/AnalyticsPage.tsx';
import { ChatPage } from './pages/ChatPage.tsx';
import { ContactsPage } from './pages/ContactsPage.tsx';
import { FeedPage } from './pages/FeedPage.tsx';
import { GridPage } from './pages/GridPage.tsx';
import { HomePage } from './pages/HomePage.tsx';
import { LogPage } from './pages/LogPage.tsx';
import { SearchPage } from './pages/SearchPage.tsx';
import { StreamPage } from './pages/StreamPage.tsx';
import { TablePage } from './pages/TablePage.tsx';
import { TemplatesPage } from './pages/TemplatesPage.tsx';
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
    path: '/log',
    label: 'Log',
    page: LogPage,
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
    path: '/contacts',
    label: 'Contacts',
    page: ContactsPage,
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

/** Old paths that now show another page: Time series merged into Analytics (#20). */
const MOVED: Readonly<Record<string, string>> = { '/timeseries': '/analytics' };

/** The side panels' fragment: Home's "Memory held to a budget" tile links to it. */
const HOOD_HASH = '#under-the-hood';

/**
 * The demo shell: menu, the current page, the "Under the hood" panel and the fault panel. Under
 * 900 px the panels are a drawer (styles/shell.css) that the header's button opens, and the menu
 * a "Pages" button.
 */
export function App() {
  const path = usePath();
  // The page's lists report their stats here (useReportStats); the panel reads them.
  const [board] = useState(createStatsBoard);
  const [drawer, setDrawer] = useState(false);
  // Under 900 px the menu is a "Pages" button that opens the links as a wrapped panel.
  const [menu, setMenu] = useState(false);
  useEffect(() => {
    // A new page closes the drawer (unless the link asked for the panel itself) and the menu.
    setDrawer(path !== '' && window.location.hash === HOOD_HASH);
    setMenu(false);
  }, [path]);
  useEffect(() => {
    // A link to the panel on the same page changes only the fragment.
    const onHash = () => {
      if (window.location.hash === HOOD_HASH) setDrawer(true);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (!drawer && !menu) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      setDrawer(false);
      setMenu(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [drawer, menu]);
  const route = ROUTES.find((r) => r.path === (MOVED[path] ?? path));
  const Page = route?.page;
  return (
    <StatsBoardContext value={board}>
      <div className="shell" data-drawer={drawer ? 'open' : 'closed'} data-menu={menu ? 'open' : 'closed'}>
        <header>
          <span className="brand">
            <strong>lazyflow</strong> demo
          </span>
          <button
            type="button"
            className="menu-toggle"
            aria-expanded={menu}
            aria-controls="site-nav"
            data-testid="menu-toggle"
            onClick={() => setMenu(!menu)}
          >
            Pages
          </button>
          <button
            type="button"
            className="drawer-toggle"
            aria-expanded={drawer}
            aria-controls="side-panels"
            data-testid="drawer-toggle"
            onClick={() => setDrawer(!drawer)}
          >
            Under the hood
          </button>
          {/* Hovering or focusing a link prefetches its route's first page (lib/routePrefetch.ts). */}
          {/* A click on a link (the current page's too) closes the phone's menu. */}
          {/* biome-ignore lint/a11y/useKeyWithClickEvents: the clicks come from its links (Enter on a link is a click too) */}
          <nav
            id="site-nav"
            onPointerOver={prefetchLinkTarget}
            onFocus={prefetchLinkTarget}
            onClick={() => setMenu(false)}
          >
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
        {drawer && (
          <button
            type="button"
            className="drawer-backdrop"
            aria-label="Close the side panels"
            tabIndex={-1}
            onClick={() => setDrawer(false)}
          />
        )}
        <div className="sidebar" id="side-panels" data-testid="side-panels">
          <button type="button" className="drawer-close" onClick={() => setDrawer(false)}>
            Close
          </button>
          <UnderTheHood />
          <FaultPanel />
        </div>
      </div>
    </StatsBoardContext>
  );
}
