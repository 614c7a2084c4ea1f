// The Users data grid's columns (issue #19): the user's own fields, then the 300 metric columns
// the server sends with each row page (`/api/users?columns=metrics`). No React.
import { USER_METRIC_COLUMNS, type UserSort, type UserWithMetrics } from '@lazyflow/mocks';

/** One column of the Users grid. */
export interface UserColumn {
  /** Header text. */
  readonly title: string;
  /** Second header line (the month of a metric column). */
  readonly detail?: string;
  /** Width on a wide screen and on a phone, px. */
  readonly width: number;
  readonly phoneWidth: number;
  /** The server sorts by this column. */
  readonly sort?: UserSort;
  readonly align: 'start' | 'end';
  /** The cell's text. */
  readonly text: (user: UserWithMetrics) => string;
}

const SIGNED_UP = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
const COUNT = new Intl.NumberFormat('en');
const MONEY = new Intl.NumberFormat('en', { style: 'currency', currency: 'USD', maximumFractionDigits: 0 });
/** Shown for a month before the user signed up. */
export const NO_VALUE = '—';

const format = {
  count: (v: number) => COUNT.format(v),
  money: (v: number) => MONEY.format(v),
  minutes: (v: number) => `${v.toFixed(1)} min`,
} as const;

/** The grid's columns: Name (pinned), Email, Country, Plan, Signed up, then 300 metrics. */
export const USER_COLUMNS: readonly UserColumn[] = [
  { title: 'Name', width: 250, phoneWidth: 140, sort: 'name', align: 'start', text: (u) => u.name },
  { title: 'Email', width: 290, phoneWidth: 240, align: 'start', text: (u) => u.email },
  { title: 'Country', width: 90, phoneWidth: 90, align: 'start', text: (u) => u.country },
  { title: 'Plan', width: 80, phoneWidth: 80, align: 'start', text: (u) => u.plan },
  {
    title: 'Signed up',
    // The widest date ('May 29, 2021, 10:18 AM', about 184 px) whole inside the cell's padding.
    width: 212,
    phoneWidth: 204,
    sort: 'signedUp',
    align: 'end',
    text: (u) => SIGNED_UP.format(new Date(u.signedUpAt)),
  },
  ...USER_METRIC_COLUMNS.map((column, k): UserColumn => {
    const show = format[column.kind];
    return {
      title: column.metric,
      detail: column.month,
      width: 112,
      phoneWidth: 104,
      align: 'end',
      text: (u) => {
        const value = u.metrics[k];
        return value === null || value === undefined ? NO_VALUE : show(value);
      },
    };
  }),
];

/** Columns before the metrics: a cell index ≥ this is `metrics[index - USER_FIELD_COLUMNS]`. */
export const USER_FIELD_COLUMNS = 5;
