// A stream log's reader (decision 0084): fetches the body, indexes it by line without parsing a
// line (createLineIndex), tells the page the count as it grows, and parses only the lines the
// page reads. Runs in the log's Worker (logWorker.ts) or, where no Worker starts, on the page.
import { createLineIndex, type LineIndex } from './lineIndex.ts';
import type { FromLog, LogMalformed, ToLog } from './logMessages.ts';

const EXCERPT = 80;
/**
 * The count is told at most this often (ms): each count moves a list following the end onto new
 * pages, so a page told after every network read (~430 events of the bench's stream) read and
 * dropped pages it never showed.
 */
const COUNT_EVERY_MS = 50;

/** Parses lines `[start, end)` of `index` (the held ones): items, and the lines that are not JSON. */
function parseLines(index: LineIndex, start: number, end: number) {
  const items: unknown[] = [];
  const malformed: LogMalformed[] = [];
  for (let line = start; line < end; line++) {
    const text = index.text(line);
    const number = index.lineNumber(line);
    const at = items.length;
    if (text === null) {
      const message = `lazyflow: stream log line ${number} is longer than maxLineBytes`;
      malformed.push({ at, line: number, reason: 'too-long', message, excerpt: '' });
      items.push(undefined);
      continue;
    }
    try {
      items.push(JSON.parse(text));
    } catch (error) {
      const excerpt = text.length > EXCERPT ? `${text.slice(0, EXCERPT)}…` : text;
      const detail = error instanceof Error ? error.message : String(error);
      const message = `lazyflow: stream log line ${number} is not JSON (${detail}): ${JSON.stringify(excerpt)}`;
      malformed.push({ at, line: number, reason: 'invalid-json', message, excerpt });
      items.push(undefined);
    }
  }
  return { items, malformed };
}

/**
 * The reader's side of a log: returns the handler of the page's messages; `post` sends replies.
 * One reader serves one log (one `open`).
 *
 * @example
 * const handle = createLogReader((reply) => self.postMessage(reply));
 * self.onmessage = ({ data }) => handle(data);
 */
export function createLogReader(post: (message: FromLog) => void): (message: ToLog) => void {
  let index: LineIndex | null = null;
  const controller = new AbortController();
  let told = Number.NEGATIVE_INFINITY;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const tell = () => {
    clearTimeout(timer);
    timer = undefined;
    told = performance.now();
    const { count, first, heldBytes } = index as LineIndex;
    post({ kind: 'count', count, first, heldBytes });
  };
  // Now if the last count was told long enough ago, else once it was.
  const counted = () => {
    const wait = told + COUNT_EVERY_MS - performance.now();
    if (wait <= 0) tell();
    else timer ??= setTimeout(tell, wait);
  };
  const read = async (url: string, headers: [string, string][]) => {
    try {
      const response = await fetch(url, { headers, signal: controller.signal });
      if (!response.ok || !response.body) {
        await response.body?.cancel();
        const message = `lazyflow: stream log request ${response.url || url} answered HTTP ${response.status}`;
        post({ kind: 'failed', status: response.status, url: response.url || url, message });
        return;
      }
      post({ kind: 'open' });
      const reader = response.body.getReader();
      for (;;) {
        const { done, value } = await reader.read();
        if (done) {
          (index as LineIndex).end();
          tell();
          post({ kind: 'ended' });
          return;
        }
        const before = (index as LineIndex).count;
        (index as LineIndex).push(value);
        if ((index as LineIndex).count !== before) counted();
      }
    } catch (error) {
      clearTimeout(timer);
      if (controller.signal.aborted) return; // closed: nothing more is wanted
      tell(); // the lines before the drop
      const message = `lazyflow: stream log connection to ${url} dropped (${error instanceof Error ? error.message : String(error)})`;
      post({ kind: 'failed', status: null, url, message });
    }
  };
  return (message) => {
    if (message.kind === 'open') {
      if (index !== null) return;
      index = createLineIndex({
        maxBytes: message.maxBytes,
        ...(message.maxLineBytes === undefined ? {} : { maxLineBytes: message.maxLineBytes }),
      });
      void read(message.url, message.headers);
    } else if (message.kind === 'read') {
      const { id } = message;
      const total = index?.count ?? 0;
      const first = index?.first ?? 0;
      const end = Math.min(message.end, total);
      const start = Math.min(Math.max(message.start, first), end);
      const dropped = message.start < first ? { first } : null;
      const { items, malformed } =
        index === null || start >= end ? { items: [], malformed: [] } : parseLines(index, start, end);
      post({ kind: 'lines', id, items, malformed, total, dropped });
    } else controller.abort();
  };
}
