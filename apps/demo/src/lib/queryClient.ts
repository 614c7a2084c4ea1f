import { QueryClient } from '@tanstack/react-query';

/**
 * The demo's QueryClient, given to the app with React Query's `QueryClientProvider` as any React
 * Query app does: every `useLazyList`/`useWindow` below uses it (its pages are queries there), and
 * so does the route prefetcher, so a page prefetched on hover is the page the list shows.
 *
 * @example
 * <QueryClientProvider client={queryClient}><App /></QueryClientProvider>
 */
export const queryClient = new QueryClient();
