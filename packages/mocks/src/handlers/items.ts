import { http } from 'msw';
import { churnedId, churnedTotal, churnStepNow, MAX_CHURN_STEPS } from '../churn.ts';
import { DEFAULT_TOTAL, type Item, item, items, MAX_TOTAL } from '../dataset.ts';
import { handle, intParam, json } from '../http.ts';

/** Body of `GET /api/items`. */
export interface ItemsPage {
  items: Item[];
  total: number;
  /** With `churn` or `churnStep`: the number of mutations the dataset went through (its version). */
  version?: number;
}

/** The most items one request may ask for. */
export const MAX_LIMIT = 10_000;

/**
 * `GET /api/items?offset&limit[&total][&churn&seed|&churnStep]` → `{ items, total[, version] }`:
 * random access into a dataset of `total` items (default 1,000,000, at most 100,000,000). An
 * offset past the end answers an empty page, not an error, as most paging APIs do.
 *
 * `churn` (mutations per second) makes the dataset move while it is read: one row inserted or
 * deleted at a random position per step, the same rows for the same `seed`, the clock starting
 * at the first request for that seed and rate; `churnStep` fixes the step instead. Inserted rows
 * have ids from 100,000,000; `version` is the step. Without `churn` on the URL the fault
 * defaults' `churn`/`churnSeed` apply (the demo's fault panel).
 */
export const itemsHandler = http.get('*/api/items', ({ request }) =>
  handle(
    request,
    (url) => ({
      total: intParam(url, 'total', DEFAULT_TOTAL, { max: MAX_TOTAL }),
      offset: intParam(url, 'offset', 0, { max: MAX_TOTAL + MAX_CHURN_STEPS }),
      limit: intParam(url, 'limit', 50, { min: 1, max: MAX_LIMIT }),
      churnStep: intParam(url, 'churnStep', null, { max: MAX_CHURN_STEPS }),
    }),
    ({ total, offset, limit, churnStep }, faults) => {
      // `churn` and `seed` are read with the faults: the demo's fault panel sets them for every request.
      const { churn, churnSeed: seed } = faults;
      if (churn === 0 && churnStep === null) {
        const end = Math.min(offset + limit, total);
        return json({ items: items(Math.min(offset, total), end), total } satisfies ItemsPage, faults);
      }
      const step = churnStep ?? churnStepNow(churn, seed);
      const dataset = { seed, total };
      const size = churnedTotal(dataset, step);
      const rows: Item[] = [];
      for (let i = offset; i < Math.min(offset + limit, size); i++)
        rows.push(item(churnedId(dataset, step, i)));
      return json({ items: rows, total: size, version: step } satisfies ItemsPage, faults);
    },
  ),
);
