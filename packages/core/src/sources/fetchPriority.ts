/**
 * The `fetch` priority hint of a page request (`RequestInit.priority`): `'high'` for pages on
 * screen, `'low'` for prefetch and background loads. Pass it on to `fetch` with the `signal`.
 *
 * @example
 * const fetchPage = ({ offset, limit, signal, priority }: OffsetFetchParams) =>
 *   fetch(`/api/users?offset=${offset}&limit=${limit}`, { signal, priority }).then((r) => r.json());
 */
export type FetchPriority = 'high' | 'low';
