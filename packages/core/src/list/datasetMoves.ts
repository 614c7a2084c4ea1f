/**
 * Why a list decided that its dataset moved under the pages it holds (decision 0012):
 * - `version`: a page came with another `version` than the one the list knows;
 * - `total`: a page came with another `total` than the server said before (and than the count);
 * - `keys`: a page holds an item key that a neighbouring page of the same dataset holds too
 *   (rows were inserted before it since that neighbour was fetched, so the two overlap).
 *
 * @example
 * const reason: MoveReason = 'version';
 */
export type MoveReason = 'version' | 'total' | 'keys';

/** What a landed page says about its dataset: the `total` and `version` of its response. */
export interface DatasetMark {
  readonly total?: number | undefined;
  readonly version?: string | number | undefined;
}

/** What {@link detectMove} compares. */
export interface MoveInput<T> {
  /** The server's `total` and `version` the list knows (from earlier pages); undefined fields are unknown. */
  readonly known: DatasetMark;
  /** The list's count now (a local `append` may have grown it: a total equal to it is no move). */
  readonly count: number;
  /** The page that just landed. */
  readonly landed: DatasetMark & { readonly items: readonly T[] };
  /** The items of the pages just before and just after it, when held fresh. */
  readonly before?: readonly T[] | undefined;
  readonly after?: readonly T[] | undefined;
  readonly getItemKey?: ((item: T) => string | number) | undefined;
}

/**
 * Says whether a landed offset page shows that the dataset changed since the list's other pages
 * were fetched, and why; null when nothing says so. Pure: the list acts on the answer.
 *
 * @example
 * detectMove({ known: { total: 100 }, count: 100, landed: { items: [], total: 101 } }); // 'total'
 * detectMove({ known: { version: 3 }, count: 9, landed: { items: [], version: 3 } }); // null
 */
export function detectMove<T>(input: MoveInput<T>): MoveReason | null {
  const { known, landed } = input;
  if (landed.version !== undefined && known.version !== undefined && landed.version !== known.version)
    return 'version';
  if (
    landed.total !== undefined &&
    known.total !== undefined &&
    landed.total !== known.total &&
    landed.total !== input.count
  )
    return 'total';
  const { getItemKey } = input;
  if (getItemKey === undefined || landed.items.length === 0) return null;
  const neighbours = [input.before, input.after].filter(
    (items): items is readonly T[] => items !== undefined && items.length > 0,
  );
  if (neighbours.length === 0) return null;
  const keys = new Set<string | number>();
  for (const item of landed.items) keys.add(getItemKey(item));
  for (const items of neighbours) for (const item of items) if (keys.has(getItemKey(item))) return 'keys';
  return null;
}
