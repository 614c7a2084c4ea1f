import { listDataAttributes } from '@lazyflow/core';
import { masonry } from '@lazyflow/core/masonry';
import { VIDEO_FILTERS, type Video, type VideoFilter, type VideosPage as VideosBody } from '@lazyflow/mocks';
import { useLazyList } from '@lazyflow/react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { ListError } from '../components/ListError.tsx';
import { PageIntro } from '../components/PageIntro.tsx';
import { PendingItem, pageMarks } from '../components/PendingItem.tsx';
import { RowSkeleton } from '../components/RowSkeleton.tsx';
import { VideoThumbnail } from '../components/VideoThumbnail.tsx';
import { type VideosSourceEvents, videosSource } from '../lib/catalogSources.ts';
import { formatCount } from '../lib/formatCount.ts';
import { useLanes } from '../lib/useLanes.ts';
import { useReportStats } from '../lib/useReportStats.ts';

const CARD_MIN_WIDTH = 240;
/** On a phone two narrower lanes, so the masonry shows (one lane would be a plain list). */
const PHONE_CARD_MIN_WIDTH = 170;
/** A card before it is measured: a thumbnail of the average shape plus the text under it. */
const CARD_ESTIMATE = 300;
/** The skeleton's text block (the loaded card's text is the same height). */
const BODY_HEIGHT = 84;
const GAP = 12;

const LABELS: Record<VideoFilter, string> = {
  all: 'All',
  published: 'Published',
  processing: 'Processing',
  draft: 'Draft',
};
const DATE = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeZone: 'UTC' });
const VIEWS = new Intl.NumberFormat('en', { notation: 'compact', maximumFractionDigits: 1 });

/** A responsive masonry of 500,000 video cards, filtered by status on the server. */
export function VideosPage() {
  const [filter, setFilter] = useState<VideoFilter>('all');
  const current = useRef<VideoFilter>('all');
  const [counts, setCounts] = useState<VideosBody['counts'] | null>(null);
  const [staleAborted, setStaleAborted] = useState(0);
  const wrapper = useRef<HTMLDivElement>(null);
  const wide = useLanes(wrapper, CARD_MIN_WIDTH);
  const narrow = useLanes(wrapper, PHONE_CARD_MIN_WIDTH);
  const lanes = wide === null || narrow === null ? null : Math.max(wide, Math.min(2, narrow));

  // Stable, so a filter's source is made once. The totals never change: keep the first ones.
  const onCounts = useCallback((next: VideosBody['counts']) => setCounts((shown) => shown ?? next), []);
  const onAbort = useCallback((of: VideoFilter) => {
    // Aborts inside the current filter are ordinary (a page scrolled out of reach); only those
    // of a filter the user has left show that switching cancels what is no longer wanted.
    if (of !== current.current) setStaleAborted((n) => n + 1);
  }, []);
  const choose = (next: VideoFilter) => {
    current.current = next;
    setFilter(next);
  };

  return (
    <section className="page-fill">
      <PageIntro
        title="Videos"
        tryThis="click the status filters quickly one after another: the counter shows the requests of filters you left being cancelled."
        code={
          <>
            <code>layout: masonry</code> (from <code>@lazyflow/core/masonry</code>) with <code>lanes</code>{' '}
            (one per {CARD_MIN_WIDTH} px), a new <code>key</code> per filter, over <code>/api/videos</code>
          </>
        }
      >
        A library of 500,000 videos with thumbnails of every shape (landscape, square, portrait shorts),
        packed in masonry: each card goes into the shortest column. Changing the filter asks the server for
        the new set and cancels what the old one was still loading.
      </PageIntro>
      <div className="controls">
        <fieldset className="video-filters">
          <legend>Status</legend>
          {VIDEO_FILTERS.map((f) => (
            <button
              key={f}
              type="button"
              className="video-filter"
              aria-pressed={f === filter}
              data-testid={`video-filter-${f}`}
              onClick={() => choose(f)}
            >
              {LABELS[f]}
              {counts !== null && (
                <span className="video-filter-count">{counts[f].toLocaleString('en')}</span>
              )}
            </button>
          ))}
        </fieldset>
        <span className="list-status" data-testid="videos-aborted" data-aborted={staleAborted}>
          {staleAborted} request{staleAborted === 1 ? '' : 's'} of earlier filters aborted
        </span>
      </div>
      <div ref={wrapper} className="fill fill-column" data-testid="videos-view">
        {/* Rendered once the width is known, so the list starts with the right number of lanes. */}
        {lanes !== null && (
          <VideoCards
            key={filter}
            filter={filter}
            total={counts?.[filter]}
            lanes={lanes}
            onCounts={onCounts}
            onAbort={onAbort}
          />
        )}
      </div>
    </section>
  );
}

interface VideoCardsProps {
  filter: VideoFilter;
  /** The filter's total when a response told it already: its skeleton cards show at once. */
  total: number | undefined;
  lanes: number;
  onCounts: NonNullable<VideosSourceEvents['onCounts']>;
  onAbort: (filter: VideoFilter) => void;
}

/** One filter's masonry: mounted per filter (a React key), so it starts at the top with its own list. */
function VideoCards({ filter, total, lanes, onCounts, onAbort }: VideoCardsProps) {
  const scroller = useRef<HTMLDivElement>(null);
  // The total known at mount only: a source made anew later would be another list's.
  const [initialCount] = useState(total);
  const source = useMemo(
    () => videosSource(filter, { onCounts, onAbort: () => onAbort(filter) }, undefined, initialCount),
    [filter, onCounts, onAbort, initialCount],
  );
  const list = useLazyList<Video>({
    key: ['demo-videos', filter],
    source,
    getScrollElement: () => scroller.current,
    estimateSize: () => CARD_ESTIMATE,
    layout: masonry,
    lanes,
    gap: GAP,
    overscan: 2,
  });
  useReportStats('Videos', list.list);
  const what = filter === 'all' ? 'videos' : `${filter} videos`;
  const pageSize = list.stats.pageSize || 1;
  // In a masonry the lowest index in view may be a card mostly above it: the text (centred in the
  // card) goes to the first card of a page whose middle is on screen.
  const top = scroller.current?.scrollTop ?? 0;
  const bottom = top + (scroller.current?.clientHeight ?? 0);
  const middles = new Set(
    list.rows
      .filter((row) => row.start + row.size / 2 >= top && row.start + row.size / 2 <= bottom)
      .map((row) => row.index),
  );
  const first = pageMarks((index) => middles.has(index), pageSize);

  return (
    <>
      <p className="list-status" data-testid="videos-status">
        {list.count === 0 && list.status === 'loading'
          ? `Loading ${what}…`
          : `${list.count.toLocaleString('en')} ${what}`}
        {list.range &&
          list.count > 0 &&
          ` · cards ${(list.range.start + 1).toLocaleString('en')}–${list.range.end.toLocaleString('en')}`}
        {` · ${formatCount(lanes, 'column')} · ${list.status} · ${formatCount(list.stats.pagesInMemory, 'page')} in memory · ${formatCount(list.stats.requests, 'request')}`}
      </p>
      <ListError status={list.status} error={list.error} retry={list.retry} />
      <div ref={scroller} className="scroller videos-scroller" data-testid="videos-scroller">
        <ul
          className="spacer"
          aria-label={`${LABELS[filter]} videos`}
          data-testid="videos-list"
          data-filter={filter}
          data-lanes={lanes}
          style={{ height: list.totalSize + GAP }}
          {...listDataAttributes(list)}
        >
          {list.rows.map((row) => {
            const video = row.state.status === 'loaded' ? row.state.item : null;
            return (
              <li
                key={row.key}
                ref={list.measureElement}
                className="card video-card"
                data-index={row.index}
                data-lane={row.lane}
                data-state={row.state.status}
                data-status={video?.status}
                data-video-id={video?.id}
                aria-posinset={row.index + 1}
                aria-setsize={list.count}
                aria-busy={video === null}
                style={{
                  top: GAP / 2,
                  left: `calc(${row.lane} * 100% / ${lanes} + ${GAP / 2}px)`,
                  width: `calc(100% / ${lanes} - ${GAP}px)`,
                  transform: `translateY(${row.start}px)`,
                }}
              >
                {video === null ? (
                  // Failed and retrying cards are as tall as the skeleton, so nothing moves.
                  <PendingItem
                    state={row.state}
                    index={row.index}
                    pageSize={pageSize}
                    count={list.count}
                    noun={what}
                    first={first(row.index, row.state)}
                    retry={list.retry}
                    height={CARD_ESTIMATE}
                    card
                    skeleton={<CardSkeleton />}
                  />
                ) : (
                  <VideoCard video={video} />
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </>
  );
}

function VideoCard({ video }: { video: Video }) {
  const uploaded = DATE.format(new Date(video.uploadedAt));
  return (
    <>
      <VideoThumbnail video={video} />
      <div className="video-body" style={{ height: BODY_HEIGHT }}>
        <h3 title={video.title}>{video.title}</h3>
        <p>{video.channel}</p>
        <p className="muted">
          {video.status === 'published' ? `${VIEWS.format(video.views)} views` : LABELS[video.status]} ·{' '}
          {uploaded}
        </p>
      </div>
    </>
  );
}

/** A card still loading, at the estimate's height (a fixed one: the card's own shape comes with its data). */
function CardSkeleton() {
  return (
    <>
      <div className="video-thumb video-thumb-empty" style={{ height: CARD_ESTIMATE - BODY_HEIGHT }} />
      <div className="video-body" style={{ height: BODY_HEIGHT }}>
        <RowSkeleton height={BODY_HEIGHT - 18} lines={3} />
      </div>
    </>
  );
}
