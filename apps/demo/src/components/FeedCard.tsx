import type { VirtualRow } from '@lazyflow/core';
import type { Item } from '@lazyflow/mocks';
import { RowSkeleton } from './RowSkeleton.tsx';

/** The height a feed card is estimated at before it is measured, px. */
export const CARD_ESTIMATE = 150;
const POSTED = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });

/** One post of a feed (both Feed modes): its title, author, date and text, or a skeleton while it loads. */
export function FeedCard({ row, setSize }: { row: VirtualRow<Item>; setSize: number }) {
  return (
    <article aria-posinset={row.index + 1} aria-setsize={setSize} aria-labelledby={`post-${row.key}`}>
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
  );
}
