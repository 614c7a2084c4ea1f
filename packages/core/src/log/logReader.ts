// A stream log's reader (decision 0084): fetches the body, indexes it by line without parsing a
// line (createLineIndex), tells the page the count as it grows, and parses only the lines the
// page reads. Runs in the log's Worker (logWorker.ts) or, where no Worker starts, on the page.
import { backoffDelay } from '../scheduler/backoffDelay.ts';
import { retryableStatus } from '../stream/streamErrors.ts';
import { createLineIndex, type LineIndex } from './lineIndex.ts';
import type { FromLog, LogMalformed, ToLog } from './logMessages.ts';

const EXCERPT = 80;

const describe = (error: unknown) => (error instanceof Error ? error.message : String(error));
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
      const message = `lazyflow: stream log line ${number} is not JSON (${describe(error)}): ${JSON.stringify(excerpt)}`;
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
  /** One connection: resolves with why it stopped (null: the body ended). */
  const connect = async (url: string, headers: [string, string][]) => {
    const log = index as LineIndex;
    let response: Response;
    try {
      response = await fetch(url, { headers, signal: controller.signal });
    } catch (error) {
      return {
        status: null,
        url,
        message: `lazyflow: stream log request ${url} failed (${describe(error)})`,
        read: false,
      };
    }
    if (!response.ok || !response.body) {
      // Cancelling a body that already failed (the connection reset) rejects: the answer's status
      // is still the failure to report, and a throw here would end the reading loop unhandled.
      await response.body?.cancel().catch(() => {});
      const at = response.url || url;
      return {
        status: response.status,
        url: at,
        message: `lazyflow: stream log request ${at} answered HTTP ${response.status}`,
        read: false,
      };
    }
    post({ kind: 'open' });
    const reader = response.body.getReader();
    let read = false;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) return null;
        read = true;
        const before = log.count;
        log.push(value);
        if (log.count !== before) counted();
      }
    } catch (error) {
      log.cut(); // a line cut short comes again, whole, with the next connection
      return {
        status: null,
        url,
        message: `lazyflow: stream log connection to ${url} dropped (${describe(error)})`,
        read,
      };
    }
  };
  const read = async (open: Extract<ToLog, { kind: 'open' }>) => {
    const { url, headers, resumeParam, retry } = open;
    const log = index as LineIndex;
    for (let attempt = 1; ; attempt++) {
      // A reconnect asks for the lines after those received (`?from=<count>`).
      const target = new URL(url);
      if (resumeParam !== null && log.count > 0) target.searchParams.set(resumeParam, String(log.count));
      const failure = await connect(target.href, headers);
      if (controller.signal.aborted) return; // closed: nothing more is wanted
      if (failure === null) log.end(); // an unfinished last line counts now
      tell(); // every line before the end or the failure
      if (failure === null) {
        post({ kind: 'ended' });
        return;
      }
      if (failure.read) attempt = 1; // this connection brought lines: its failure is a first one
      const { status } = failure;
      const retryable = status === null || retryableStatus(status);
      if (resumeParam === null || !retryable || attempt >= retry.attempts) {
        post({ kind: 'failed', status, url: failure.url, message: failure.message });
        return;
      }
      const delayMs = backoffDelay(attempt, retry);
      post({ kind: 'retrying', attempt, delayMs, status, url: failure.url, message: failure.message });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (controller.signal.aborted) return;
    }
  };
  return (message) => {
    if (message.kind === 'open') {
      if (index !== null) return;
      index = createLineIndex({
        maxBytes: message.maxBytes,
        ...(message.maxLineBytes === undefined ? {} : { maxLineBytes: message.maxLineBytes }),
      });
      void read(message);
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
