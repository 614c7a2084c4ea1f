import { listDataAttributes, type VirtualRow } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import type { UseLazyListResult } from '@lazyflow/react';
import { RowSkeleton } from './RowSkeleton.tsx';

/** The height a feed card is estimated at before it is measured, px. */
export const CARD_ESTIMATE = 150;
const POSTED = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/**
 * The number a post shows (and the Feed's lines name): its place in the feed's million, oldest
 * first, from 1, as every list of the demo numbers what it shows (decision 0039).
 *
 * @example
 * postNumber(499_999); // '500,000'
 */
export function postNumber(id: number): string {
  return (id + 1).toLocaleString('en');
}

/** One post of a feed (both Feed modes): its title, number, author, date and text, or a skeleton while it loads. */
function FeedCard({ row, setSize }: { row: VirtualRow<Item>; setSize: number }) {
  return (
    <article aria-posinset={row.index + 1} aria-setsize={setSize} aria-labelledby={`post-${row.key}`}>
      {row.state.status === 'loaded' ? (
        <>
          <h3 id={`post-${row.key}`}>{row.state.item.title}</h3>
          <p className="feed-meta">
            <span className="post-number">Post {postNumber(row.state.item.id)}</span> ·{' '}
            {row.state.item.author} · {POSTED.format(new Date(row.state.item.createdAt))}
          </p>
          <p>{row.state.item.body}</p>
        </>
      ) : (
        <RowSkeleton height={CARD_ESTIMATE - 36} lines={4} />
      )}
    </article>
  );
}

/**
 * A feed's posts (both Feed modes): the window-scrolled spacer with one measured, translated card
 * per rendered row. `setSize` is the posts' count for `aria-setsize` (-1 when not known).
 */
export function FeedPosts({
  list,
  label,
  scrollMargin,
  setSize,
}: {
  list: UseLazyListResult<Item>;
  label: string;
  scrollMargin: number;
  setSize: number;
}) {
  return (
    <div
      role="feed"
      aria-label={label}
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
          <FeedCard row={row} setSize={setSize} />
        </div>
      ))}
    </div>
  );
}
