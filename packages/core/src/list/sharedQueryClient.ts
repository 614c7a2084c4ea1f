import { QueryClient } from '@tanstack/query-core';

let shared: QueryClient | undefined;

/**
 * One QueryClient for every list that is not given its own, created on first use (never at
 * import). The React hooks use it, so two lists with the same key share pages, and a list
 * mounted again finds its pages still there.
 *
 * @example
 * const list = createLazyList({ key: ['users'], source, queryClient: sharedQueryClient() });
 */
export function sharedQueryClient(): QueryClient {
  if (shared === undefined) {
    shared = new QueryClient();
    shared.mount();
  }
  return shared;
}
