// The video catalogue behind `/api/videos`: 500,000 videos, newest first, generated from their
// index. Statuses are dealt in blocks so that a status filter can be answered by arithmetic:
// every block of BLOCK consecutive videos holds exactly PER_BLOCK[s] videos of status s (in a
// per-block shuffled order), so the k-th video of a status is in block ⌊k / PER_BLOCK[s]⌋ and
// a page of a filter costs O(limit), never a scan of the videos before it.
import { hash32 } from '../dataset.ts';

/** Where a video is in its life: public, still being transcoded, or not published yet. */
export type VideoStatus = 'published' | 'processing' | 'draft';

/** A status, or every video. */
export type VideoFilter = 'all' | VideoStatus;

/** The statuses, in the order the demo lists them. */
export const VIDEO_STATUSES: readonly VideoStatus[] = ['published', 'processing', 'draft'];

/** Every value `?status=` accepts, `all` first (the default). */
export const VIDEO_FILTERS: readonly VideoFilter[] = ['all', ...VIDEO_STATUSES];

/** One video of the catalogue (`/api/videos`). */
export interface Video {
  /** Index in the unfiltered catalogue (0 = newest upload). */
  id: number;
  title: string;
  channel: string;
  /** Length in seconds. */
  durationSec: number;
  /** 0 unless published. */
  views: number;
  status: VideoStatus;
  /** Transcoding progress in percent while `processing`, otherwise null. */
  progress: number | null;
  /** ISO timestamp; a larger id is an older upload. */
  uploadedAt: string;
  /**
   * The thumbnail's height / width: 9/16 (landscape), 3/4, 1, 5/4, or 16/9 for `#shorts`
   * (portrait). From the id, so a masonry layout has deterministic heights to pack.
   */
  thumbAspect: number;
}

/** Thumbnail shapes (height / width) of videos that are not shorts, most of them landscape. */
const THUMB_ASPECTS: readonly number[] = [9 / 16, 9 / 16, 9 / 16, 3 / 4, 1, 5 / 4];
/** The thumbnail shape of a `#shorts` video: portrait. */
const SHORTS_ASPECT = 16 / 9;

/** Videos in the catalogue. */
export const VIDEO_TOTAL = 500_000;

const BLOCK = 40;
const PER_BLOCK: Readonly<Record<VideoStatus, number>> = { published: 31, processing: 6, draft: 3 };
const BLOCKS = VIDEO_TOTAL / BLOCK; // an integer: the unit test checks VIDEO_TOTAL % BLOCK === 0

/** The statuses of a block before shuffling: PER_BLOCK[s] of each. */
const BLOCK_PATTERN: readonly VideoStatus[] = VIDEO_STATUSES.flatMap((s) =>
  Array.from({ length: PER_BLOCK[s] }, () => s),
);

const NEWEST_MS = Date.UTC(2025, 5, 1);
const UPLOAD_INTERVAL_MS = 180_000;

const OPENERS = [
  'How to build',
  'Why I switched to',
  'A week with',
  'Exploring',
  'Reviewing',
  'Live:',
  "Beginner's guide to",
  'Fixing',
  'The truth about',
  '10 tips for',
  'Restoring',
  'Inside',
];
const SUBJECTS = [
  'a modular synth',
  'sourdough bread',
  'mechanical keyboards',
  'Rust in production',
  'the Alps by night train',
  'film cameras',
  'a tiny house',
  'street food in Osaka',
  'home espresso',
  'vintage Macs',
  'a 1970s sailboat',
  'urban beekeeping',
  'TypeScript generics',
  'bouldering technique',
  'watercolour skies',
  'a solar-powered cabin',
];
const SUFFIXES = ['', '', '', ' (part 2)', ' in 4K', ' — full tutorial', ' #shorts', ' (2025 update)'];
const CHANNEL_A = ['Pixel', 'Signal', 'North', 'Copper', 'Quiet', 'Orbit', 'Maple', 'Static', 'Harbor'];
const CHANNEL_B = ['Kitchen', 'Lab', 'Works', 'Garage', 'Studio', 'Trails', 'Notes', 'Bench'];

function pick<T>(list: readonly T[], seed: number): T {
  return list[seed % list.length] as T;
}

/** Statuses of block `block`, shuffled by a Fisher–Yates seeded from the block number. */
function blockStatuses(block: number): VideoStatus[] {
  const out = [...BLOCK_PATTERN];
  for (let k = out.length - 1; k > 0; k--) {
    const j = hash32(block, 100 + k) % (k + 1);
    [out[k], out[j]] = [out[j] as VideoStatus, out[k] as VideoStatus];
  }
  return out;
}

/** The status of video `id`. */
export function videoStatus(id: number): VideoStatus {
  return blockStatuses(Math.floor(id / BLOCK))[id % BLOCK] as VideoStatus;
}

function makeVideo(id: number, status: VideoStatus): Video {
  const h = (salt: number) => hash32(id, salt);
  const r = (salt: number) => h(salt) / 4294967296;
  const suffix = pick(SUFFIXES, h(32));
  return {
    id,
    title: `${pick(OPENERS, h(30))} ${pick(SUBJECTS, h(31))}${suffix}`,
    channel: `${pick(CHANNEL_A, h(33))} ${pick(CHANNEL_B, h(34))}`,
    // Mostly a few minutes, a few up to three hours.
    durationSec: 15 + Math.floor(r(35) ** 3 * 10_800),
    views: status === 'published' ? Math.floor(r(36) ** 4 * 25_000_000) : 0,
    status,
    progress: status === 'processing' ? h(37) % 100 : null,
    uploadedAt: new Date(NEWEST_MS - id * UPLOAD_INTERVAL_MS - (h(38) % UPLOAD_INTERVAL_MS)).toISOString(),
    thumbAspect: suffix === ' #shorts' ? SHORTS_ASPECT : pick(THUMB_ASPECTS, h(39)),
  };
}

/** Video `id` of the unfiltered catalogue. Pure: the same id always gives an equal object. */
export function video(id: number): Video {
  return makeVideo(id, videoStatus(id));
}

/**
 * How many videos a filter matches, by arithmetic.
 *
 * @example
 * videoCount('all'); // 500,000
 */
export function videoCount(filter: VideoFilter): number {
  return filter === 'all' ? VIDEO_TOTAL : BLOCKS * PER_BLOCK[filter];
}

/** Every filter's count, e.g. for the labels of a filter bar. */
export function videoCounts(): Record<VideoFilter, number> {
  return {
    all: videoCount('all'),
    published: videoCount('published'),
    processing: videoCount('processing'),
    draft: videoCount('draft'),
  };
}

/**
 * Videos `[offset, offset + limit)` of the catalogue filtered by `filter`, in catalogue order
 * (newest first). O(limit + block size): the k-th video of a status is found from its block.
 *
 * @example
 * videos('draft', 1000, 20); // the 1,001st to 1,020th drafts
 */
export function videos(filter: VideoFilter, offset: number, limit: number): Video[] {
  const end = Math.min(offset + limit, videoCount(filter));
  const out: Video[] = [];
  if (filter === 'all') {
    for (let id = offset; id < end; id++) out.push(video(id));
    return out;
  }
  const perBlock = PER_BLOCK[filter];
  let block = -1;
  let positions: number[] = []; // positions in `block` holding `filter`, ascending
  for (let k = offset; k < end; k++) {
    const wanted = Math.floor(k / perBlock);
    if (wanted !== block) {
      block = wanted;
      positions = [];
      blockStatuses(block).forEach((status, at) => {
        if (status === filter) positions.push(at);
      });
    }
    out.push(makeVideo(block * BLOCK + (positions[k % perBlock] as number), filter));
  }
  return out;
}
