import type { Item } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { CARD_ESTIMATE, FeedPosts, postNumber } from '../components/FeedCard.tsx';
import { FEED_EDGE_HEIGHT, FeedEdgeLine } from '../components/FeedEdgeLine.tsx';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { feedEdges } from '../lib/feedEdges.ts';
import { FEED_START, feedAtStart, feedKey } from '../lib/sources.ts';
import { useReportStats } from '../lib/useReportStats.ts';
import { growRate, LatestFeed } from './LatestFeed.tsx';

const FEED_TOTAL = 1_000_000;

type FeedOrder = 'from-post' | 'newest';

/** `?order=newest` opens the newest-first live feed; anything else the two-way feed from a post. */
function readOrder(): FeedOrder {
  return new URLSearchParams(window.location.search).get('order') === 'newest' ? 'newest' : 'from-post';
}

/** An endless feed that scrolls with the page (window scroller), cards of varying height. */
export function FeedPage() {
  const [order, setOrder] = useState(readOrder);
  const grow = useMemo(() => growRate(window.location.search), []);
  const choose = (next: FeedOrder) => {
    const url = new URL(window.location.href);
    if (next === 'newest') url.searchParams.set('order', 'newest');
    else url.searchParams.delete('order');
    window.history.replaceState(null, '', url);
    window.scrollTo({ top: 0, behavior: 'instant' });
    setOrder(next);
  };
  const ref = useRef<HTMLDivElement>(null);
  // The list needs its distance from the top of the document before it can map window
  // scrolling onto rows, so it is rendered once that is measured. The two-way feed has the line
  // of its older end above the posts, of a fixed height.
  const [scrollMargin, setScrollMargin] = useState<number | null>(null);
  const above = order === 'from-post' ? FEED_EDGE_HEIGHT : 0;
  useLayoutEffect(() => {
    const measure = () => {
      const element = ref.current;
      if (element) setScrollMargin(Math.round(element.getBoundingClientRect().top + window.scrollY) + above);
    };
    measure();
    window.addEventListener('resize', measure);
    // What is above the list can change height without a window resize (the faults banner goes
    // away): the page's height changes with it, so re-measure then (the same value renders nothing).
    const observer = new ResizeObserver(measure);
    observer.observe(document.body);
    return () => {
      window.removeEventListener('resize', measure);
      observer.disconnect();
    };
  }, [above]);
  return (
    <section>
      <PageIntro
        title="Feed"
        tryThis={
          order === 'newest'
            ? 'newest first: new posts arrive at the top while you read (one a second; ?grow=N for more). The post you read does not move; a pill says how many came, and a click takes you up to them.'
            : `it opens at post ${postNumber(FEED_START)}, as a shared link would. Scroll up: older posts load above without moving the one you read; scroll down: newer ones load below. Each card is as tall as its text.`
        }
        code={
          order === 'newest' ? (
            <>
              <code>offsetSource</code> over <code>/api/latest</code> with <code>getItemKey</code>,{' '}
              <code>refresh()</code> every 2 s and <code>count</code> minus the count last seen
            </>
          ) : (
            <>
              <code>cursorSource</code> over <code>/api/feed</code> (cursors both ways) with{' '}
              <code>useWindowScroll</code> on <code>useLazyList</code>
            </>
          )
        }
      >
        A million posts that scroll with the page itself, like a social feed, loaded page by page in both
        directions from the middle through the server's cursors.
      </PageIntro>
      <fieldset className="feed-order" aria-label="Feed order">
        <button type="button" aria-pressed={order === 'from-post'} onClick={() => choose('from-post')}>
          From post {postNumber(FEED_START)}
        </button>
        <button
          type="button"
          aria-pressed={order === 'newest'}
          data-testid="feed-newest"
          onClick={() => choose('newest')}
        >
          Newest first, live
        </button>
      </fieldset>
      <div ref={ref} key={order}>
        {scrollMargin !== null &&
          (order === 'newest' ? (
            <LatestFeed scrollMargin={scrollMargin} grow={grow} />
          ) : (
            <FeedList scrollMargin={scrollMargin} />
          ))}
      </div>
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
  useReportStats('Feed', list.list);
  const { reachedStart, reachedEnd, prependedCount } = list.list;
  const loading = list.stats.inFlight > 0;
  // Which way is loading: a placeholder at the top of what is rendered means older posts are on their way.
  const first = list.rows[0];
  const last = list.rows.at(-1);
  const olderLoading = loading && first !== undefined && first.state.status !== 'loaded';
  const newerLoading = loading && last !== undefined && last.state.status !== 'loaded';
  // A page that failed at an end has no rows: it is said by the line at that end (issue #20).
  const edges = feedEdges(list.list.pages);
  const oldest = list.count > 0 ? list.list.getItem(0) : undefined;
  const newest = list.count > 0 ? list.list.getItem(list.count - 1) : undefined;
  // Lines at the feed's ends only once it has posts; before that, the first page's own line in
  // the older line's place (loading, "attempt 2 of 4" between tries, failed with Retry).
  const hasPosts = list.count > 0;
  return (
    <>
      {hasPosts ? (
        <FeedEdgeLine
          side="older"
          edge={edges.older}
          loading={olderLoading}
          reached={reachedStart}
          post={oldest?.status === 'loaded' ? oldest.item.id : null}
          retry={list.retry}
        />
      ) : (
        <FeedEdgeLine
          side="first"
          edge={edges.first}
          loading={loading}
          reached={false}
          post={FEED_START}
          retry={list.retry}
        />
      )}
      <FeedPosts
        list={list}
        label="Posts"
        scrollMargin={scrollMargin}
        setSize={list.list.countKind === 'exact' ? list.count : -1}
      />
      {/* The newer end's line below the newest post, as the older end's is above the oldest: the
          window scrolls past the list's end to it (decision 0036). */}
      {hasPosts && (
        <FeedEdgeLine
          side="newer"
          edge={edges.newer}
          loading={newerLoading}
          reached={reachedEnd}
          post={newest?.status === 'loaded' ? newest.item.id : null}
          retry={list.retry}
        />
      )}
      <ListError status={list.status} error={list.error} retry={list.retry} />
      {/* Both ends' state in a line each, pinned to the bottom of the window: the feed loads both
          ways from the middle. At the page's bottom it sits below the newer end's line. */}
      {hasPosts && (
        <div className="feed-status" aria-live="polite">
          <span data-testid="feed-older" data-reached-start={reachedStart} data-prepended={prependedCount}>
            ↑{' '}
            {reachedStart
              ? 'You reached the oldest post.'
              : edges.older.kind === 'failed'
                ? "Older posts couldn't load · Retry at the top"
                : olderLoading || edges.older.kind === 'retrying'
                  ? 'Loading older posts…'
                  : `${prependedCount.toLocaleString('en')} older posts loaded · scroll up for more`}
          </span>
          <span data-testid="feed-footer" data-reached-end={reachedEnd}>
            ↓{' '}
            {reachedEnd
              ? 'You reached the newest post.'
              : edges.newer.kind === 'failed'
                ? "Newer posts couldn't load · Retry below the newest"
                : newerLoading || edges.newer.kind === 'retrying'
                  ? 'Loading newer posts…'
                  : `${(list.count - prependedCount).toLocaleString('en')} from post ${postNumber(FEED_START)} on · scroll down for newer`}
          </span>
        </div>
      )}
    </>
  );
}
