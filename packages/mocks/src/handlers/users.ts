import { http } from 'msw';
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
export interface UsersPage {
  items: User[];
  total: number;
  /** The order this page was answered in. */
  sort: UserSort;
  order: SortOrder;
}

/**
 * `GET /api/users?offset&limit[&sort=name|signedUp][&order=asc|desc]` →
 * `{ items, total, sort, order }`: the 1,000,000-user directory sorted by the server (by name,
 * ties by id; or by signup date), any page of any order in O(limit) (see datasets/users.ts).
 */
export const usersHandler = http.get('*/api/users', ({ request }) =>
  handle(
    request,
    (url) => ({
      sort: choiceParam(url, 'sort', USER_SORTS),
      order: choiceParam(url, 'order', SORT_ORDERS),
      offset: intParam(url, 'offset', 0, { max: USER_TOTAL }),
      limit: intParam(url, 'limit', 50, { min: 1, max: MAX_LIMIT }),
    }),
    ({ sort, order, offset, limit }, faults) =>
      json(
        { items: users(sort, order, offset, limit), total: USER_TOTAL, sort, order } satisfies UsersPage,
        faults,
      ),
  ),
);
