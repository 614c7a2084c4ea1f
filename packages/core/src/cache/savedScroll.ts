/**
 * A scroll position that survives remounts and reloads: the item at the top of the viewport
 * (by its stable key), how far into it the viewport starts, and the measured sizes around it,
 * so the rows above it are laid out as they were. Defined here, not in `virtual/`, because the
 * cache stores it and `cache/` never imports the virtual list.
 *
 * @example
 * const saved: SavedScroll = { anchorKey: 40, offsetInItem: 12, sizes: [[40, 56]] };
 */
export interface SavedScroll {
  readonly anchorKey: number;
  readonly offsetInItem: number;
  /** `[rowKey, size]` pairs measured near the anchor. */
  readonly sizes: ReadonlyArray<readonly [number, number]>;
  /** Whether the view was following the end (chat). */
  readonly atEnd?: boolean;
  /** The anchor item's own key (`getItemKey`), so a restore follows the item if it moved. */
  readonly anchorItemKey?: string | number;
}
