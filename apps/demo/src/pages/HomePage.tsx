// The bench chart lives in docs/ (the README shows it); the build copies it into the demo's assets.
import benchChart from '../../../../docs/bench-chart.svg';
import { Link } from '../router.tsx';

interface Feat {
  /** Where the tile leads; a query string sets the page up (lib/tableUrl.ts, StreamPage's `drop`). */
  readonly to: string;
  readonly title: string;
  /** What to look at once there. */
  readonly look: string;
  /** What the libraries people use today do instead (their issue trackers, docs/benchmarks.md). */
  readonly peers?: string;
}

/** The headline feats, each one click from Home. */
export const FEATS: readonly Feat[] = [
  {
    to: '/table?jump=500000',
    title: 'Jump to row 500,000 of 1,000,000',
    look: 'Row #500000 shows its data in a fraction of a second; the status line counts the requests: only the pages at the target.',
    peers: 'Infinite-query loaders walk every page from 0 to get there.',
  },
  {
    to: '/table?rows=100000000&jump=99999999&align=end',
    title: '100,000,000 rows',
    look: 'The last row, #99999999, at the bottom. Scroll with the wheel or drag the scrollbar: rows move 1:1 across 3.6 billion px.',
    peers: 'Browsers cap an element at ~33.5M px; other virtualizers stop near row 930,000.',
  },
  {
    to: '/table?dynamic=1&jump=500000',
    title: 'Zero-jitter dynamic heights',
    look: 'Each row is as tall as its text (one to eight sentences), measured as it appears. Scroll up from row #500000: the row under your pointer never jumps.',
    peers: 'Scrolling up through unmeasured rows jitters in most virtualizers.',
  },
  {
    to: '/table?jump=123456',
    title: 'Reload on the same row, 0 requests',
    look: 'Reload the page: the Table comes back on row #123456 from IndexedDB, and a note says how many requests that took: none.',
    peers: 'Query persisters write the whole cache as one blob on every change.',
  },
  {
    to: '/table#under-the-hood',
    title: 'Memory held to a budget',
    look: "The Table keeps at most 2 MB of rows (memory.maxBytes). Drag its scrollbar through the million rows: the chart under the hood climbs to the budget line and stays there, the farthest pages going first. Simulate 'critical' pressure: memory drops, the rows on screen keep their data.",
    peers: 'Infinite-query loaders bound pages by count at best (maxPages), never by bytes.',
  },
  {
    to: '/stream?drop=300',
    title: 'Streams that resume without loss',
    look: "The connection is cut every 300 events. 'Reconnects' climbs; 'lost' stays 0: each reconnect resumes after the last event received.",
  },
];

/** Home: what lazyflow is, one tile per feat, and the side-by-side benchmark. */
export function HomePage() {
  return (
    <section className="home">
      <h1>lazyflow</h1>
      <p className="pitch">
        Datasets far larger than memory in the browser: jump to any row of 100 million, hold memory to a
        budget, come back on the same row after a reload. A TypeScript core with thin React hooks.
      </p>
      <p className="muted">
        Every page reads deterministic data from a mock server in this tab. Try a feat, then watch the{' '}
        <em>Under the hood</em> panel; the fault panel adds latency, errors and dropped streams.
      </p>
      <ul className="feats" aria-label="Try it">
        {FEATS.map((feat) => (
          <li key={feat.to} className="feat">
            <Link to={feat.to}>{feat.title} →</Link>
            <p>{feat.look}</p>
            {feat.peers && <p className="feat-peers">{feat.peers}</p>}
          </li>
        ))}
      </ul>
      <h2>Side by side</h2>
      <p>
        Measured with <code>pnpm bench</code>: the same mock data, latency and row component for each library,
        in Chromium with the CPU slowed ×4, medians of 5 runs (method in <code>docs/benchmarks.md</code>).
      </p>
      <img
        className="bench-chart"
        src={benchChart}
        width={770}
        height={596}
        alt="pnpm bench: lazyflow against TanStack Virtual with Query, react-virtuoso, react-window and virtua on scrolling, jump to row 500,000, memory after a sweep, dynamic-height jitter, warm reload and more (lower is better)"
      />
    </section>
  );
}
