import { readChunks } from './readChunks.ts';
import { StreamHttpError } from './streamErrors.ts';

/**
 * Progress of a {@link fetchChunked} download.
 *
 * @example
 * const show = ({ bytes, total }: ChunkedProgress) =>
 *   total === null ? `${bytes} bytes` : `${Math.round((100 * bytes) / total)} %`;
 */
export interface ChunkedProgress {
  /** Bytes received so far. */
  readonly bytes: number;
  /** From `Content-Length` when the server sent it (and no content encoding changes it), else `null`. */
  readonly total: number | null;
}

/**
 * Options for {@link fetchChunked}.
 *
 * @example
 * const options: FetchChunkedOptions = {
 *   signal: controller.signal,
 *   init: { headers: { Authorization: `Bearer ${token}` } },
 *   onProgress: ({ bytes }) => console.log(bytes),
 * };
 */
export interface FetchChunkedOptions {
  /** Called after every chunk (and once with 0 bytes when the response headers arrive). */
  readonly onProgress?: (progress: ChunkedProgress) => void;
  /** Aborts the request and the body. */
  readonly signal?: AbortSignal;
  /** Extra request options (headers, method, credentials). */
  readonly init?: RequestInit;
  /** Injectable fetch; default `globalThis.fetch` looked up at call time. */
  readonly fetch?: typeof globalThis.fetch;
}

function contentLength(response: Response): number | null {
  // With Content-Encoding the header counts compressed bytes, not the bytes the body yields.
  if (response.headers.get('Content-Encoding')) return null;
  const value = response.headers.get('Content-Length');
  if (value === null || !/^\d+$/.test(value)) return null;
  return Number(value);
}

/**
 * Fetches `url` and yields its body chunk by chunk, as the network delivers it, reporting
 * progress — for bodies too large to hold at once. Nothing is buffered beyond the current chunk;
 * the next chunk is pulled only when the loop asks for it. A non-2xx answer throws
 * {@link StreamHttpError}; `signal` aborts (throws an `AbortError`).
 *
 * @example
 * for await (const chunk of fetchChunked('/big.ndjson', { onProgress: ({ bytes, total }) => show(bytes, total) })) {
 *   parser.push(decoder.decode(chunk, { stream: true }));
 * }
 */
export async function* fetchChunked(
  url: string | URL,
  options: FetchChunkedOptions = {},
): AsyncGenerator<Uint8Array, void, void> {
  const { onProgress, signal, init } = options;
  const fetchFn = options.fetch ?? globalThis.fetch;
  const response = await fetchFn(url, { ...init, signal: signal ?? init?.signal ?? null });
  if (!response.ok) {
    await response.body?.cancel().catch(() => {});
    throw new StreamHttpError(response.status, response.url || String(url));
  }
  const total = contentLength(response);
  let bytes = 0;
  onProgress?.({ bytes, total });
  if (!response.body) return;
  for await (const chunk of readChunks(response.body, signal ?? init?.signal ?? undefined)) {
    bytes += chunk.byteLength;
    onProgress?.({ bytes, total });
    yield chunk;
  }
}
