/**
 * GETs `url` as JSON; an HTTP error becomes an Error naming the URL, the status and the
 * server's `{ error }` message. Every typed API module of the demo fetches through it.
 * `priority` is the list's hint (`'high'` on screen, `'low'` prefetch), passed on to `fetch`.
 *
 * @example
 * const page = await getJson<SearchResultsPage>('/api/search?q=harbor', signal);
 */
export async function getJson<T>(url: string, signal: AbortSignal, priority?: RequestPriority): Promise<T> {
  const response = await fetch(url, { signal, priority });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(`${url} answered HTTP ${response.status}${body?.error ? `: ${body.error}` : ''}`);
  }
  return (await response.json()) as T;
}
