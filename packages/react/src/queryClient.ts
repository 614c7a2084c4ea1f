import { sharedQueryClient } from '@lazyflow/core';
import type { QueryClient } from '@tanstack/query-core';
import { QueryClientContext } from '@tanstack/react-query';
import { createContext, createElement, type ReactNode, useContext } from 'react';

const LazyflowClientContext = createContext<QueryClient | undefined>(undefined);

/**
 * Props of {@link LazyflowProvider}.
 *
 * @example
 * const props: LazyflowProviderProps = { client: new QueryClient(), children: <App /> };
 * root.render(<LazyflowProvider {...props} />);
 */
export interface LazyflowProviderProps {
  /** The QueryClient every lazyflow hook below uses (pages, devtools, invalidation). */
  readonly client: QueryClient;
  readonly children?: ReactNode;
}

/**
 * Gives the lazyflow hooks below it a QueryClient, for apps that do not use React Query's
 * `QueryClientProvider` (inside one, the hooks use its client without this). On a server, create
 * one client per request.
 *
 * @example
 * const client = new QueryClient();
 * root.render(<LazyflowProvider client={client}><App /></LazyflowProvider>);
 */
export function LazyflowProvider({ client, children }: LazyflowProviderProps) {
  return createElement(LazyflowClientContext.Provider, { value: client }, children);
}

/**
 * The QueryClient a hook uses: its `queryClient` option, else React Query's
 * `QueryClientProvider`, else `LazyflowProvider`, else in a browser one client shared by the page
 * (`sharedQueryClient()`). A server render without any throws: a shared client would carry one
 * request's data into the next.
 *
 * @example
 * const client = useLazyflowClient(options.queryClient);
 */
export function useLazyflowClient(explicit: QueryClient | undefined): QueryClient {
  const fromQuery = useContext(QueryClientContext) as QueryClient | undefined;
  const fromLazyflow = useContext(LazyflowClientContext);
  const client = explicit ?? fromQuery ?? fromLazyflow;
  if (client !== undefined) return client;
  if (typeof window === 'undefined') {
    // The how-to in development builds only (decision 0059); the throw is in every build.
    throw new Error(
      `lazyflow: server rendering needs one QueryClient per request${
        process.env.NODE_ENV !== 'production'
          ? '; wrap the app in <QueryClientProvider client={…}> (or <LazyflowProvider client={…}>), or pass `queryClient`'
          : ''
      }`,
    );
  }
  return sharedQueryClient();
}

const ids = new WeakMap<QueryClient, number>();
let lastId = 0;

/**
 * A number naming a client, for a hook's engine identity (another client is another engine).
 *
 * @example
 * JSON.stringify([key, clientId(client)]);
 */
export function clientId(client: QueryClient): number {
  let id = ids.get(client);
  if (id === undefined) {
    lastId += 1;
    id = lastId;
    ids.set(client, id);
  }
  return id;
}
