import type { OffsetPage, OffsetSource } from '../sources/source.ts';
import type { EditRope } from '../store/editRope.ts';

/**
 * Why a write was refused, with the key or index it was given: `unknown-key` (no loaded item has
 * the key), `not-loaded` (the page at the index is not loaded), `out-of-range` (an index beyond
 * the count), `unsupported` (inserts and removes need an offset source), `stale` (a write
 * on rows shown stale, kept through `refresh()`, an invalidation or a dataset move until their
 * page is fetched again, on a list without `getItemKey`: its index is the one from before,
 * decision 0030; with it the write waits and is applied by key, decisions 0040 and 0041),
 * `destroyed` (the list was destroyed; or, in `settled`, the key's last list while the write
 * waited), `disabled`
 * (the list was created without `writes` from `@lazyflow/core/writes`), `threw` (in `settled`: a
 * waiting update's change threw on the refetched item; the error is the `cause`).
 *
 * @example
 * const result = list.remove('u-404');
 * if (!result.ok) console.warn(result.error.message); // remove: no loaded item has key "u-404"…
 */
export class ListWriteError extends Error {
  override readonly name = 'ListWriteError';
  readonly reason:
    | 'unknown-key'
    | 'not-loaded'
    | 'out-of-range'
    | 'unsupported'
    | 'stale'
    | 'destroyed'
    | 'disabled'
    | 'threw';
  readonly key: string | number | undefined;
  readonly index: number | undefined;

  constructor(
    reason: ListWriteError['reason'],
    message: string,
    at: { key?: string | number; index?: number } = {},
    cause?: unknown,
  ) {
    super(message, cause === undefined ? undefined : { cause });
    this.reason = reason;
    this.key = at.key;
    this.index = at.index;
  }
}

/**
 * What `update`, `insert` and `remove` return: `rollback()` undoes the write (once; a no-op when
 * the write was refused, or after a refresh or an invalidation brought the server's data back),
 * and a refused write carries its {@link ListWriteError}. A write whose place is shown only on
 * stale rows waits for the refetch (decisions 0040, 0041) and has `settled`: the result of the
 * write once replayed by key, or the error value that ended it (the refetch no longer holds the
 * key; `destroyed` when the last list on its QueryClient and key was destroyed first); rolled back
 * before, `{ ok: true }` with nothing left to roll back. It never rejects. Every list on the same
 * QueryClient and key shows a waiting write at once (decision 0045).
 *
 * @example
 * const result = list.remove('u-7');
 * result.settled?.then((done) => done.ok || console.warn(done.error.message));
 */
export type ListWriteResult =
  | { readonly ok: true; readonly rollback: () => void; readonly settled?: Promise<ListWriteResult> }
  | {
      readonly ok: false;
      readonly error: ListWriteError;
      readonly rollback: () => void;
      readonly settled?: undefined;
    };

const NOTHING = (): void => {};

/** A refused write. */
export function refused(error: ListWriteError): ListWriteResult {
  return { ok: false, error, rollback: NOTHING };
}

/**
 * The write engine a list runs its `update`, `insert` and `remove` with: `listWrites` from
 * `@lazyflow/core/writes`, given as the `writes` option (decision 0011). Without it a list
 * stays readable and every write returns `{ ok: false }` with reason `disabled`, so a list that
 * never writes does not bundle the engine.
 *
 * @example
 * import { listWrites } from '@lazyflow/core/writes';
 * const list = createLazyList<User>({ key: ['users'], source, getItemKey: (u) => u.id, writes: listWrites });
 */
export interface ListWrites {
  /** @internal `LazyList.update` */
  update<T>(flow: WriteTarget, key: string | number, change: (item: T) => T): ListWriteResult;
  /** @internal `LazyList.insert` */
  insert<T>(flow: WriteTarget, index: number, items: readonly T[]): ListWriteResult;
  /** @internal `LazyList.remove` */
  remove(flow: WriteTarget, key: string | number): ListWriteResult;
  /**
   * @internal A list with the engine joins the waiting writes of its QueryClient and key with its
   * first subscriber (decision 0045); `destroy()` calls the function returned.
   */
  attach?(flow: WriteTarget): () => void;
}

/**
 * What a write engine is handed: the list's page flow, seen from here only as this (so this file
 * does not import the flow, which imports the options that name {@link ListWrites}).
 *
 * @internal
 */
export interface WriteTarget {
  readonly destroyed: boolean;
}

/** Fetches an offset page through the local writes of its dataset (`loadThroughRope`). */
export type RopeLoader = <T>(
  source: OffsetSource<T>,
  rope: EditRope<T>,
  page: number,
  signal: AbortSignal,
) => Promise<OffsetPage<T>>;

/** The refusal of a write on a list created without `writes`. */
export function writesDisabled(verb: 'update' | 'insert' | 'remove'): ListWriteResult {
  // The how-to in development builds only (decision 0059); the refusal and its reason in every build.
  const message = `${verb}: writes are not enabled on this list${
    process.env.NODE_ENV !== 'production'
      ? "; pass the write engine: import { listWrites } from '@lazyflow/core/writes' and create the list with { writes: listWrites }"
      : ''
  }`;
  return refused(new ListWriteError('disabled', message));
}
