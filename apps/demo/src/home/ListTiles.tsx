// Home tiles that run a feat on a small list of their own: a far jump, the 100,000,000th row,
// scrolling up through rows of their own heights, memory under a budget while sweeping.
import type { Item } from '@lazyflow/mocks';
import { type UseLazyListResult, useLazyList } from '@lazyflow/react';
import { type RefObject, useRef, useState } from 'react';
import { pluralize } from '../lib/formatCount.ts';
import { FeatTile } from './FeatTile.tsx';
import { count, countedItems, frames, loadedInView, loadedTopInView, rowInView, until } from './liveRun.ts';
import { MINI_ROW, MiniList } from './MiniList.tsx';

interface TileListOptions {
  readonly id: string;
  readonly total: number;
  readonly dynamic?: boolean;
  readonly maxBytes?: number;
}

/** The tile's list, mounted once the visitor runs the tile: Home sends no request before that. */
function TileList({
  options,
  counted,
  latest,
  scroller,
}: {
  options: TileListOptions;
  counted: ReturnType<typeof countedItems>;
  latest: RefObject<UseLazyListResult<Item> | null>;
  scroller: RefObject<HTMLDivElement | null>;
}) {
  const list = useLazyList<Item>({
    key: ['home', options.id, options.total],
    source: counted.source,
    getScrollElement: () => scroller.current,
    estimateSize: () => (options.dynamic ? 90 : MINI_ROW),
    overscan: 2,
    ...(options.maxBytes === undefined ? {} : { memory: { maxBytes: options.maxBytes } }),
  });
  latest.current = list;
  return (
    <MiniList
      list={list}
      scroller={scroller}
      testId={`feat-${options.id}-list`}
      dynamic={options.dynamic === true}
    />
  );
}

/**
 * A tile's list: `view` to render (an empty box until `open()`), `list()` for the latest
 * snapshot inside a run, and the HTTP requests its source sent.
 */
function useTileList(options: TileListOptions) {
  const scroller = useRef<HTMLDivElement>(null);
  const latest = useRef<UseLazyListResult<Item> | null>(null);
  const [counted] = useState(() => countedItems(options.total));
  const [on, setOn] = useState(false);
  const list = () => {
    if (latest.current === null) throw new Error('the list is not open');
    return latest.current;
  };
  const open = async () => {
    setOn(true);
    await until(() => latest.current !== null && scroller.current !== null, 'the list opened');
  };
  const view = on ? (
    <TileList options={options} counted={counted} latest={latest} scroller={scroller} />
  ) : (
    <div className="scroller mini-list mini-empty" data-testid={`feat-${options.id}-list`}>
      <p className="muted">Opens when you run it: nothing is loaded before.</p>
    </div>
  );
  return { view, list, open, scroller, requests: counted.requests, pagesSince: counted.pagesSince };
}

const ms = (since: number) => Math.round(performance.now() - since);

/** Jump to row 500,000 of 1,000,000: the time it took and the HTTP requests it made. */
export function JumpTile() {
  const { view, list, open, scroller, requests, pagesSince } = useTileList({ id: 'jump', total: 1_000_000 });
  const TARGET = 499_999; // row 500,000: rows are numbered from 1 on screen, indexes from 0
  const run = async () => {
    await open();
    list().scrollToIndex(0);
    await until(() => loadedInView(scroller.current, 0), 'row 1 on screen');
    const before = requests();
    const started = performance.now();
    list().scrollToIndex(TARGET, { align: 'start' });
    await until(() => loadedInView(scroller.current, TARGET), `row ${count(TARGET + 1)} on screen`);
    const took = ms(started);
    const made = requests() - before;
    const pages = pagesSince(before);
    const low = Math.min(...pages);
    const high = Math.max(...pages);
    return {
      text: (
        <>
          Row <strong>{count(TARGET + 1)}</strong> on screen in <strong>{count(took)} ms</strong> with{' '}
          <strong>{made === 1 ? '1 request' : `${made} requests`}</strong>
          {/* Pages numbered from 1 too, as a person counts them (the data-* keep the indexes). */}
          {pages.length > 0 &&
            ` (pages ${count(low + 1)}${high > low ? `–${count(high + 1)}` : ''} of 10,000)`}
          : none of the pages in between.
        </>
      ),
      data: { ms: took, requests: made, row: TARGET, 'first-page': low, 'last-page': high },
    };
  };
  return (
    <FeatTile
      id="jump"
      title="Jump to row 500,000 of 1,000,000"
      look="The list asks only for the pages at the target: no walk through the 5,000 pages before it."
      peers="Infinite-query loaders walk every page from 0 to get there."
      to="/table?jump=500000"
      run={run}
    >
      {view}
    </FeatTile>
  );
}

/** The last of 100,000,000 rows, aligned to the bottom, past the browser's height limit. */
export function HundredMillionTile() {
  const { view, list, open, scroller } = useTileList({ id: 'hundred-million', total: 100_000_000 });
  const LAST = 99_999_999; // row 100,000,000
  const run = async () => {
    await open();
    list().scrollToIndex(LAST, { align: 'end' });
    await until(() => loadedInView(scroller.current, LAST), `row ${count(LAST + 1)} on screen`);
    await frames(2);
    const box = rowInView(scroller.current, LAST);
    const gap = box === null ? Number.NaN : Math.round(box.height - box.bottom);
    const px = list().virtualSize;
    return {
      text: (
        <>
          Row <strong>{count(LAST + 1)}</strong> reached, its bottom <strong>{gap} px</strong> from the
          list's; the list is {(px / 1e9).toFixed(2)} billion px tall in a scroller browsers cap near 33.5
          million.
        </>
      ),
      data: { row: LAST, gap, scaled: String(list().scaled) },
    };
  };
  return (
    <FeatTile
      id="hundred-million"
      title="100,000,000 rows"
      look="The hundred-millionth row, at the bottom edge. Scroll it afterwards: rows move 1:1."
      peers="Other virtualizers stop near row 930,000, where the browser caps an element's height."
      to="/table?rows=100000000&jump=100000000&align=end"
      run={run}
    >
      {view}
    </FeatTile>
  );
}

/** Row `index`'s top in its scroller once every rendered row is loaded and it stayed put for a few frames. */
async function settledTop(scroller: HTMLDivElement | null, index: number): Promise<number> {
  let last = Number.NaN;
  let still = 0;
  await until(
    () => {
      const all = scroller?.querySelectorAll<HTMLElement>('[data-index]') ?? [];
      const loaded = [...all].every((row) => row.dataset.state === 'loaded');
      const top = rowInView(scroller, index)?.top ?? Number.NaN;
      still = loaded && top === last ? still + 1 : 0;
      last = top;
      return still >= 6;
    },
    `row ${count(index)} settled`,
  );
  return last;
}

/** A loaded row in view (its top edge inside the view if one is): the one a reader's eye is on. */
function rowAtTop(scroller: HTMLDivElement | null): number {
  let crossing: number | null = null;
  for (const row of scroller?.querySelectorAll<HTMLElement>('[data-index]') ?? []) {
    const index = Number(row.dataset.index);
    const box = rowInView(scroller, index);
    if (row.dataset.state !== 'loaded' || box === null || box.bottom <= 0 || box.top >= box.height) continue;
    if (box.top >= 0) return index;
    crossing = index;
  }
  if (crossing === null) throw new Error('no row in view');
  return crossing;
}

/** Scrolling up through rows never measured, as tall as their text: how far the row in view drifts. */
export function DriftTile() {
  const { view, list, open, scroller } = useTileList({ id: 'drift', total: 100_000, dynamic: true });
  const TARGET = 49_999; // row 50,000
  const STEP = 100;
  const STEPS = 8;
  const run = async () => {
    await open();
    list().scrollToIndex(TARGET, { align: 'start' });
    await until(() => loadedTopInView(scroller.current, TARGET), `row ${count(TARGET + 1)} on screen`);
    let drift = 0;
    for (let step = 1; step <= STEPS; step++) {
      const element = scroller.current;
      if (!element) throw new Error('the list went away');
      // The row the eye is on; after a wheel step of STEP px up it must be exactly STEP px lower.
      const tracked = rowAtTop(element);
      const before = await settledTop(element, tracked);
      // What the browser applied, read back at once (as the bench's dynamic scenario does): at a
      // fractional scrollTop (zoom, a devicePixelRatio that is not whole) it snaps the new offset to
      // device pixels, so a write of -100 px can move 99.5 px; comparing with STEP showed that
      // rounding as 0.5 px of "drift" that the engine never made.
      const from = element.scrollTop;
      element.scrollTop = from - STEP;
      const applied = from - element.scrollTop;
      const after = await settledTop(element, tracked);
      drift = Math.max(drift, Math.abs(after - (before + applied)));
    }
    const heights = new Set(
      [...(scroller.current?.querySelectorAll<HTMLElement>('[data-index]') ?? [])].map(
        (row) => row.offsetHeight,
      ),
    );
    const first = list().range?.start ?? TARGET;
    return {
      text: (
        <>
          <strong>{Math.round(drift * 10) / 10} px</strong> drift: {STEPS} steps of {STEP} px up from row{' '}
          {count(TARGET + 1)} to row {count(first + 1)}, through rows never measured before ({heights.size}{' '}
          heights on screen now).
          {drift > 0 && drift < 1 && (
            <>
              {' '}
              Under a pixel: {Math.round(list().range?.start ?? TARGET).toLocaleString('en')} rows down, boxes
              sit millions of px from the top, where the browser places transforms in 0.5 px steps.
            </>
          )}
        </>
      ),
      data: { drift: Math.round(drift * 10) / 10, steps: STEPS, heights: heights.size },
    };
  };
  return (
    <FeatTile
      id="drift"
      title="Zero-jitter dynamic heights"
      look="Each row is as tall as its text. Scrolling up measures rows never seen; the row you read moves exactly as far as you scrolled."
      peers="Scrolling up through unmeasured rows jitters in most virtualizers."
      to="/table?dynamic=1&jump=500000"
      run={run}
    >
      {view}
    </FeatTile>
  );
}

/** The memory tile's budget: a few dozen pages of the million rows. */
const MEMORY_BUDGET = 256 * 1024;
const SWEEP_STEPS = 24;

/** Sweeps a million rows under a 256 KB budget and charts bytes in memory against it. */
export function MemoryTile() {
  const { view, list, open, scroller } = useTileList({
    id: 'memory',
    total: 1_000_000,
    maxBytes: MEMORY_BUDGET,
  });
  const [samples, setSamples] = useState<readonly number[]>([]);
  const run = async () => {
    await open();
    const seen: number[] = [];
    setSamples(seen);
    const evictionsBefore = list().stats.evictions;
    for (let step = 0; step <= SWEEP_STEPS; step++) {
      const index = Math.min(999_999, Math.round((step / SWEEP_STEPS) * 999_999));
      list().scrollToIndex(index, { align: 'start' });
      await until(() => loadedInView(scroller.current, index), `row ${count(index)} on screen`);
      await frames(2);
      seen.push(list().stats.bytesInMemory);
      setSamples([...seen]);
    }
    const peak = Math.max(...seen);
    const evicted = list().stats.evictions - evictionsBefore;
    return {
      text: (
        <>
          Peak <strong>{kb(peak)}</strong> against a <strong>{kb(MEMORY_BUDGET)}</strong> budget across{' '}
          {SWEEP_STEPS + 1} stops through a million rows; {count(evicted)} {pluralize(evicted, 'page')} let
          go, farthest first.
        </>
      ),
      data: { peak, budget: MEMORY_BUDGET, evicted, samples: seen.length },
    };
  };
  return (
    <FeatTile
      id="memory"
      title="Memory held to a budget"
      look="The list keeps at most 256 KB of rows (memory.maxBytes). Run it: a sweep through a million rows, bytes in memory charted against the budget line."
      peers="Infinite-query loaders bound pages by count at best (maxPages), never by bytes."
      to="/table#under-the-hood"
      run={run}
    >
      {view}
      <BudgetSparkline samples={samples} budget={MEMORY_BUDGET} steps={SWEEP_STEPS + 1} />
    </FeatTile>
  );
}

const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;

/** Bytes in memory at each stop of the sweep, under a dashed budget line. */
function BudgetSparkline({
  samples,
  budget,
  steps,
}: {
  samples: readonly number[];
  budget: number;
  steps: number;
}) {
  const W = 240;
  const H = 48;
  const top = budget * 1.25;
  const y = (v: number) => H - 4 - (Math.min(v, top) / top) * (H - 8);
  const x = (i: number) => 4 + (i / Math.max(1, steps - 1)) * (W - 8);
  const points = samples.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ');
  return (
    <svg
      className="feat-spark"
      viewBox={`0 0 ${W} ${H}`}
      role="img"
      aria-label={`Bytes in memory at each stop of the sweep against the ${kb(budget)} budget`}
      data-testid="feat-memory-chart"
      data-samples={samples.length}
    >
      <line x1={0} x2={W} y1={y(budget)} y2={y(budget)} className="feat-spark-budget" />
      <text x={W - 4} y={y(budget) - 3} textAnchor="end" className="feat-spark-label">
        budget {kb(budget)}
      </text>
      {samples.length > 0 && <polyline points={points} className="feat-spark-line" />}
    </svg>
  );
}
