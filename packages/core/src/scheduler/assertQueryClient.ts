import type { QueryClient } from '@tanstack/query-core';
import { optionError } from '../options.ts';

/**
 * Asserts `value` is a QueryClient of TanStack Query 5, the major lazyflow's page queries are
 * written for (object filters, `gcTime`). A client of an older major would fail later and
 * obscurely (v4 reads `find({ queryKey })` as a key), so it is told apart here by what v5
 * removed: v4's `getLogger()`, and the plain `queryCache` field v3 and v4 kept (v5 keeps its
 * state in `#private` fields). Throws a TypeError naming the owner, the option and the upgrade.
 *
 * @example
 * assertQueryClient('createLazyList', 'queryClient', new QueryClient()); // passes
 */
export function assertQueryClient(
  owner: string,
  option: string,
  value: unknown,
): asserts value is QueryClient {
  if (
    typeof value !== 'object' ||
    value === null ||
    typeof (value as { fetchQuery?: unknown }).fetchQuery !== 'function' ||
    typeof (value as { getQueryCache?: unknown }).getQueryCache !== 'function'
  ) {
    throw optionError(owner, option, 'a @tanstack/query-core QueryClient', value);
  }
  if ('getLogger' in value || Object.hasOwn(value, 'queryCache')) {
    throw new TypeError(
      // Kept short (it ships in every list, issue #15 item 7); the upgrade guide is in docs/react-query.md.
      `lazyflow: ${owner} option "${option}" is a QueryClient of TanStack Query 4 or older; lazyflow ` +
        'needs TanStack Query 5: upgrade @tanstack/react-query (or @tanstack/query-core) to ^5 ' +
        "(in React: the hook's queryClient, else QueryClientProvider's or LazyflowProvider's client).",
    );
  }
}
