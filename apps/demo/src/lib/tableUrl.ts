// The Table page's state in its URL, so a link (the Home tiles) opens a feat in one click:
// `/table?rows=100000000`, `/table?dynamic=1`, `/table?jump=500000&align=center` (row 500,000,
// numbered from 1 as the page shows it: index 499,999).
import type { ScrollAlign } from '@lazyflow/core';

/** Row counts the Table offers. */
export const TABLE_TOTALS = [1_000_000, 100_000_000] as const;
const ALIGNS: readonly ScrollAlign[] = ['start', 'center', 'end'];

/** What the Table shows: how many rows, and whether rows have their own heights. */
export interface TableMode {
  readonly total: number;
  readonly dynamic: boolean;
}

/** Where to jump once the list is there. */
export interface TableJump {
  /** The row's index (`scrollToIndex`): the URL's row number less 1. */
  readonly index: number;
  readonly align: ScrollAlign;
}

/**
 * Reads `?rows=`, `?dynamic=1`, `?jump=` and `?align=` from a URL's search string. `jump` is a
 * row number as the page shows it, from 1 (row 1 is index 0). Anything it does not recognise
 * falls back to the default (1,000,000 fixed rows, no jump); a jump past the end goes to the last row.
 *
 * @example
 * readTableUrl('?rows=100000000&jump=100000000&align=end');
 * // { mode: { total: 100_000_000, dynamic: false }, jump: { index: 99_999_999, align: 'end' } }
 */
export function readTableUrl(search: string): { mode: TableMode; jump: TableJump | null } {
  const params = new URLSearchParams(search);
  const rows = Number(params.get('rows'));
  const total = TABLE_TOTALS.find((n) => n === rows) ?? TABLE_TOTALS[0];
  const dynamic = params.get('dynamic') === '1' || params.get('dynamic') === 'true';
  const jumpText = params.get('jump')?.replaceAll(/[\s,_]/g, '') ?? '';
  const row = jumpText === '' ? Number.NaN : Number(jumpText);
  const align = ALIGNS.find((a) => a === params.get('align')) ?? 'start';
  const jump = Number.isInteger(row) && row >= 1 ? { index: Math.min(row, total) - 1, align } : null;
  return { mode: { total, dynamic }, jump };
}

/**
 * The search string that reopens the Table in `mode` (empty for the default), for
 * `history.replaceState`: a reload keeps the mode, and a jump is not repeated.
 *
 * @example
 * tableSearch({ total: 100_000_000, dynamic: true }); // '?rows=100000000&dynamic=1'
 */
export function tableSearch(mode: TableMode): string {
  const params = new URLSearchParams();
  if (mode.total !== TABLE_TOTALS[0]) params.set('rows', String(mode.total));
  if (mode.dynamic) params.set('dynamic', '1');
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}
