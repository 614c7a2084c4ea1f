// What one bench page shows, read from its query string:
//   /?lib=virtuoso&scenario=scroll&total=1000000[&pageSize=100][&latency=80]
//   /?lib=baseline&scenario=stream   (the stream pages: lazyflow and the hand-written baseline)

/** The list libraries the bench compares, in table order. */
export const LIST_LIBRARY_IDS = ['lazyflow', 'tanstack', 'virtuoso', 'react-window', 'virtua'] as const;
export type ListLibraryId = (typeof LIST_LIBRARY_IDS)[number];

/**
 * What the stream scenario compares: lazyflow's stream API and a hand-written `fetch` reader; the
 * probes (upper bounds, not libraries, stream/probe.tsx) run only when `--libs` names them.
 */
export const STREAM_LIBRARY_IDS = [
  'lazyflow',
  'lazyflow-log',
  'baseline',
  'probe-parse',
  'probe-index',
] as const;
export type StreamLibraryId = (typeof STREAM_LIBRARY_IDS)[number];

/** What the grid scenario compares (issue #19): lazyflow's useLazyGrid and the peers' grids. */
export const GRID_LIBRARY_IDS = ['lazyflow', 'tanstack', 'react-window'] as const;
export type GridLibraryId = (typeof GRID_LIBRARY_IDS)[number];

/** Every page's `?lib=`, in table order. */
const LIBRARY_IDS = [...LIST_LIBRARY_IDS, 'lazyflow-log', 'baseline', 'probe-parse', 'probe-index'] as const;
export type LibraryId = (typeof LIBRARY_IDS)[number];

/** The scenarios of the list pages (see docs/benchmarks.md). */
export const LIST_SCENARIO_IDS = ['scroll', 'jump', 'sweep', 'dynamic', 'huge', 'reload'] as const;
/** Every scenario a page can be measured in: the list scenarios plus `stream` and `grid`. */
const SCENARIO_IDS = [...LIST_SCENARIO_IDS, 'stream', 'grid'] as const;
export type ScenarioId = (typeof SCENARIO_IDS)[number];

/** `fixed`: every row is 36 px. `dynamic`: each row has its own deterministic height. */
export type Heights = 'fixed' | 'dynamic';

export interface BenchParams {
  lib: LibraryId;
  scenario: ScenarioId;
  /** Items in the dataset (`/api/items?total=`). */
  total: number;
  /** Items per request, the same for every library. */
  pageSize: number;
  /** Mock server latency in ms (±25% jitter, applied by `@lazyflow/mocks` in the Node process serving the page). */
  latency: number;
  heights: Heights;
}

/** What every list page receives. */
export interface ListPageProps {
  total: number;
  pageSize: number;
  heights: Heights;
  /**
   * The warm-reload scenario: keep what the library's docs recommend for coming back to the same
   * place after a reload (lazyflow: its IndexedDB cache, which also holds the scroll position; the
   * peers: their scroll-state API, saved in sessionStorage when the page goes away).
   */
  persist: boolean;
}

function oneOf<T extends string>(name: string, raw: string | null, choices: readonly T[]): T {
  if (raw !== null && (choices as readonly string[]).includes(raw)) return raw as T;
  throw new Error(`bench: "?${name}=" must be one of ${choices.join(', ')}, got "${raw ?? ''}"`);
}

function integer(name: string, raw: string | null, fallback: number, min: number): number {
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`bench: "?${name}=" must be an integer >= ${min}, got "${raw}"`);
  }
  return value;
}

/**
 * Parses a bench page's query string; throws naming the parameter when one is invalid.
 *
 * @example
 * readParams('?lib=virtua&scenario=jump').total; // 1000000
 */
export function readParams(search: string): BenchParams {
  const query = new URLSearchParams(search);
  const scenario = oneOf('scenario', query.get('scenario') ?? 'scroll', SCENARIO_IDS);
  const lib = oneOf('lib', query.get('lib'), LIBRARY_IDS);
  const libs: readonly LibraryId[] =
    scenario === 'stream' ? STREAM_LIBRARY_IDS : scenario === 'grid' ? GRID_LIBRARY_IDS : LIST_LIBRARY_IDS;
  if (!libs.includes(lib)) {
    throw new Error(`bench: "?lib=${lib}" has no ${scenario} page; it has one of ${libs.join(', ')}`);
  }
  return {
    lib,
    scenario,
    total: integer('total', query.get('total'), 1_000_000, 1),
    pageSize: integer('pageSize', query.get('pageSize'), 100, 1),
    latency: integer('latency', query.get('latency'), 80, 0),
    heights: scenario === 'dynamic' ? 'dynamic' : 'fixed',
  };
}
