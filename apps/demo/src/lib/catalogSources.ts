// lazyflow sources over the catalogue endpoints. No React.
import { isAbortError, type OffsetSource, offsetSource } from '@lazyflow/core';
import type { SortOrder, UserSort, UserWithMetrics, Video, VideoFilter, VideosPage } from '@lazyflow/mocks';
import { fetchUsersWide, fetchVideos } from './catalogApi.ts';

/** What a page of {@link videosSource} tells besides its items. */
export interface VideosSourceEvents {
  /** Every filter's total, from each response. */
  onCounts?: (counts: VideosPage['counts']) => void;
  /** A request was aborted (its page left the window, or the list was torn down). */
  onAbort?: () => void;
}

/**
 * Random access into `/api/videos` filtered by `status`; one source per filter, so a filter is
 * its own list (its own key) and leaving it aborts its requests. `initialCount` (the filter's
 * total, when an earlier response told it) lets the list lay out the filter's skeleton cards at
 * once, before its first page.
 */
export function videosSource(
  status: VideoFilter,
  events: VideosSourceEvents = {},
  pageSize = 60,
  initialCount?: number,
): OffsetSource<Video> {
  return offsetSource<Video>({
    pageSize,
    ...(initialCount === undefined ? {} : { initialCount }),
    fetchPage: async ({ offset, limit, signal }) => {
      try {
        const page = await fetchVideos({ offset, limit, status, signal });
        events.onCounts?.(page.counts);
        return page;
      } catch (error) {
        if (signal.aborted || isAbortError(error)) events.onAbort?.();
        throw error;
      }
    },
  });
}

/** Random access into `/api/users` in the server's order by `sort`, each user with its 300 metric columns: the Users grid's row pages. */
export function usersWideSource(
  sort: UserSort,
  order: SortOrder,
  pageSize = 100,
): OffsetSource<UserWithMetrics> {
  return offsetSource<UserWithMetrics>({
    pageSize,
    fetchPage: ({ offset, limit, signal }) => fetchUsersWide({ offset, limit, sort, order, signal }),
  });
}
