import type { SavedScroll } from '../cache/savedScroll.ts';
import type { LazyListSnapshot } from '../list/listSnapshot.ts';

/**
 * Follows a saved position's item (its `getItemKey`) until that item's page is on screen: when the
 * item moved (rows inserted or removed above it since the position was saved), the restore lands
 * on the item, not on its old index. Gives up — keeping the saved index — when the page at the
 * old index arrived without the item nearby, or when the user scrolls.
 *
 * @example
 * const follow = new ItemRestore(saved);
 * const index = follow.resolve(list.getSnapshot()); // the item's index now, once known
 */
export class ItemRestore {
  #key: string | number | undefined;
  readonly #position: number;

  constructor(saved: SavedScroll) {
    this.#key = saved.anchorItemKey;
    this.#position = saved.anchorKey;
  }

  /** The item's position (index − prepended) when it is found somewhere else than saved; else undefined. */
  resolve(data: LazyListSnapshot<unknown>): number | undefined {
    const key = this.#key;
    if (key === undefined) return undefined;
    if (!data.keyed) {
      this.#key = undefined;
      return undefined;
    }
    const saved = this.#position + data.prependedCount;
    const found = data.indexOfKey(key, saved);
    if (found !== undefined) {
      this.#key = undefined;
      return found === saved ? undefined : found - data.prependedCount;
    }
    if (data.getItem(saved).status === 'loaded') this.#key = undefined; // it is not near: stay
    return undefined;
  }
}
