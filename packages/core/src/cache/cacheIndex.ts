// What the cache stores, and the pure checks on it: one record per page (or saved scroll) and
// one small index entry listing every record's bytes, storedAt and lastUsed, so budget and LRU
// decisions never read page data.

/** A cache version (or buster): entries written under another version are never served. */
export type CacheVersion = number | string;

/** Index figures of one entry. Times are wall-clock ms (`Date.now()`): TTLs span reloads. */
export interface IndexEntry {
  readonly bytes: number;
  readonly storedAt: number;
  readonly lastUsed: number;
}

/** The index as stored: entry key → [bytes, storedAt, lastUsed]. */
export interface StoredIndex {
  readonly format: 1;
  readonly version: CacheVersion;
  readonly entries: Readonly<Record<string, readonly [number, number, number]>>;
}

/** One stored page or scroll position. `ns` and `v` are checked again on every read. */
export interface StoredRecord {
  readonly v: CacheVersion;
  readonly ns: string;
  readonly storedAt: number;
  readonly bytes: number;
  readonly data: unknown;
}

/** Outcome of reading one record. */
export type RecordCheck =
  | { readonly kind: 'hit'; readonly data: unknown; readonly bytes: number; readonly storedAt: number }
  | { readonly kind: 'absent' }
  | { readonly kind: 'expired' }
  | { readonly kind: 'invalid'; readonly reason: string };

/** What a read expects of a record. */
export interface RecordExpectation {
  readonly version: CacheVersion;
  readonly namespace: string;
  readonly now: number;
  readonly ttlMs: number;
}

/**
 * Whether an entry stored at `storedAt` is still within its TTL at `now`. An entry dated far in
 * the future (a clock set back by more than a TTL) counts as expired rather than living forever.
 *
 * @example
 * isFresh(1_000, 1_500, 1_000); // true
 * isFresh(1_000, 2_000, 1_000); // false
 */
export function isFresh(storedAt: number, now: number, ttlMs: number): boolean {
  const age = now - storedAt;
  return age < ttlMs && age > -ttlMs;
}

/**
 * Checks a stored record against the version, namespace and TTL the reader expects.
 *
 * @example
 * checkRecord(undefined, expectation).kind; // 'absent'
 * checkRecord({ v: 2, ns: '', storedAt: now, bytes: 10, data: {} }, { ...expectation, version: 3 }).kind; // 'invalid'
 */
export function checkRecord(raw: unknown, expect: RecordExpectation): RecordCheck {
  if (raw === undefined) return { kind: 'absent' };
  if (typeof raw !== 'object' || raw === null) return { kind: 'invalid', reason: 'not an object' };
  const record = raw as Partial<StoredRecord>;
  if (record.v !== expect.version) return { kind: 'invalid', reason: `version ${String(record.v)}` };
  if (record.ns !== expect.namespace) return { kind: 'invalid', reason: 'another namespace' };
  if (typeof record.storedAt !== 'number' || typeof record.bytes !== 'number' || !('data' in record)) {
    return { kind: 'invalid', reason: 'missing fields' };
  }
  if (!isFresh(record.storedAt, expect.now, expect.ttlMs)) return { kind: 'expired' };
  return { kind: 'hit', data: record.data, bytes: record.bytes, storedAt: record.storedAt };
}

/** The index read back: its entries, `absent` (a new store) or `corrupt` (unreadable: start over). */
export type IndexCheck =
  | { readonly kind: 'ok'; readonly version: CacheVersion; readonly entries: Map<string, IndexEntry> }
  | { readonly kind: 'absent' }
  | { readonly kind: 'corrupt' };

/**
 * Parses a stored index; anything malformed is `corrupt`.
 *
 * @example
 * parseIndex({ format: 1, version: 3, entries: { k: [10, 1, 2] } }); // { kind: 'ok', version: 3, entries: Map { k → … } }
 */
export function parseIndex(raw: unknown): IndexCheck {
  if (raw === undefined) return { kind: 'absent' };
  if (typeof raw !== 'object' || raw === null) return { kind: 'corrupt' };
  const index = raw as Partial<StoredIndex>;
  const version = index.version;
  if (index.format !== 1 || (typeof version !== 'number' && typeof version !== 'string')) {
    return { kind: 'corrupt' };
  }
  if (typeof index.entries !== 'object' || index.entries === null) return { kind: 'corrupt' };
  const entries = new Map<string, IndexEntry>();
  for (const [key, value] of Object.entries(index.entries)) {
    if (!Array.isArray(value) || value.length !== 3 || !value.every(Number.isFinite))
      return { kind: 'corrupt' };
    const [bytes, storedAt, lastUsed] = value;
    entries.set(key, { bytes, storedAt, lastUsed });
  }
  return { kind: 'ok', version, entries };
}

/**
 * The index as stored.
 *
 * @example
 * serializeIndex(3, new Map([['k', { bytes: 10, storedAt: 1, lastUsed: 2 }]])).entries.k; // [10, 1, 2]
 */
export function serializeIndex(version: CacheVersion, entries: ReadonlyMap<string, IndexEntry>): StoredIndex {
  const out: Record<string, readonly [number, number, number]> = {};
  for (const [key, entry] of entries) out[key] = [entry.bytes, entry.storedAt, entry.lastUsed];
  return { format: 1, version, entries: out };
}

/**
 * Applies this tab's changes (an entry, or null for a deletion) to the index as another tab may
 * have left it, so two tabs writing the same store do not erase each other's entries.
 *
 * @example
 * mergeIndex(new Map([['a', e1], ['b', e2]]), new Map([['b', null], ['c', e3]])); // a, c
 */
export function mergeIndex(
  fresh: ReadonlyMap<string, IndexEntry>,
  changes: ReadonlyMap<string, IndexEntry | null>,
): Map<string, IndexEntry> {
  const merged = new Map(fresh);
  for (const [key, entry] of changes) {
    if (entry === null) merged.delete(key);
    else merged.set(key, entry);
  }
  return merged;
}
