// IndexedDB keys of the cache. Every entry key spells its namespace and dataset, so a read can
// never return another namespace's entry and `clear({ namespace })` can find them from keys alone.

/** Database name prefix: `idbCache({ name })` opens the database `lazyflow-cache:<name>`. */
export const DATABASE_PREFIX = 'lazyflow-cache:';

/** The one object store of every cache database. */
export const STORE_NAME = 'pages';

/** Key of the small index entry: bytes, storedAt and lastUsed of every other entry. */
export const INDEX_KEY = 'lazyflow:index';

/** What one entry holds: a page (by index) or the dataset's saved scroll position. */
export type EntrySlot = number | 'scroll';

/** The parts of an entry key. */
export interface EntryAddress {
  readonly namespace: string;
  /** `hashKey(datasetKey)` of the list. */
  readonly dataset: string;
  readonly slot: EntrySlot;
}

/**
 * The IndexedDB key of one entry: a JSON array, unambiguous whatever the namespace contains.
 *
 * @example
 * entryKey('user-1', '["users"]', 3); // '["user-1","[\\"users\\"]",3]'
 */
export function entryKey(namespace: string, dataset: string, slot: EntrySlot): string {
  return JSON.stringify([namespace, dataset, slot]);
}

/**
 * The parts of an entry key, or undefined for anything else (the index, foreign keys).
 *
 * @example
 * parseEntryKey(entryKey('u', 'd', 3)); // { namespace: 'u', dataset: 'd', slot: 3 }
 */
export function parseEntryKey(key: unknown): EntryAddress | undefined {
  if (typeof key !== 'string' || !key.startsWith('[')) return undefined;
  let parts: unknown;
  try {
    parts = JSON.parse(key);
  } catch {
    return undefined;
  }
  if (!Array.isArray(parts) || parts.length !== 3) return undefined;
  const [namespace, dataset, slot] = parts as unknown[];
  if (typeof namespace !== 'string' || typeof dataset !== 'string') return undefined;
  if (slot !== 'scroll' && !(typeof slot === 'number' && Number.isInteger(slot))) return undefined;
  return { namespace, dataset, slot };
}

/**
 * The database name of a cache.
 *
 * @example
 * databaseName('users'); // 'lazyflow-cache:users'
 */
export function databaseName(name: string): string {
  return `${DATABASE_PREFIX}${name}`;
}
