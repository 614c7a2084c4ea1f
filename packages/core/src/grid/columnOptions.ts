import { assertObject, optionError } from '../options.ts';

const OWNER = 'createGridColumns';

/**
 * Options of `createGridColumns` (and the `columns` option of `useLazyGrid`).
 *
 * @example
 * const options: GridColumnOptions = { count: 1_000, estimateWidth: (column) => (column === 0 ? 200 : 120), pinnedStart: 1 };
 */
export interface GridColumnOptions {
  /** Number of columns. */
  count: number;
  /** Width of a column not measured yet, px: a number for all, or per column. Default 120. */
  estimateWidth?: number | ((column: number) => number);
  /** Columns at the start that stay in view while the others scroll sideways. Default 0. */
  pinnedStart?: number;
  /** Columns at the end that stay in view. Default 0. */
  pinnedEnd?: number;
  /** Columns rendered beyond each side of the viewport. Default 2. */
  overscan?: number;
}

/** Options after defaults and validation. */
export interface ResolvedColumnOptions {
  readonly count: number;
  readonly estimateWidth: (column: number) => number;
  readonly pinnedStart: number;
  readonly pinnedEnd: number;
  readonly overscan: number;
}

function assertCount(option: string, value: unknown, max = Number.POSITIVE_INFINITY): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > max)
    throw optionError(
      OWNER,
      option,
      max === Number.POSITIVE_INFINITY ? 'an integer ≥ 0' : `an integer from 0 to ${max}`,
      value,
    );
  return value;
}

/**
 * Fills in the column defaults. In development builds (decision 0054) a TypeError first names
 * the option that is wrong; in every build pinned columns must fit in `count`, which often comes
 * from the data. A width estimate is checked where it is used: a function that returns a negative
 * or non-finite width throws naming `estimateWidth` and the column.
 *
 * @example
 * resolveColumnOptions({ count: 10, pinnedStart: 11 }); // TypeError: … "pinnedStart" must be an integer from 0 to 10 …
 */
export function resolveColumnOptions(options: GridColumnOptions): ResolvedColumnOptions {
  if (process.env.NODE_ENV !== 'production') checkColumnOptions(options);
  const { count, overscan = 2 } = options;
  const pinnedStart = assertCount('pinnedStart', options.pinnedStart ?? 0, count);
  const pinnedEnd = assertCount('pinnedEnd', options.pinnedEnd ?? 0, count - pinnedStart);
  const estimate = options.estimateWidth ?? 120;
  const estimateWidth =
    typeof estimate === 'number'
      ? () => estimate
      : (column: number) => checkWidth((estimate as (column: number) => number)(column), column);
  return { count, estimateWidth, pinnedStart, pinnedEnd, overscan };
}

/** Throws a TypeError naming the first bad column option. Development builds only (decision 0054). */
function checkColumnOptions(options: GridColumnOptions): void {
  assertObject(OWNER, 'columns', options);
  const count = assertCount('count', options.count);
  const pinnedStart = assertCount('pinnedStart', options.pinnedStart ?? 0, count);
  assertCount('pinnedEnd', options.pinnedEnd ?? 0, count - pinnedStart);
  assertCount('overscan', options.overscan ?? 2);
  const estimate = options.estimateWidth ?? 120;
  if (typeof estimate === 'number') checkWidth(estimate, 0);
  else if (typeof estimate !== 'function')
    throw optionError(OWNER, 'estimateWidth', 'a width in px or a function of the column', estimate);
}

function checkWidth(width: unknown, column: number): number {
  if (typeof width !== 'number' || !Number.isFinite(width) || width < 0)
    throw optionError(OWNER, 'estimateWidth', `a finite width ≥ 0 (column ${column})`, width);
  return width;
}
