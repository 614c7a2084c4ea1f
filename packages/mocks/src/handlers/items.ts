import { http } from 'msw';
import { DEFAULT_TOTAL, type Item, items, MAX_TOTAL } from '../dataset.ts';
import { handle, intParam, json } from '../http.ts';

/** Body of `GET /api/items`. */
export interface ItemsPage {
  items: Item[];
  total: number;
}

/** The most items one request may ask for. */
export const MAX_LIMIT = 10_000;

/**
 * `GET /api/items?offset&limit[&total]` → `{ items, total }`: random access into a dataset
 * of `total` items (default 1,000,000, at most 100,000,000). An offset past the end answers
 * an empty page, not an error, as most paging APIs do.
 */
export const itemsHandler = http.get('*/api/items', ({ request }) =>
  handle(
    request,
    (url) => ({
      total: intParam(url, 'total', DEFAULT_TOTAL, { max: MAX_TOTAL }),
      offset: intParam(url, 'offset', 0, { max: MAX_TOTAL }),
      limit: intParam(url, 'limit', 50, { min: 1, max: MAX_LIMIT }),
    }),
    ({ total, offset, limit }, faults) => {
      const end = Math.min(offset + limit, total);
      return json({ items: items(Math.min(offset, total), end), total } satisfies ItemsPage, faults);
    },
  ),
);
