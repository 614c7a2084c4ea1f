import { http } from 'msw';
import {
  VIDEO_FILTERS,
  type Video,
  type VideoFilter,
  videoCount,
  videoCounts,
  videos,
} from '../datasets/videos.ts';
import { choiceParam, handle, intParam, json } from '../http.ts';
import { MAX_LIMIT } from './items.ts';

/** Body of `GET /api/videos`. */
export interface VideosPage {
  items: Video[];
  /** Videos matching `status`. */
  total: number;
  /** The filter this page was answered for (a client can drop a page of a filter it left). */
  status: VideoFilter;
  /** Every filter's total, for the labels of a filter bar. */
  counts: Record<VideoFilter, number>;
}

/**
 * `GET /api/videos?offset&limit[&status=all|published|processing|draft]` →
 * `{ items, total, status, counts }`: random access into the 500,000-video catalogue, newest
 * first, optionally filtered by status. A filtered page costs O(limit) (see datasets/videos.ts).
 */
export const videosHandler = http.get('*/api/videos', ({ request }) =>
  handle(
    request,
    (url) => {
      const status = choiceParam(url, 'status', VIDEO_FILTERS);
      return {
        status,
        offset: intParam(url, 'offset', 0, { max: videoCount('all') }),
        limit: intParam(url, 'limit', 50, { min: 1, max: MAX_LIMIT }),
      };
    },
    ({ status, offset, limit }, faults) =>
      json(
        {
          items: videos(status, offset, limit),
          total: videoCount(status),
          status,
          counts: videoCounts(),
        } satisfies VideosPage,
        faults,
      ),
  ),
);
