// Deterministic datasets generated on demand from an index: item i is always the same
// object, and nothing is ever materialised as an array, so a 100,000,000-item dataset
// costs nothing until a page of it is asked for.

/** One row of the demo's main dataset (`/api/items`, `/api/feed`). */
export interface Item {
  id: number;
  title: string;
  body: string;
  author: string;
  /** ISO timestamp; items get newer as the index grows (one per ~37 s, from 2020-01-01). */
  createdAt: string;
  score: number;
  views: number;
  price: number;
  tags: string[];
}

/** One event of the live stream (`/api/stream`): a log/metric line. */
export interface StreamEvent {
  seq: number;
  ts: number;
  level: 'debug' | 'info' | 'warn' | 'error';
  service: string;
  message: string;
  value: number;
}

/** One point of the time series (`/api/metrics`). */
export interface MetricPoint {
  t: number;
  value: number;
  min: number;
  max: number;
}

/** The largest dataset the mock server will describe (`?total=` is capped here). */
export const MAX_TOTAL = 100_000_000;
/** The size of `/api/items` and `/api/feed` when `?total=` is not given. */
export const DEFAULT_TOTAL = 1_000_000;

const EPOCH_MS = Date.UTC(2020, 0, 1);
const ITEM_INTERVAL_MS = 37_000;

// Words include multi-byte UTF-8 (accents, CJK, emoji) so that stream tests meet
// characters split across network chunks.
const WORDS = [
  'lazy',
  'flow',
  'river',
  'window',
  'page',
  'cursor',
  'stream',
  'signal',
  'buffer',
  'index',
  'café',
  'naïve',
  'über',
  'señal',
  'façade',
  'données',
  'straße',
  'größe',
  '東京',
  'データ',
  '流れ',
  '窓',
  'ветер',
  'поток',
  '🚀',
  '🌊',
  '✨',
  'résumé',
  'mañana',
  'jalapeño',
  'orbit',
  'delta',
  'quartz',
  'ember',
  'harbor',
  'meadow',
  'summit',
  'canyon',
  'lantern',
  'compass',
];
const FIRST = [
  'Ada',
  'Linus',
  'Grace',
  'Alan',
  'Barbara',
  'Ken',
  'Margaret',
  'Dennis',
  'Frances',
  'Edsger',
  'Zoë',
  'José',
];
const LAST = [
  'Lovelace',
  'Torvalds',
  'Hopper',
  'Turing',
  'Liskov',
  'Thompson',
  'Hamilton',
  'Ritchie',
  'Allen',
  'Dijkstra',
  'Müller',
  'Núñez',
];
const TAGS = ['news', 'sports', 'tech', 'music', 'travel', 'food', 'science', 'art'];
const SERVICES = ['api', 'auth', 'billing', 'search', 'worker', 'gateway'];
const LEVELS: StreamEvent['level'][] = ['debug', 'info', 'info', 'info', 'info', 'warn', 'warn', 'error'];

/** A 32-bit integer hash of (n, salt): the seed of every generated field (splitmix-style mixing). */
export function hash32(n: number, salt = 0): number {
  let h = (Math.floor(n) ^ Math.imul(salt + 0x9e3779b9, 0x85ebca6b)) >>> 0;
  // Mix the high part too, so indexes above 2^32 still differ.
  h = (h ^ Math.floor(n / 0x100000000)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}

/** A small deterministic pseudo-random generator (mulberry32) seeded from an index. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The element of `list` a random number `r` in [0, 1) picks. */
export function pick<T>(list: readonly T[], r: number): T {
  return list[Math.floor(r * list.length) % list.length] as T;
}

function words(next: () => number, count: number): string {
  const out: string[] = [];
  for (let k = 0; k < count; k++) out.push(pick(WORDS, next()));
  return out.join(' ');
}

/**
 * Item `i` of the main dataset. Pure: the same `i` always gives an equal object.
 * Bodies vary from a few words to a few hundred characters, so rows have varying heights.
 */
export function item(i: number): Item {
  const next = rng(hash32(i, 1));
  const titleWords = 2 + Math.floor(next() * 5);
  // Skewed body length: most rows short, some long (dynamic-height lists need both).
  const bodyWords = 3 + Math.floor(next() ** 3 * 90);
  const tagCount = 1 + Math.floor(next() * 3);
  const tags: string[] = [];
  for (let k = 0; k < tagCount; k++) tags.push(pick(TAGS, next()));
  return {
    id: i,
    title: `#${i} ${words(next, titleWords)}`,
    body: words(next, bodyWords),
    author: `${pick(FIRST, next())} ${pick(LAST, next())}`,
    createdAt: new Date(EPOCH_MS + i * ITEM_INTERVAL_MS).toISOString(),
    score: Math.round(next() * 10_000) / 100,
    views: Math.floor(next() ** 2 * 1_000_000),
    price: Math.round(next() * 100_000) / 100,
    tags,
  };
}

/** Items `[start, end)` of the main dataset, generated on demand. */
export function items(start: number, end: number): Item[] {
  const out: Item[] = [];
  for (let i = start; i < end; i++) out.push(item(i));
  return out;
}

/** Event `seq` of the live stream. Pure, like {@link item}. */
export function streamEvent(seq: number): StreamEvent {
  const next = rng(hash32(seq, 2));
  const level = pick(LEVELS, next());
  return {
    seq,
    ts: EPOCH_MS + seq * 10,
    level,
    service: pick(SERVICES, next()),
    message: words(next, 3 + Math.floor(next() * 8)),
    value: Math.round(next() * 100_000) / 100,
  };
}

/**
 * The time series at time `t` (ms), aggregated over `[t, t + step)`: a daily and an hourly
 * wave plus deterministic noise, so zooming in shows detail and zooming out stays smooth.
 */
export function metricPoint(t: number, step: number): MetricPoint {
  const wave = (x: number) =>
    50 + 30 * Math.sin((2 * Math.PI * x) / 86_400_000) + 10 * Math.sin((2 * Math.PI * x) / 3_600_000);
  const noise = (x: number) => (hash32(Math.floor(x / 60_000), 3) / 4294967296 - 0.5) * 8;
  const a = wave(t) + noise(t);
  const b = wave(t + step) + noise(t + step - 1);
  const mid = wave(t + step / 2) + noise(t + step / 2);
  const round = (x: number) => Math.round(x * 1000) / 1000;
  return {
    t,
    value: round((a + b + mid) / 3),
    min: round(Math.min(a, b, mid)),
    max: round(Math.max(a, b, mid)),
  };
}
