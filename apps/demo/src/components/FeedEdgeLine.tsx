import { describeLoadError } from '../lib/describeLoadError.ts';
import type { FeedEdge } from '../lib/feedEdges.ts';
import { postNumber } from './FeedCard.tsx';

/** The height of the line above the feed's oldest post, px: fixed, so the list's offset in the page is known before it renders. */
export const FEED_EDGE_HEIGHT = 64;

/**
 * One end of the two-way feed as a line at that end (issue #20 item 4): loading, retrying
 * ("attempt 2 of 4"), failed (which posts, the error in words, Retry for that page) or reached.
 * `side` 'older' is drawn above the oldest post loaded, 'newer' below the newest; `post` is the
 * id of the post at that end, shown as its number (the failed page is the one before / after it), null before
 * one loaded. `side` 'first' is the line of a feed with no post yet, in the older line's place:
 * its first page loading, between attempts or failed, `post` the one it opens at.
 */
export function FeedEdgeLine({
  side,
  edge,
  loading,
  reached,
  post,
  retry,
}: {
  side: 'older' | 'newer' | 'first';
  edge: FeedEdge;
  loading: boolean;
  reached: boolean;
  post: number | null;
  retry: (page: number) => void;
}) {
  const arrow = side === 'older' ? '↑' : side === 'newer' ? '↓' : '';
  const preposition = side === 'older' ? 'before' : side === 'newer' ? 'after' : 'from';
  const where = post === null ? '' : ` ${preposition} post ${postNumber(post)}`;
  const posts = side === 'first' ? 'posts' : `${side} posts`;
  const style = side === 'newer' ? undefined : { height: FEED_EDGE_HEIGHT };
  if (edge.kind === 'failed') {
    const text = describeLoadError(edge.error);
    return (
      <div
        className="feed-edge failed-row"
        data-testid={`feed-edge-${side}`}
        data-state="error"
        data-page={edge.page}
        style={style}
        title={text.detail}
      >
        <div className="feed-edge-text">
          <span className="failed-row-text">
            {arrow} Couldn't load {posts}
            {where}
            {text.status !== null && <span className="failed-row-status"> · HTTP {text.status}</span>}
          </span>
          <span className="feed-edge-why">{text.summary}</span>
        </div>
        <button type="button" className="button-retry" onClick={() => retry(edge.page)}>
          Retry
        </button>
      </div>
    );
  }
  if (edge.kind === 'retrying') {
    const text = describeLoadError(edge.lastError);
    return (
      <div
        className="feed-edge retrying-row retrying-row-first"
        data-testid={`feed-edge-${side}`}
        data-state="retrying"
        data-attempt={edge.attempt}
        style={style}
        title={text.detail}
      >
        <span className="retrying-row-text">
          {arrow} Retrying {posts}
          {where} — attempt {edge.attempt} of {edge.attempts}
          {text.status !== null && <span className="retrying-row-status"> · HTTP {text.status}</span>}
        </span>
      </div>
    );
  }
  const words =
    side === 'first'
      ? `Loading ${posts}${where}…`
      : reached
        ? side === 'older'
          ? 'You reached the oldest post.'
          : 'You reached the newest post.'
        : loading
          ? `Loading ${posts}…`
          : side === 'older'
            ? 'Older posts load here as you scroll up.'
            : 'Newer posts load here as you scroll down.';
  return (
    <div
      className="feed-edge"
      data-testid={`feed-edge-${side}`}
      data-state={side === 'first' ? 'loading' : reached ? 'reached' : loading ? 'loading' : 'idle'}
      style={style}
    >
      {arrow} {words}
    </div>
  );
}
