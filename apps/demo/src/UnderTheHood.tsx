import { getHealth, type HealthStatus, type MemoryLevel } from '@lazyflow/core';
import { useEffect, useId, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { MemoryChart } from './charts/MemoryChart.tsx';
import { demoMonitor } from './lib/demoMonitor.ts';
import { formatCount } from './lib/formatCount.ts';
import { formatBytes, gradeCache, gradeErrors, sumStats } from './lib/hoodFigures.ts';
import { demoPrefetcher } from './lib/routePrefetch.ts';
import { badgeClass, budgetTone, healthTone, levelTone } from './lib/tones.ts';
import { useReportedStats } from './lib/useReportStats.ts';
import { useSamples } from './lib/useSamples.ts';
import { usePath } from './router.tsx';

const SAMPLE_MS = 1_000;
const KEEP = 60;
const SIMULATIONS: readonly { label: string; level: MemoryLevel | null }[] = [
  { label: 'measured', level: null },
  { label: 'ok', level: 'ok' },
  { label: 'high', level: 'high' },
  { label: 'critical', level: 'critical' },
];
const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
/** The panel's fragment: Home's "Memory held to a budget" tile links to `/table#under-the-hood`. */
const ANCHOR = 'under-the-hood';

function Grade({ name, status }: { name: string; status: HealthStatus }) {
  return (
    <span className={badgeClass(healthTone(status))} data-status={status}>
      {name} {status}
    </span>
  );
}

/** The menu's prefetcher (lib/routePrefetch.ts): what it loaded on hover, and whether pressure paused it. */
function PrefetchLine() {
  const prefetcher = demoPrefetcher();
  const stats = useSyncExternalStore(prefetcher.subscribe, prefetcher.getSnapshot);
  return (
    <p
      className="muted"
      data-testid="hood-prefetch"
      data-loaded={stats.loaded}
      data-cached={stats.cached}
      data-running={stats.running}
      data-queued={stats.queued}
      data-cancelled={stats.cancelled}
      data-halted={stats.halted}
      title="createPrefetcher: hovering a menu link loads the first page of that route's list"
    >
      Prefetch: {stats.loaded} loaded · {stats.cached} cached · {stats.running + stats.queued} pending
      {stats.cancelled > 0 && ` · ${stats.cancelled} cancelled`}
      {stats.errors > 0 && ` · ${stats.errors} failed`}
      {stats.halted && ' · paused (memory)'}
    </p>
  );
}

/**
 * What the engine is doing on this page: the figures of the lists the page reports
 * (`useReportStats`), the default memory monitor's heap and pressure level, a chart of the
 * last minute's bytes against the budget, and a control that simulates memory pressure.
 */
export function UnderTheHood() {
  const [open, setOpen] = useState(true);
  const bodyId = useId();
  const monitor = demoMonitor(); // subscribing also starts its heap sampling
  const memory = useSyncExternalStore(monitor.subscribe, monitor.getSnapshot);
  const reported = useReportedStats();
  const figures = useMemo(() => sumStats(reported.values()), [reported]);
  const samples = useSamples<number>(() => figures.bytesInMemory, SAMPLE_MS, KEEP);
  // Nothing fetched, pages read from IndexedDB: the page came back from the cache alone.
  const restored = figures.cacheReads > 0 && figures.requests === 0;
  const health = getHealth();
  const simulated = memory.simulated ? memory.level : null;
  const path = usePath();
  const aside = useRef<HTMLElement>(null);
  useEffect(() => {
    // pushState does not scroll to a fragment, and on a phone the panel is below the page.
    if (path && window.location.hash === `#${ANCHOR}`) aside.current?.scrollIntoView({ block: 'start' });
  }, [path]);

  return (
    <aside ref={aside} className="hood" id={ANCHOR} aria-label="Under the hood">
      <h2>
        <button type="button" aria-expanded={open} aria-controls={bodyId} onClick={() => setOpen(!open)}>
          {open ? '▾' : '▸'} Under the hood
        </button>
      </h2>
      <div id={bodyId} hidden={!open}>
        <MemoryChart bytes={samples} budgetBytes={figures.budgetBytes} keep={KEEP} />
        {restored && (
          <p className="note" role="status" data-testid="hood-restored">
            Restored from IndexedDB — 0 requests ({formatCount(figures.cacheReads, 'page')} read)
          </p>
        )}
        <dl
          className="hood-figures"
          data-testid="hood-figures"
          data-lists={figures.lists}
          data-requests={figures.requests}
          data-in-flight={figures.inFlight}
          data-hit-rate={figures.hitRate ?? ''}
          data-lookups={figures.lookups}
          data-bytes-in-memory={figures.bytesInMemory}
          data-pages-in-memory={figures.pagesInMemory}
          data-bytes-in-cache={figures.bytesInCache}
          data-cache-reads={figures.cacheReads}
          data-cache-writes={figures.cacheWrites}
          data-heap={memory.jsHeapUsed ?? ''}
          data-level={memory.level}
        >
          <div>
            <dt>Page requests</dt>
            <dd title="network fetches of the lists' pages (a stream's own connection is not one)">
              {figures.requests.toLocaleString('en')}
            </dd>
          </div>
          <div>
            <dt>In flight</dt>
            <dd>{figures.inFlight}</dd>
          </div>
          <div>
            <dt>Cache hit rate</dt>
            <dd
              title={
                figures.hitRate === null && figures.pushedLists > 0
                  ? 'a stream appends its pages: none is looked up, so there is nothing to hit or miss'
                  : 'of the pages the view needed, the share served without a request (memory, query cache or IndexedDB); a first scroll through new rows is all misses'
              }
            >
              {figures.hitRate !== null
                ? `${percent(figures.hitRate)} of ${formatCount(figures.lookups, 'page')}`
                : figures.pushedLists > 0
                  ? '– (streamed)'
                  : '–'}
            </dd>
          </div>
          <div>
            <dt>In memory</dt>
            <dd>
              {figures.budgetBytes > 0 ? (
                <span
                  className={badgeClass(budgetTone(figures.bytesInMemory, figures.budgetBytes))}
                  title="bytes the page's lists hold, against the sum of their budgets (memory.maxBytes)"
                >
                  {formatBytes(figures.bytesInMemory)} of {formatBytes(figures.budgetBytes)}
                </span>
              ) : (
                // No list on the page: no budget to hold a figure against ('0 B of 0 B' read as a fault).
                formatBytes(figures.bytesInMemory)
              )}
            </dd>
          </div>
          <div>
            <dt>Pages in memory</dt>
            <dd>{figures.pagesInMemory.toLocaleString('en')}</dd>
          </div>
          <div>
            <dt>In IndexedDB</dt>
            <dd>
              {figures.cacheStatus === 'none'
                ? 'no cache here'
                : `${formatBytes(figures.bytesInCache)} · ${figures.cacheStatus}`}
            </dd>
          </div>
          {figures.cacheStatus !== 'none' && (
            <div>
              <dt>IDB reads / writes</dt>
              <dd title="pages shown from IndexedDB / pages written to it">
                {figures.cacheReads} / {figures.cacheWrites}
              </dd>
            </div>
          )}
          {memory.jsHeapUsed !== undefined && (
            <div>
              <dt>JS heap</dt>
              <dd title={`from ${memory.source}`}>
                {formatBytes(memory.jsHeapUsed)}
                {memory.jsHeapLimit !== undefined && ` of ${formatBytes(memory.jsHeapLimit)}`}
              </dd>
            </div>
          )}
          <div>
            <dt>Pressure</dt>
            <dd>
              <span className={badgeClass(levelTone(memory.level))} data-testid="hood-level">
                {memory.level}
              </span>
              {memory.simulated ? ' (simulated)' : ` · ${percent(memory.ratio)}`}
            </dd>
          </div>
        </dl>
        {figures.cacheWarning !== null && (
          <p role="status" className="error">
            {figures.cacheWarning}
          </p>
        )}
        <fieldset className="hood-simulate">
          <legend>Simulate memory pressure</legend>
          {SIMULATIONS.map(({ label, level }) => (
            <label key={label}>
              <input
                type="radio"
                name={`${bodyId}-simulate`}
                checked={simulated === level}
                onChange={() => monitor.simulate(level)}
              />{' '}
              {label}
            </label>
          ))}
        </fieldset>
        <p
          className="hood-health"
          data-testid="hood-health"
          title="memory: getHealth(); cache: gradeCache; errors: gradeErrors (pages failed or between attempts now, and getHealth()'s error rate; lib/hoodFigures.ts)"
          data-retrying={figures.retryingPages}
          data-failed={figures.failedPages}
        >
          <Grade name="memory" status={health.memory.status} />
          <Grade name="cache" status={gradeCache(figures)} />
          <Grade name="errors" status={gradeErrors(figures, health.errorRate.status)} />
        </p>
        <ul className="hood-lists">
          {reported.size === 0 && <li className="muted">No lazy list on this page.</li>}
          {[...reported].map(([name, { stats, kind }]) => (
            <li key={name}>
              <strong>{name}</strong> {kind === 'pushed' && '(stream) '}
              {formatCount(stats.requests, 'request')} · {formatCount(stats.pagesInMemory, 'page')} ·{' '}
              {formatBytes(stats.bytesInMemory)}
            </li>
          ))}
        </ul>
        <PrefetchLine />
      </div>
    </aside>
  );
}
