import { listDataAttributes } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { FEED_START, feedAtStart, feedKey } from '../lib/sources.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const FEED_TOTAL = 1_000_000;
const CARD_ESTIMATE = 150;
const POSTED = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** An endless feed that scrolls with the page (window scroller), cards of varying height. */
export function FeedPage() {
  const ref = useRef<HTMLDivElement>(null);
  // The list needs its distance from the top of the document before it can map window
  // scrolling onto rows, so it is rendered once that is measured.
  const [scrollMargin, setScrollMargin] = useState<number | null>(null);
  useLayoutEffect(() => {
    const measure = () => {
      const element = ref.current;
      if (element) setScrollMargin(Math.round(element.getBoundingClientRect().top + window.scrollY));
    };
    measure();
    window.addEventListener('resize', measure);
    return () => window.removeEventListener('resize', measure);
  }, []);
  return (
    <section>
      <PageIntro
        title="Feed"
        tryThis={`it opens at post #${FEED_START.toLocaleString('en')}, as a shared link would. Scroll up: older posts load above without moving the one you read; scroll down: newer ones load below. Each card is as tall as its text.`}
        code={
          <>
            <code>cursorSource</code> over <code>/api/feed</code> (cursors both ways) with{' '}
            <code>useWindowScroll</code> on <code>useLazyList</code>
          </>
        }
      >
        A million posts that scroll with the page itself, like a social feed, loaded page by page in both
        directions from the middle through the server's cursors.
      </PageIntro>
      <div ref={ref}>{scrollMargin !== null && <FeedList scrollMargin={scrollMargin} />}</div>
    </section>
  );
}

function FeedList({ scrollMargin }: { scrollMargin: number }) {
  const source = useMemo(() => feedAtStart(FEED_TOTAL), []);
  const list = useLazyList<Item>({
    key: feedKey(FEED_TOTAL), // the menu prefetches the first page under the same key
    source,
    useWindowScroll: true,
    scrollMargin,
    estimateSize: () => CARD_ESTIMATE,
    overscan: 4,
  });
  useReportStats('Feed', list.stats);
  const { reachedStart, reachedEnd, prependedCount } = list.list;
  const loading = list.stats.inFlight > 0;
  // Which way is loading: a placeholder at the top of what is rendered means older posts are on their way.
  const first = list.rows[0];
  const last = list.rows.at(-1);
  const olderLoading = loading && first !== undefined && first.state.status !== 'loaded';
  const newerLoading = loading && last !== undefined && last.state.status !== 'loaded';
  return (
    <>
      <div
        role="feed"
        aria-label="Posts"
        aria-busy={list.status === 'loading'}
        data-testid="feed-list"
        data-scroll-margin={scrollMargin}
        className="spacer"
        style={{ height: list.totalSize }}
        {...listDataAttributes(list)}
      >
        {list.rows.map((row) => (
          <div
            key={row.key}
            ref={list.measureElement}
            data-index={row.index}
            data-state={row.state.status}
            className="feed-card"
            style={{ transform: `translateY(${row.start}px)` }}
          >
            <article
              aria-posinset={row.index + 1}
              aria-setsize={list.list.countKind === 'exact' ? list.count : -1}
              aria-labelledby={`post-${row.key}`}
            >
              {row.state.status === 'loaded' ? (
                <>
                  <h3 id={`post-${row.key}`}>{row.state.item.title}</h3>
                  <p className="feed-meta">
                    {row.state.item.author} · {POSTED.format(new Date(row.state.item.createdAt))}
                  </p>
                  <p>{row.state.item.body}</p>
                </>
              ) : (
                <RowSkeleton height={CARD_ESTIMATE - 36} lines={4} />
              )}
            </article>
          </div>
        ))}
      </div>
      <ListError status={list.status} error={list.error} retry={list.retry} />
      {/* Both ends' state, pinned to the bottom of the window: the feed loads both ways from the middle. */}
      <div className="feed-status" aria-live="polite">
        <span data-testid="feed-older" data-reached-start={reachedStart} data-prepended={prependedCount}>
          ↑{' '}
          {reachedStart
            ? 'You reached the oldest post.'
            : olderLoading
              ? 'Loading older posts…'
              : `${prependedCount.toLocaleString('en')} older posts loaded · scroll up for more`}
        </span>
        <span data-testid="feed-footer" data-reached-end={reachedEnd}>
          ↓{' '}
          {reachedEnd
            ? 'You reached the newest post.'
            : newerLoading
              ? 'Loading newer posts…'
              : `${(list.count - prependedCount).toLocaleString('en')} from post #${FEED_START.toLocaleString('en')} on · scroll down for newer`}
        </span>
      </div>
    </>
  );
}
