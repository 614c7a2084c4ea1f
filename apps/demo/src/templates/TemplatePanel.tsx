import { autoSource, type LazyListSnapshot, listDataAttributes } from '@lazyflow/core';
import { keyboardNavigation } from '@lazyflow/core/keyboard';
import type { Template } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { type FormEvent, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { ListError } from '../components/ListError.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { formatCount } from '../lib/formatCount.ts';
import { formatBytes } from '../lib/hoodFigures.ts';
import { useReportStats } from '../lib/useReportStats.ts';
import { createRequestCounter } from './requestCounter.ts';
import { TEMPLATE_ROW_HEIGHT, TemplateRow } from './TemplateRow.tsx';
import { type TemplatePanelSpec, templatesUrl } from './templatePanels.ts';

/** Items held in memory: what the list has loaded and not evicted. */
function loadedItems(list: LazyListSnapshot<Template>): number {
  let total = 0;
  for (const page of list.pages.values()) total += page.items?.length ?? 0;
  return total;
}

const number = (n: number) => n.toLocaleString('en');

/** Items one request brings: the adaptive page size when paging. */
function perRequest(strategy: string | null, pageSize: number): string {
  // Short words: the tile is a third of a panel (issue #20 audit: 'everything' overflowed it).
  if (strategy === 'eager') return 'all';
  if (strategy === 'stream') return 'stream';
  return number(pageSize);
}

/**
 * One dataset of the Templates page: a virtualized list on `autoSource`, with the strategy
 * it picked and why, and the figures that compare strategies (HTTP requests sent, bytes
 * received, time to the first row, rows held, items per request). `generation` is part of the list's key,
 * so a reload probes the server again instead of reusing the decision kept in the shared
 * QueryClient.
 */
export function TemplatePanel({ spec, generation }: { spec: TemplatePanelSpec; generation: number }) {
  const { dataset } = spec;
  const ref = useRef<HTMLElement>(null);
  const [counter] = useState(createRequestCounter);
  const [source] = useState(() => autoSource<Template>({ url: templatesUrl(dataset), fetch: counter.fetch }));
  const http = useSyncExternalStore(counter.subscribe, counter.getSnapshot);
  const list = useLazyList<Template>({
    key: ['templates', dataset, generation],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => TEMPLATE_ROW_HEIGHT,
    overscan: 4,
    keyboard: keyboardNavigation,
  });
  const { stats } = list;
  // The panel and the under-the-hood panel count the same thing: HTTP requests sent (a stream
  // connection is one, however many pages it fills).
  const reported = useMemo(() => ({ ...stats, requests: http.json + http.streams }), [stats, http]);
  useReportStats(`Templates: ${dataset}`, { stats: reported, pages: list.list.pages });
  // Time to first row: from the panel's mount (its probe starts then) to the first row on screen.
  const [mountedAt] = useState(() => performance.now());
  const [firstRowMs, setFirstRowMs] = useState<number | null>(null);
  const anyLoaded = list.rows.some((row) => row.state.status === 'loaded');
  useEffect(() => {
    if (anyLoaded) setFirstRowMs((ms) => ms ?? Math.round(performance.now() - mountedAt));
  }, [anyLoaded, mountedAt]);
  const loaded = useMemo(() => loadedItems(list.list), [list.list]);
  const [target, setTarget] = useState('');
  // Jumping far needs random access: the eager and offset strategies have it, a cursor or a
  // stream reaches a row only by reading everything before it.
  const canJump = stats.strategy === 'eager' || stats.strategy === 'offset';
  const jump = (event: FormEvent) => {
    event.preventDefault();
    // A row number as the list shows it (from 1); the list is given its index.
    const row = Number(target.replaceAll(/[\s,_]/g, ''));
    if (Number.isInteger(row) && row >= 1) list.scrollToIndex(Math.min(row, list.count) - 1);
  };
  const testId = `tpl-${dataset}`;

  return (
    <article className="tpl-panel" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <div className="tpl-panel-head">
        <h2 id={`${testId}-title`}>{spec.title}</h2>
        <span
          className="tpl-strategy"
          data-testid={`${testId}-strategy`}
          data-strategy={stats.strategy ?? (list.status === 'error' ? 'failed' : 'probing')}
        >
          {stats.strategy ?? (list.status === 'error' ? 'probe failed' : 'probing…')}
        </span>
      </div>
      <p className="tpl-answer">{spec.answer}</p>
      <p className="tpl-reason" data-testid={`${testId}-reason`}>
        {stats.strategyReason ??
          (list.status === 'error'
            ? 'The probe failed: no strategy until it succeeds.'
            : 'Waiting for the probe (the first 100 items)…')}
      </p>
      <dl
        className="stat-grid tpl-stats"
        data-testid={`${testId}-stats`}
        data-loaded={loaded}
        data-count={list.count}
        data-requests={stats.requests}
        data-http-json={http.json}
        data-http-streams={http.streams}
        data-bytes={http.bytes}
        data-first-row-ms={firstRowMs ?? ''}
        data-page-size={stats.pageSize}
      >
        <div className="stat">
          <dt title="HTTP requests sent: JSON pages and stream connections">Requests</dt>
          <dd>
            {number(http.json + http.streams)}
            {http.streams > 0 && <small className="stat-sub">({formatCount(http.streams, 'stream')})</small>}
          </dd>
        </div>
        <div className="stat">
          <dt>Received</dt>
          <dd>{formatBytes(http.bytes)}</dd>
        </div>
        <div className="stat">
          <dt>First row</dt>
          <dd>
            {firstRowMs === null ? (
              '–'
            ) : (
              // Seconds from 1,000 ms ("3.3 s"): four digits and "ms" do not fit a third of a
              // panel on a 360-px phone (a loaded machine's first rows take seconds).
              <>
                {firstRowMs < 1000 ? number(firstRowMs) : (firstRowMs / 1000).toFixed(1)}{' '}
                <small>{firstRowMs < 1000 ? 'ms' : 's'}</small>
              </>
            )}
          </dd>
        </div>
        <div className="stat">
          <dt>Rows</dt>
          <dd>
            {number(list.count)}
            {(stats.strategy === 'stream' || list.list.countKind !== 'exact') && (
              <small className="stat-sub"> so far</small>
            )}
          </dd>
        </div>
        <div className="stat">
          <dt>In memory</dt>
          <dd>
            {formatBytes(stats.bytesInMemory)}{' '}
            <small className="stat-sub">{formatCount(loaded, 'row')}</small>
          </dd>
        </div>
        <div className="stat">
          <dt>Per request</dt>
          <dd>{perRequest(stats.strategy, stats.pageSize)}</dd>
        </div>
      </dl>
      <details className="tpl-requests" data-testid={`${testId}-requests`} data-count={http.log.length}>
        <summary>
          Which requests: {http.log.slice(0, 3).join(' · ')}
          {http.log.length > 3 && ` · +${number(http.log.length - 3)} more`}
        </summary>
        <ol>
          {http.log.map((entry, k) => (
            // The log only grows at its end (it drops its oldest past 40): index and text are a stable key.
            // biome-ignore lint/suspicious/noArrayIndexKey: entries repeat, their place is what tells them apart
            <li key={`${k}:${entry}`}>{entry}</li>
          ))}
        </ol>
      </details>
      <form className="tpl-jump" onSubmit={jump} aria-label={`Jump in ${spec.title}`}>
        <label>
          Go to row{' '}
          <input
            type="number"
            data-testid={`${testId}-jump-index`}
            min={1}
            value={target}
            disabled={!canJump}
            onChange={(event) => setTarget(event.target.value)}
          />
        </label>
        <button type="submit" data-testid={`${testId}-jump-go`} disabled={!canJump}>
          Go
        </button>
      </form>
      <ListError status={list.status} error={list.error} retry={list.retry} />
      <section
        ref={ref}
        className="scroller tpl-scroller"
        aria-label={`${spec.title} templates`}
        data-testid={`${testId}-scroller`}
        onKeyDown={list.onKeyDown}
        {...listDataAttributes(list)}
      >
        <ul className="spacer" aria-label={`${spec.title} templates`} style={{ height: list.totalSize }}>
          {list.rows.map((row) => (
            <li
              key={row.key}
              ref={list.measureElement}
              className="row"
              data-index={row.index}
              data-state={row.state.status}
              aria-setsize={list.list.countKind === 'exact' ? list.count : -1}
              aria-posinset={row.index + 1}
              aria-busy={row.state.status !== 'loaded'}
              tabIndex={row.index === (list.focusedIndex ?? list.rows[0]?.index) ? 0 : -1}
              style={{ height: TEMPLATE_ROW_HEIGHT, transform: `translateY(${row.start}px)` }}
            >
              {row.state.status === 'loaded' ? (
                <TemplateRow template={row.state.item} index={row.index} />
              ) : (
                <RowSkeleton height={TEMPLATE_ROW_HEIGHT} lines={2} />
              )}
            </li>
          ))}
        </ul>
      </section>
    </article>
  );
}
