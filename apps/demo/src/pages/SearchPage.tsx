import { cursorSource, listDataAttributes } from '@lazyflow/core';
import { parseSearchQuery, SEARCH_TOTAL, type SearchDoc, type SearchQuery } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { Highlight } from '../components/Highlight.tsx';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { RequestLogView } from '../components/RequestLogView.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { createRequestLog, type RequestLog } from '../lib/requestLog.ts';
import { fetchSearch, knownSearchTotal } from '../lib/searchApi.ts';
import { useDebouncedValue } from '../lib/useDebouncedValue.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const DEBOUNCE_MS = 200;
const PAGE_SIZE = 30;
const ROW_ESTIMATE = 84;
/** With "slow short queries" on, queries of at most this many letters answer this much later. */
const SHORT_QUERY = 2;
const SLOW_MS = 2_500;
const EXAMPLES = ['harbor', 'grace lan', 'quiet fjord m', 'amber harbor lantern history'];

const isShort = (query: SearchQuery) => query.key.replace(/[\s*]/g, '').length <= SHORT_QUERY;

/** Search-as-you-type over 10,000,000 documents: debounced, aborting, an infinite cursor list. */
export function SearchPage() {
  const [text, setText] = useState(() => new URLSearchParams(window.location.search).get('q') ?? '');
  const [slowShort, setSlowShort] = useState(false);
  const [log] = useState(() => createRequestLog());
  const settled = useDebouncedValue(text, DEBOUNCE_MS);
  const query = useMemo(() => parseSearchQuery(settled), [settled]);
  const typing = parseSearchQuery(text).key !== query.key;
  const empty = query.terms.length === 0 && query.prefix === null;

  return (
    <section className="page-fill">
      <PageIntro
        title="Search"
        tryThis={
          <>
            type quickly, or tick <em>Slow short queries</em> and type a word letter by letter: the request
            log shows stale searches cancelled, and a late answer never replaces a newer one.
          </>
        }
        code={
          <>
            a new <code>useLazyList</code> key per query after a {DEBOUNCE_MS} ms pause; a cursor list over{' '}
            <code>/api/search</code>
          </>
        }
      >
        Search as you type through {SEARCH_TOTAL.toLocaleString('en')} documents. Results load as you scroll,
        with the number of matches from the first page.
      </PageIntro>
      <div className="controls search-controls">
        <input
          type="search"
          className="search-input"
          data-testid="search-input"
          aria-label="Search documents"
          placeholder={`Search ${SEARCH_TOTAL.toLocaleString('en')} documents, e.g. ${EXAMPLES[1]}`}
          value={text}
          onChange={(event) => setText(event.target.value)}
          // biome-ignore lint/a11y/noAutofocus: the page is a search box; typing is the first thing to do
          autoFocus
        />
        <label title={`queries of ${SHORT_QUERY} letters or fewer answer ${SLOW_MS} ms later`}>
          <input
            type="checkbox"
            data-testid="search-slow"
            checked={slowShort}
            onChange={(event) => setSlowShort(event.target.checked)}
          />{' '}
          Slow short queries (+{SLOW_MS / 1000} s): a late answer never replaces a newer query's results
        </label>
      </div>
      {empty ? (
        <p className="muted" data-testid="search-hint">
          Type a word to search, for example{' '}
          {EXAMPLES.map((example, k) => (
            <span key={example}>
              {k > 0 && ', '}
              <button type="button" className="search-example" onClick={() => setText(example)}>
                {example}
              </button>
            </span>
          ))}
          .
        </p>
      ) : (
        // A new key per query: the old results and their requests go with the old component.
        <SearchResults
          key={query.key}
          query={query}
          typing={typing}
          latency={slowShort && isShort(query) ? SLOW_MS : undefined}
          log={log}
        />
      )}
      <RequestLogView log={log} testId="search-requests" title="Search requests" />
    </section>
  );
}

interface SearchResultsProps {
  query: SearchQuery;
  /** The box holds newer text than `query` (the debounce is running): results are dimmed. */
  typing: boolean;
  latency: number | undefined;
  log: RequestLog;
}

function SearchResults({ query, typing, latency, log }: SearchResultsProps) {
  const ref = useRef<HTMLElement>(null);
  // cursorSource passes on only items and cursors; the server's total is kept from fetchPage.
  const [total, setTotal] = useState(() => knownSearchTotal(query.key));
  const latest = useRef(latency);
  useLayoutEffect(() => {
    latest.current = latency;
  });
  const source = useMemo(
    () =>
      cursorSource<SearchDoc>({
        pageSize: PAGE_SIZE,
        fetchPage: async ({ cursor, direction, limit, signal }) => {
          const label = `${query.key} · ${cursor === null ? 'first page' : 'more'}`;
          const page = await log.track(label, query.key, signal, () =>
            fetchSearch({ query, cursor, direction, limit, signal, latency: latest.current }),
          );
          setTotal(page.total);
          return page;
        },
      }),
    [query, log],
  );
  const list = useLazyList<SearchDoc>({
    key: ['demo-search', query.key],
    source,
    getScrollElement: () => ref.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 4,
    // A failed search is usually retyped: two quick attempts, then the error and a Retry button.
    retry: { attempts: 2, baseDelayMs: 300 },
  });
  useReportStats('Search', list.list);
  const { reachedEnd } = list.list;
  const noMatch = total === 0 || (reachedEnd && list.count === 0);

  return (
    <>
      <p
        className={`list-status search-count${typing ? ' search-typing' : ''}`}
        data-testid="search-count"
        data-query={query.key}
        data-total={total ?? ''}
        aria-live="polite"
      >
        {total === null
          ? list.status === 'error'
            ? `The search for “${query.key}” failed`
            : `Searching for “${query.key}”…`
          : `${total.toLocaleString('en')} result${total === 1 ? '' : 's'} for “${query.key}”`}
        {total !== null && total > 0 && ` · ${list.count.toLocaleString('en')} loaded`}
        {typing && ' · typing…'}
      </p>
      <ListError status={list.status} error={list.error} retry={list.retry} />
      <section
        ref={ref}
        className={`scroller fill search-results${typing ? ' search-typing' : ''}${noMatch ? ' search-results-empty' : ''}`}
        aria-label="Search results"
        aria-busy={list.status === 'loading' || typing}
        data-testid="search-results"
        data-query={query.key}
        data-reached-end={reachedEnd}
        {...listDataAttributes(list)}
      >
        {noMatch && list.status !== 'error' && (
          <p className="search-empty" data-testid="search-empty">
            No document matches “{query.key}”. Every complete word must be one of the documents' words (try{' '}
            {EXAMPLES[0]} or {EXAMPLES[2]}).
          </p>
        )}
        {list.count === 0 && list.status === 'loading' && (
          <div className="search-loading" aria-hidden="true">
            <RowSkeleton height={ROW_ESTIMATE} lines={3} />
            <RowSkeleton height={ROW_ESTIMATE} lines={3} />
          </div>
        )}
        <ul className="spacer" style={{ height: list.totalSize }}>
          {list.rows.map((row) => (
            <li
              key={row.key}
              ref={list.measureElement}
              className="row search-row"
              data-index={row.index}
              data-state={row.state.status}
              data-query={query.key}
              data-id={row.state.status === 'loaded' ? row.state.item.id : undefined}
              aria-posinset={row.index + 1}
              aria-setsize={total ?? -1}
              style={{ transform: `translateY(${row.start}px)` }}
            >
              {row.state.status === 'loaded' ? (
                <SearchHit doc={row.state.item} query={query} />
              ) : (
                <RowSkeleton height={ROW_ESTIMATE - 1} lines={3} />
              )}
            </li>
          ))}
        </ul>
        {reachedEnd && list.count > 0 && (
          <p className="feed-more" data-testid="search-end">
            End of the {list.count.toLocaleString('en')} results.
          </p>
        )}
      </section>
    </>
  );
}

const capital = (word: string) => word.charAt(0).toUpperCase() + word.slice(1);

function SearchHit({ doc, query }: { doc: SearchDoc; query: SearchQuery }) {
  const [, , , topic = '', author = ''] = doc.words;
  return (
    <article className="search-hit">
      <h3>
        <Highlight text={doc.title} words={doc.words} query={query} />
      </h3>
      <p className="search-meta">
        #{doc.id.toLocaleString('en')} · <Highlight text={capital(topic)} words={doc.words} query={query} />{' '}
        by <Highlight text={capital(author)} words={doc.words} query={query} />
      </p>
      <p className="search-snippet">
        <Highlight text={doc.snippet} words={doc.words} query={query} />
      </p>
    </article>
  );
}
