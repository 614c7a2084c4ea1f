import { Component, type ComponentType, type ReactNode, StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { markAppStart, startReloadWatch } from './reload/reloadScenario.ts';
import { setApiLatency } from './shared/fetchItems.ts';
import { reportPageError } from './shared/frames.ts';
import {
  GRID_LIBRARY_IDS,
  type GridLibraryId,
  LIST_LIBRARY_IDS,
  LIST_SCENARIO_IDS,
  type ListLibraryId,
  type ListPageProps,
  readParams,
  STREAM_LIBRARY_IDS,
  type StreamLibraryId,
} from './shared/params.ts';
import { runScenario, type ScenarioRequest, type ScenarioResult } from './shared/runScenario.ts';
import { stopRecording } from './shared/scenarios.ts';
import './styles.css';

/** What the runner and the e2e smoke spec call in the page. */
export interface BenchApi {
  run(request: ScenarioRequest): Promise<ScenarioResult>;
  /** Ends a `drag` recording: the runner calls it once it has released the scrollbar thumb. */
  stop(): void;
}

declare global {
  interface Window {
    __bench?: BenchApi;
  }
}

// One chunk per library, so each page loads only its own library.
const PAGES: Record<ListLibraryId, () => Promise<{ default: ComponentType<ListPageProps> }>> = {
  lazyflow: () => import('./libs/lazyflow.tsx'),
  tanstack: () => import('./libs/tanstack.tsx'),
  virtuoso: () => import('./libs/virtuoso.tsx'),
  'react-window': () => import('./libs/react-window.tsx'),
  virtua: () => import('./libs/virtua.tsx'),
};

/** The stream ingest pages: lazyflow's stream API and the hand-written baseline. */
const STREAM_PAGES: Record<StreamLibraryId, () => Promise<{ default: ComponentType }>> = {
  lazyflow: () => import('./stream/lazyflow.tsx'),
  baseline: () => import('./stream/baseline.tsx'),
  'lazyflow-log': () => import('./stream/lazyflowLog.tsx'),
  'probe-parse': () => import('./stream/probe.tsx'),
  'probe-index': () => import('./stream/probe.tsx'),
};

/** The grid scenario's pages (issue #19): lazyflow's useLazyGrid, TanStack Virtual's two virtualizers, react-window's Grid. */
const GRID_PAGES: Record<GridLibraryId, () => Promise<{ default: ComponentType<ListPageProps> }>> = {
  lazyflow: () => import('./grid/lazyflow.tsx'),
  tanstack: () => import('./grid/tanstack.tsx'),
  'react-window': () => import('./grid/react-window.tsx'),
};

/** A library that throws while rendering stops the scenario with its message instead of a blank page. */
class ErrorBoundary extends Component<{ children: ReactNode }, { message: string | null }> {
  override state = { message: null };
  static getDerivedStateFromError(error: unknown) {
    return { message: error instanceof Error ? error.message : String(error) };
  }
  override componentDidCatch(error: unknown) {
    reportPageError(`render error: ${error instanceof Error ? error.message : String(error)}`);
  }
  override render() {
    return this.state.message === null ? this.props.children : <p role="alert">{this.state.message}</p>;
  }
}

function Index() {
  return (
    <main>
      <h1>lazyflow bench</h1>
      <p>One page per library × scenario; `pnpm bench` drives them. Open one to look at it:</p>
      <ul>
        {LIST_LIBRARY_IDS.map((lib) => (
          <li key={lib}>
            {lib}:{' '}
            {LIST_SCENARIO_IDS.map((scenario) => (
              <a key={scenario} href={`?lib=${lib}&scenario=${scenario}`}>
                {scenario}{' '}
              </a>
            ))}
          </li>
        ))}
        <li>
          grid:{' '}
          {GRID_LIBRARY_IDS.map((lib) => (
            <a key={lib} href={`?lib=${lib}&scenario=grid`}>
              {lib}{' '}
            </a>
          ))}
        </li>
        <li>
          stream:{' '}
          {STREAM_LIBRARY_IDS.map((lib) => (
            <a key={lib} href={`?lib=${lib}&scenario=stream`}>
              {lib}{' '}
            </a>
          ))}
        </li>
      </ul>
    </main>
  );
}

const root = createRoot(document.getElementById('root')!);
if (new URLSearchParams(location.search).has('lib')) {
  const params = readParams(location.search);
  // A reloaded warm-reload page is timed from its first frame, before React starts.
  if (params.scenario === 'reload') startReloadWatch();
  // Same data, same latency (±25% jitter) for every library: the mock server runs in the Node
  // process that serves the page (apps/bench/mockApi.ts), and each request names its latency.
  setApiLatency(params.latency);
  let page: ReactNode;
  if (params.scenario === 'stream') {
    const { default: StreamPage } = await STREAM_PAGES[params.lib as StreamLibraryId]();
    page = <StreamPage />;
  } else if (params.scenario === 'grid') {
    const { default: GridPage } = await GRID_PAGES[params.lib as GridLibraryId]();
    page = <GridPage total={params.total} pageSize={params.pageSize} heights="fixed" persist={false} />;
  } else {
    const { default: Page } = await PAGES[params.lib as ListLibraryId]();
    page = (
      <Page
        total={params.total}
        pageSize={params.pageSize}
        heights={params.heights}
        persist={params.scenario === 'reload'}
      />
    );
  }
  window.__bench = { run: runScenario, stop: stopRecording };
  markAppStart();
  root.render(
    <StrictMode>
      <ErrorBoundary>
        <div className="frame" data-lib={params.lib}>
          {page}
        </div>
      </ErrorBoundary>
    </StrictMode>,
  );
} else {
  root.render(<Index />);
}
