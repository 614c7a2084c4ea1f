import { hash32 } from '@lazyflow/mocks';

/** Height of a table row in the fixed-height mode, px. */
export const ROW_HEIGHT = 36;
/** Height of one body line in the dynamic mode, px. */
export const LINE_HEIGHT = 18;

/** Body lines shown under the title in the dynamic mode: 1 to 4, fixed per index. */
export function bodyLines(index: number): number {
  return 1 + (hash32(index, 11) % 4);
}

/**
 * A row's height: 36 px, or in the dynamic mode 54 to 108 px depending on the index. The
 * height is deterministic so a placeholder is exactly as tall as the row that replaces it;
 * the list still learns it only by measuring (its estimate is the average).
 */
export function rowHeight(index: number, dynamic: boolean): number {
  return dynamic ? ROW_HEIGHT + bodyLines(index) * LINE_HEIGHT : ROW_HEIGHT;
}

/** The average of {@link rowHeight} in the dynamic mode: the estimate given to the list. */
export const DYNAMIC_ESTIMATE = ROW_HEIGHT + 2.5 * LINE_HEIGHT;
