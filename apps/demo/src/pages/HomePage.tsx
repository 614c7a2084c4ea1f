// The bench chart lives in docs/ (the README shows it); the build copies it into the demo's assets.
import benchChart from '../../../../docs/bench-chart.svg';
// The method beside it: the build copies docs/benchmarks.md too (served as plain text).
import benchMethod from '../../../../docs/benchmarks.md?url';
import { DriftTile, HundredMillionTile, JumpTile, MemoryTile } from '../home/ListTiles.tsx';
import { ReloadTile } from '../home/ReloadTile.tsx';
import { StreamTile } from '../home/StreamTile.tsx';

/**
 * Home: what lazyflow is, one live tile per feat (each runs on its own small list in place and
 * shows the figure it measured in this tab), and the side-by-side benchmark.
 */
export function HomePage() {
  return (
    <section className="home">
      <h1>lazyflow</h1>
      <p className="pitch">
        Datasets far larger than memory in the browser: jump to any row of 100 million, hold memory to a
        budget, come back on the same row after a reload. A TypeScript core with thin React hooks.
      </p>
      <p className="muted">
        Press <em>Run it here</em> on a tile: the feat runs on the small list beside it, against the mock
        server in this tab, and the figure is measured as it happens. Each tile links to the full page.
      </p>
      <ul className="feats" aria-label="Try it">
        <JumpTile />
        <HundredMillionTile />
        <DriftTile />
        <ReloadTile />
        <MemoryTile />
        <StreamTile />
      </ul>
      <h2>Side by side</h2>
      <p>
        Measured with <code>pnpm bench</code>: the same mock data, latency and row component for each library,
        in Chromium with the CPU slowed ×4, medians of 5 runs (
        <a href={benchMethod} data-testid="bench-method">
          the method and every figure
        </a>
        ).
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
