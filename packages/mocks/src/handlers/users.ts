import { http } from 'msw';
import { type UserWithMetrics, userMetrics } from '../datasets/userMetrics.ts';
import {
  SORT_ORDERS,
  type SortOrder,
  USER_SORTS,
  USER_TOTAL,
  type User,
  type UserSort,
  users,
} from '../datasets/users.ts';
import { choiceParam, handle, intParam, json } from '../http.ts';
import { MAX_LIMIT } from './items.ts';

/** Body of `GET /api/users`. */
export interface UsersPage<U extends User = User> {
  items: U[];
  total: number;
  /** The order this page was answered in. */
  sort: UserSort;
  order: SortOrder;
}

/** Body of `GET /api/users?columns=metrics`: every user with its 300 metric columns. */
export type UsersWidePage = UsersPage<UserWithMetrics>;

/** Values of `?columns=`: the user's own fields only, or with the metric columns as well. */
const COLUMN_SETS = ['basic', 'metrics'] as const;

/**
 * `GET /api/users?offset&limit[&sort=name|signedUp][&order=asc|desc][&columns=basic|metrics]` →
 * `{ items, total, sort, order }`: the 1,000,000-user directory sorted by the server (by name,
 * ties by id; or by signup date), any page of any order in O(limit) (see datasets/users.ts).
 * `columns=metrics` sends the row page's 300 metric columns with each user (datasets/userMetrics.ts).
 */
export const usersHandler = http.get('*/api/users', ({ request }) =>
  handle(
    request,
    (url) => ({
      sort: choiceParam(url, 'sort', USER_SORTS),
      order: choiceParam(url, 'order', SORT_ORDERS),
      offset: intParam(url, 'offset', 0, { max: USER_TOTAL }),
      limit: intParam(url, 'limit', 50, { min: 1, max: MAX_LIMIT }),
      columns: choiceParam(url, 'columns', COLUMN_SETS),
    }),
    ({ sort, order, offset, limit, columns }, faults) => {
      const page = users(sort, order, offset, limit);
      const items = columns === 'metrics' ? page.map((u) => ({ ...u, metrics: userMetrics(u) })) : page;
      return json({ items, total: USER_TOTAL, sort, order } satisfies UsersPage, faults);
    },
  ),
);
