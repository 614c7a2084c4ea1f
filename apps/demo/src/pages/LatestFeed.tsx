// The Feed page's newest-first mode (issue #18 item 4): `/api/latest`, whose head grows while it
// is read. Posts that arrive above the one read do not move it (`getItemKey`: the view's anchor
// follows its item, decision 0018); a pill says how many came and takes the reader up to them.
import { type OffsetSource, offsetSource } from '@lazyflow/core';
import { watchMoves } from '@lazyflow/core/moves';
import type { Item, LatestPage } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { CARD_ESTIMATE, FeedPosts } from '../components/FeedCard.tsx';
import { ListError } from '../components/ListError.tsx';
import { getJson } from '../lib/getJson.ts';
import { realisticItem } from '../lib/realisticItems.ts';
import { useReportStats } from '../lib/useReportStats.ts';

/** Posts in the feed when it opens (the newest is #999,999; new ones count up from #1,000,000). */
const LATEST_TOTAL = 1_000_000;
/** How often the page asks the server for what is new, ms (a real feed might use a push instead). */
const POLL_MS = 2_000;

/** `?grow=N` on the page's URL: posts per second the mock adds at the head (default 1, 0 to stop). */
export function growRate(search: string): number {
  const raw = new URLSearchParams(search).get('grow');
  const rate = raw === null || raw === '' ? 1 : Number(raw);
  return Number.isInteger(rate) && rate >= 0 && rate <= 1_000 ? rate : 1;
}

/** `/api/latest` newest first, growing by `grow` posts a second. */
function latestSource(grow: number): OffsetSource<Item> {
  return offsetSource<Item>({
    pageSize: 40,
    fetchPage: async ({ offset, limit, signal }) => {
      const page = await getJson<LatestPage>(
        `/api/latest?offset=${offset}&limit=${limit}&total=${LATEST_TOTAL}&grow=${grow}`,
        signal,
      );
      return { ...page, items: page.items.map(realisticItem) };
    },
  });
}

/**
 * How many posts arrived at the head since the reader last looked at it: the list's count now
 * minus its count then. "Looked" is the first load, a scroll to the top, or `markSeen()` (the pill).
 */
function useNewAtHead(count: number, atTop: () => boolean) {
  const [seen, setSeen] = useState<number | null>(null);
  const countRef = useRef(count);
  countRef.current = count;
  useEffect(() => {
    if (seen === null && count > 0) setSeen(count);
  }, [seen, count]);
  useEffect(() => {
    // Only the reader's own scroll to the top counts as looking: new posts landing while the
    // reader is at the top are put above the post read, out of view, and wait for the pill.
    const onScroll = () => {
      if (atTop() && countRef.current > 0) setSeen(countRef.current);
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => window.removeEventListener('scroll', onScroll);
  }, [atTop]);
  return {
    newCount: seen === null ? 0 : Math.max(0, count - seen),
    seen,
    markSeen: () => setSeen(countRef.current),
  };
}

/** The newest-first feed, scrolling with the window, with its "N new posts" pill. */
export function LatestFeed({ scrollMargin, grow }: { scrollMargin: number; grow: number }) {
  const source = useMemo(() => latestSource(grow), [grow]);
  const list = useLazyList<Item>({
    key: ['demo-latest', LATEST_TOTAL, grow],
    source,
    getItemKey: (post) => post.id, // the post read keeps its place when new ones arrive above it
    // A refresh's pages land together: landing one by one, the place read would show the newest
    // posts for the frames until the page the post read moved to lands (decision 0034).
    moves: watchMoves,
    useWindowScroll: true,
    scrollMargin,
    estimateSize: () => CARD_ESTIMATE,
    overscan: 4,
  });
  useReportStats('Feed', list.list);
  // The hook's functions are new each render: the poll reads the latest through a ref.
  const refresh = useRef(list.refresh);
  refresh.current = list.refresh;
  // The feed opens at its newest post, the page's intro scrolled past. While part of the page
  // above the list is in view the poll waits: the list's anchor cannot hold a post's pixel there
  // yet (its scroll position stops at the list's start), so new posts would move what is read.
  const opened = useRef(false);
  useLayoutEffect(() => {
    // Once the list has its height (its count): before, the page may be too short to scroll there.
    if (opened.current || list.count === 0) return;
    opened.current = true;
    window.scrollTo({ top: scrollMargin, behavior: 'instant' });
  }, [list.count, scrollMargin]);
  useEffect(() => {
    if (grow === 0) return;
    const timer = setInterval(() => {
      if (window.scrollY >= scrollMargin - 1) refresh.current();
    }, POLL_MS);
    return () => clearInterval(timer);
  }, [grow, scrollMargin]);
  const atTop = useMemo(() => () => window.scrollY <= scrollMargin + 1, [scrollMargin]);
  const { newCount, seen, markSeen } = useNewAtHead(list.count, atTop);
  const showNew = () => {
    list.scrollToIndex(0, { align: 'start' });
    markSeen();
  };
  return (
    <>
      <div className="feed-new-bar">
        {newCount > 0 && (
          <button
            type="button"
            className="feed-new"
            data-testid="feed-new"
            data-new={newCount}
            onClick={showNew}
          >
            ↑ {newCount.toLocaleString('en')} new {newCount === 1 ? 'post' : 'posts'}
          </button>
        )}
      </div>
      <FeedPosts list={list} label="Posts, newest first" scrollMargin={scrollMargin} setSize={list.count} />
      <ListError status={list.status} error={list.error} retry={list.retry} />
      <div className="feed-status" aria-live="polite">
        <span data-testid="feed-growth" data-grow={grow} data-seen={seen ?? ''} data-new={newCount}>
          {grow === 0
            ? 'No new posts arrive (grow=0).'
            : `${grow.toLocaleString('en')} new ${grow === 1 ? 'post' : 'posts'} a second at the top · checked every ${POLL_MS / 1000} s`}
        </span>
        <span>{list.count.toLocaleString('en')} posts</span>
      </div>
    </>
  );
}
