/**
 * GETs `url` as JSON; an HTTP error becomes an Error naming the URL, the status and the
 * server's `{ error }` message. Every typed API module of the demo fetches through it.
 *
 * @example
 * const page = await getJson<SearchResultsPage>('/api/search?q=harbor', signal);
 */
export async function getJson<T>(url: string, signal: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: string } | null;
    throw new Error(`${url} answered HTTP ${response.status}${body?.error ? `: ${body.error}` : ''}`);
  }
  return (await response.json()) as T;
}
