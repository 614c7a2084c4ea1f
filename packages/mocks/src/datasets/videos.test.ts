import { describe, expect, it } from 'vitest';
import {
  VIDEO_FILTERS,
  VIDEO_STATUSES,
  VIDEO_TOTAL,
  type VideoStatus,
  video,
  videoCount,
  videoCounts,
  videoStatus,
  videos,
} from './videos.ts';

/** The first `n` videos of `status`, found the slow way: by scanning the catalogue. */
function scan(status: VideoStatus, n: number): number[] {
  const ids: number[] = [];
  for (let id = 0; ids.length < n; id++) if (videoStatus(id) === status) ids.push(id);
  return ids;
}

describe('video catalogue', () => {
  it('has per-status counts that add up to 500,000 and match a full scan', () => {
    const scanned: Record<VideoStatus, number> = { published: 0, processing: 0, draft: 0 };
    for (let id = 0; id < VIDEO_TOTAL; id++) scanned[videoStatus(id)] += 1;
    expect(scanned).toEqual({
      published: videoCount('published'),
      processing: videoCount('processing'),
      draft: videoCount('draft'),
    });
    const sum = VIDEO_STATUSES.reduce((total, status) => total + videoCount(status), 0);
    expect(sum).toBe(500_000);
    expect(videoCount('all')).toBe(500_000);
    expect(videoCounts()).toEqual({ all: 500_000, ...scanned });
  }, 20_000);

  it('gives an equal video for the same id, and statuses that are not periodic', () => {
    expect(video(123_456)).toEqual(video(123_456));
    const firstBlocks = Array.from({ length: 80 }, (_, id) => videoStatus(id)).join();
    const laterBlocks = Array.from({ length: 80 }, (_, id) => videoStatus(400_000 + id)).join();
    expect(firstBlocks).not.toBe(laterBlocks);
  });

  it.each(VIDEO_STATUSES)(
    'pages of %s hold the k-th videos of that status, across block boundaries',
    (status) => {
      const expected = scan(status, 500);
      // Offsets that start and end inside blocks, and a page spanning many blocks.
      for (const [offset, limit] of [
        [0, 7],
        [5, 31],
        [29, 3],
        [100, 400],
      ] as const) {
        const page = videos(status, offset, limit);
        expect(page.map((v) => v.id)).toEqual(expected.slice(offset, offset + limit));
        expect(page.every((v) => v.status === status)).toBe(true);
        expect(page).toEqual(page.map((v) => video(v.id)));
      }
    },
  );

  it('answers a page near the end of a filter without scanning, and cuts the last page short', () => {
    for (const filter of VIDEO_FILTERS) {
      const total = videoCount(filter);
      const page = videos(filter, total - 3, 10);
      expect(page).toHaveLength(3);
      expect(videos(filter, total, 10)).toEqual([]);
      if (filter !== 'all') expect(page.every((v) => v.status === filter)).toBe(true);
    }
    // The last draft is in the last block of the catalogue.
    expect(videos('draft', videoCount('draft') - 1, 1)[0]?.id).toBeGreaterThanOrEqual(VIDEO_TOTAL - 40);
  });

  it('lists newest first, in every filter', () => {
    for (const filter of VIDEO_FILTERS) {
      const page = videos(filter, 1_000, 50);
      for (let k = 1; k < page.length; k++) {
        expect(Date.parse(page[k]?.uploadedAt ?? '')).toBeLessThan(Date.parse(page[k - 1]?.uploadedAt ?? ''));
      }
    }
  });

  it('gives each video a thumbnail shape from its id: portrait for shorts, mixed otherwise', () => {
    const all = videos('all', 0, 2_000);
    const shapes = new Set(all.map((v) => v.thumbAspect));
    expect([...shapes].sort()).toEqual([9 / 16, 3 / 4, 1, 5 / 4, 16 / 9].sort());
    for (const v of all) expect(v.thumbAspect === 16 / 9).toBe(v.title.endsWith('#shorts'));
  });

  it('has views only when published and progress only while processing', () => {
    for (const v of videos('all', 0, 400)) {
      if (v.status !== 'published') expect(v.views).toBe(0);
      expect(v.progress === null).toBe(v.status !== 'processing');
      expect(v.durationSec).toBeGreaterThanOrEqual(15);
    }
  });
});
