// A stream log (decision 0084) in real Chromium through the mock server: lines indexed in the
// Worker (and on the page), read by a list that grows with the count; malformed lines, lines
// dropped past maxBytes (with and without replay), HTTP errors, a cut connection, close().
import { streamEvent } from '@lazyflow/mocks';
import { startMockWorker, worker } from '@lazyflow/mocks/browser';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import type { LazyList } from '../list/LazyList.ts';
import { StreamHttpError, StreamParseError } from '../stream/streamErrors.ts';
import { route } from '../testing/mockRoute.ts';
import { RealWorker } from '../testing/streamEnded.ts';
import { createStreamLog, type StreamLog, type StreamLogSnapshot } from './createStreamLog.ts';

beforeAll(async () => {
  await startMockWorker();
});

type Event = ReturnType<typeof streamEvent>;
const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);
const encoder = new TextEncoder();
const lines = (from: number, to: number) =>
  range(from, to).map((seq) => `${JSON.stringify(streamEvent(seq))}\n`);
/** A body sent in `pieces` (strings). */
const body = (pieces: string[]) => {
  let next = 0;
  return new ReadableStream<Uint8Array>({
    pull(controller) {
      const piece = pieces[next++];
      if (piece !== undefined) controller.enqueue(encoder.encode(piece));
      else controller.close();
    },
  });
};
const ndjsonResponse = (stream: ReadableStream<Uint8Array>, status = 200) =>
  new Response(stream, { status, headers: { 'Content-Type': 'application/x-ndjson' } });

const open: { log: StreamLog<unknown>; list?: LazyList<unknown> }[] = [];
const uncaught: unknown[] = [];
const onUncaught = (event: PromiseRejectionEvent | ErrorEvent) =>
  uncaught.push('reason' in event ? event.reason : event.error);
beforeAll(() => {
  window.addEventListener('unhandledrejection', onUncaught);
  window.addEventListener('error', onUncaught);
});
afterEach(() => {
  expect(uncaught.splice(0)).toEqual([]); // failed reads and dropped connections are values, never uncaught
  for (const { log, list } of open.splice(0)) {
    list?.destroy();
    log.close();
  }
  globalThis.Worker = RealWorker;
  worker.resetHandlers();
});

/** Resolves with the log's snapshot once `done` says so. */
function until<T>(log: StreamLog<T>, done: (s: StreamLogSnapshot) => boolean): Promise<StreamLogSnapshot> {
  return new Promise((resolve) => {
    const check = () => {
      const s = log.getSnapshot();
      if (!done(s)) return;
      unsubscribe();
      resolve(s);
    };
    const unsubscribe = log.subscribe(check);
    check();
  });
}
const settled = (s: StreamLogSnapshot) => s.status === 'ended' || s.status === 'error';

/** A log and a list reading it, the list following the log's count. */
function logWithList(options: Parameters<typeof createStreamLog<Event>>[0], pageSize = 100) {
  const counts: number[] = [];
  let list: LazyList<Event> | null = null;
  const log = createStreamLog<Event>({
    pageSize,
    ...options,
    onCount: (count) => {
      counts.push(count);
      list?.grow(count);
    },
  });
  list = createLazyList<Event>({ key: ['log', Math.random()], source: log.source, prefetch: 0 });
  list.subscribe(() => {});
  open.push({ log: log as StreamLog<unknown>, list: list as LazyList<unknown> });
  return { log, list, counts };
}

/** The list's items `[start, end)` once loaded. */
async function loaded(list: LazyList<Event>, start: number, end: number) {
  list.setWindow({ start, end });
  await expect.poll(() => list.getSnapshot().getRange(start, end).status, { timeout: 5_000 }).toBe('loaded');
  return list.getSnapshot().getRange(start, end).items as Event[];
}

describe('createStreamLog', () => {
  for (const inWorker of [true, false]) {
    it(`indexes 20,000 events ${inWorker ? 'in a Worker' : 'on the page'}; a list grows with the count and reads any range`, async () => {
      const { log, list, counts } = logWithList({ url: '/api/stream?count=20000&rate=0', worker: inWorker });
      const s = await until(log, settled);
      expect(s).toMatchObject({ status: 'ended', count: 20_000, first: 0, error: null, inWorker });
      expect(counts.at(-1)).toBe(20_000);
      expect(counts).toEqual([...counts].sort((a, b) => a - b)); // only ever grows
      expect(list.getSnapshot().count).toBe(20_000);
      expect((await loaded(list, 19_950, 20_000)).map((e) => e.seq)).toEqual(range(19_950, 20_000));
      expect((await loaded(list, 7_321, 7_400)).map((e) => e.seq)).toEqual(range(7_321, 7_400));
      expect((await loaded(list, 0, 10)).map((e) => e.seq)).toEqual(range(0, 10));
    });
  }

  it('a list on the log’s source follows its count with no onCount wiring (watchCount), also one created late', async () => {
    const log = createStreamLog<Event>({ url: '/api/stream?count=5000&rate=0', pageSize: 100 });
    const early = createLazyList<Event>({ key: ['log-watch-early'], source: log.source, prefetch: 0 });
    early.subscribe(() => {});
    open.push({ log: log as StreamLog<unknown>, list: early as LazyList<unknown> });
    expect(await until(log, settled)).toMatchObject({ status: 'ended', count: 5_000 });
    expect(early.getSnapshot().count).toBe(5_000);
    expect((await loaded(early, 4_990, 5_000)).map((e) => e.seq)).toEqual(range(4_990, 5_000));
    // A list made after the log ended learns the count when it subscribes.
    const late = createLazyList<Event>({ key: ['log-watch-late'], source: log.source, prefetch: 0 });
    open.push({ log: log as StreamLog<unknown>, list: late as LazyList<unknown> });
    late.subscribe(() => {});
    await expect.poll(() => late.getSnapshot().count).toBe(5_000);
    expect((await loaded(late, 0, 10)).map((e) => e.seq)).toEqual(range(0, 10));
  });

  it('lines split anywhere (CRLF pairs, 4-byte characters across pieces), blank lines skipped, the last without LF', async () => {
    const text = `\r\n{"seq":0,"m":"🚀 東京"}\r\n\r\n  \n{"seq":1,"m":"ветер"}\n{"seq":2}`;
    const bytes = encoder.encode(text);
    route('*/api/test-log-split', () =>
      ndjsonResponse(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (let i = 0; i < bytes.length; i += 3) controller.enqueue(bytes.slice(i, i + 3));
            controller.close();
          },
        }),
      ),
    );
    const { log, list } = logWithList({ url: '/api/test-log-split' });
    expect(await until(log, settled)).toMatchObject({ status: 'ended', count: 3 });
    expect(await loaded(list, 0, 3)).toEqual([{ seq: 0, m: '🚀 東京' }, { seq: 1, m: 'ветер' }, { seq: 2 }]);
  });

  it('a line that is not JSON fails its page with a StreamParseError naming it; the other pages read', async () => {
    route('*/api/test-log-malformed', () =>
      ndjsonResponse(body([...lines(0, 5), '{"seq": oops\n', ...lines(5, 20)])),
    );
    const { log, list } = logWithList({ url: '/api/test-log-malformed' }, 10);
    expect(await until(log, settled)).toMatchObject({ status: 'ended', count: 21 });
    list.setWindow({ start: 0, end: 10 });
    await expect.poll(() => list.getSnapshot().getRange(0, 10).status).toBe('error');
    const row = list.getSnapshot().getItem(0);
    const error = row.status === 'error' ? row.error : null;
    expect(error).toBeInstanceOf(StreamParseError);
    expect((error as StreamParseError).line).toBe(6);
    expect((error as Error).message).toMatch(/stream log line 6 is not JSON .*"\{\\"seq\\": oops"/);
    expect((await loaded(list, 10, 21)).map((e) => e.seq)).toEqual(range(9, 20));
  });

  it('malformed(error) puts an item of the app in the bad line’s place', async () => {
    route('*/api/test-log-malformed-item', () =>
      ndjsonResponse(body([...lines(0, 2), 'not json\n', ...lines(2, 4)])),
    );
    const { log, list } = logWithList({
      url: '/api/test-log-malformed-item',
      malformed: (error) => ({ ...streamEvent(-1), message: error.message }),
    });
    await until(log, settled);
    const items = await loaded(list, 0, 5);
    expect(items.map((e) => e.seq)).toEqual([0, 1, -1, 2, 3]);
    expect(items[2]?.message).toMatch(/line 3 is not JSON/);
  });

  it('lines dropped past maxBytes: a clear error without replay, the server’s items with it; held lines read', async () => {
    const bodyOf = () => ndjsonResponse(body(range(0, 40).map((i) => lines(i * 50, i * 50 + 50).join(''))));
    route('*/api/test-log-dropped', bodyOf);
    const { log, list } = logWithList({ url: '/api/test-log-dropped', maxBytes: 60_000 });
    const s = await until(log, settled);
    expect(s.count).toBe(2_000);
    expect(s.first).toBeGreaterThan(0);
    expect(s.heldBytes).toBeLessThanOrEqual(60_000 + 20_000); // at most one piece over
    list.setWindow({ start: 0, end: 10 });
    await expect.poll(() => list.getSnapshot().getRange(0, 10).status).toBe('error');
    const row = list.getSnapshot().getItem(0);
    expect(String(row.status === 'error' && row.error)).toMatch(
      new RegExp(`lines 0–99 were dropped \\(maxBytes 60000; lines from ${s.first} are held\\): pass replay`),
    );
    expect((await loaded(list, 1_990, 2_000)).map((e) => e.seq)).toEqual(range(1_990, 2_000));

    const replayed: { offset: number; limit: number }[] = [];
    const withReplay = logWithList({
      url: '/api/test-log-dropped',
      maxBytes: 60_000,
      replay: async ({ offset, limit }) => {
        replayed.push({ offset, limit });
        return range(offset, offset + limit).map((seq) => streamEvent(seq));
      },
    });
    const first = (await until(withReplay.log, settled)).first;
    const page = Math.floor((first - 1) / 100) * 100; // the page of the last dropped line: (part) replayed
    expect((await loaded(withReplay.list, page, page + 100)).map((e) => e.seq)).toEqual(
      range(page, page + 100),
    );
    expect(replayed).toContainEqual({ offset: page, limit: first - page });
  });

  it('HTTP 500: status error with a StreamHttpError, nothing indexed', async () => {
    route('*/api/test-log-500', () => new Response('down', { status: 500 }));
    const { log } = logWithList({ url: '/api/test-log-500' });
    const s = await until(log, settled);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(StreamHttpError);
    expect((s.error as StreamHttpError).status).toBe(500);
    expect(s.count).toBe(0);
  });

  it('a cut connection: status error (a TypeError naming the URL), the lines before it stay readable', async () => {
    // The cut waits until the log has the 30 lines: erroring a body discards what is still on its way.
    let onThirty = () => {};
    const thirty = new Promise<void>((resolve) => (onThirty = resolve));
    route('*/api/test-log-cut', () =>
      ndjsonResponse(
        new ReadableStream<Uint8Array>({
          start(controller) {
            controller.enqueue(encoder.encode(lines(0, 30).join('')));
          },
          async pull(controller) {
            await thirty;
            controller.error(new TypeError('cut'));
          },
        }),
      ),
    );
    const { log, list } = logWithList({ url: '/api/test-log-cut' });
    await until(log, (s) => s.count >= 30);
    onThirty();
    const s = await until(log, settled);
    expect(s.status).toBe('error');
    expect(s.error).toBeInstanceOf(TypeError);
    expect(s.error?.message).toMatch(/stream log connection to .*test-log-cut dropped/);
    expect(s.count).toBe(30);
    expect((await loaded(list, 0, 30)).map((e) => e.seq)).toEqual(range(0, 30));
  });

  it('with resumeParam, a cut connection (even mid-line) reconnects from the lines received: nothing lost, nothing twice', async () => {
    const froms: (string | null)[] = [];
    let onThirty = () => {};
    const thirty = new Promise<void>((resolve) => (onThirty = resolve));
    route('*/api/test-log-resume', ({ request }) => {
      const from = new URL(request.url).searchParams.get('from');
      froms.push(from);
      if (from === null)
        return ndjsonResponse(
          new ReadableStream<Uint8Array>({
            start(controller) {
              // Lines 0–29 and half of line 30, then the connection is cut.
              controller.enqueue(encoder.encode(lines(0, 30).join('') + lines(30, 31)[0]?.slice(0, 20)));
            },
            async pull(controller) {
              await thirty;
              controller.error(new TypeError('cut'));
            },
          }),
        );
      return ndjsonResponse(body([lines(Number(from), 60).join('')]));
    });
    const { log, list } = logWithList({
      url: '/api/test-log-resume',
      resumeParam: 'from',
      retry: { baseDelayMs: 1, maxDelayMs: 5 },
    });
    await until(log, (s) => s.count >= 30);
    onThirty();
    const s = await until(log, settled);
    expect(s).toMatchObject({ status: 'ended', count: 60, reconnects: 1, error: null });
    expect(froms).toEqual([null, '30']);
    expect((await loaded(list, 0, 60)).map((e) => e.seq)).toEqual(range(0, 60));
  });

  it('with resumeParam, 5xx answers are retried up to retry.attempts, then the log ends in the last error; a 404 is not retried', async () => {
    let requests = 0;
    route('*/api/test-log-503', () => {
      requests += 1;
      return new Response('busy', { status: 503 });
    });
    const seen: StreamLogSnapshot[] = [];
    const { log } = logWithList({
      url: '/api/test-log-503',
      resumeParam: 'from',
      retry: { attempts: 3, baseDelayMs: 1 },
    });
    log.subscribe(() => seen.push(log.getSnapshot()));
    const s = await until(log, settled);
    expect(requests).toBe(3);
    expect(s).toMatchObject({ status: 'error', reconnects: 2 });
    expect((s.error as StreamHttpError).status).toBe(503);
    expect([...new Set(seen.filter((x) => x.status === 'reconnecting').map((x) => x.reconnects))]).toEqual([
      1, 2,
    ]);

    let notFound = 0;
    route('*/api/test-log-404', () => {
      notFound += 1;
      return new Response('gone', { status: 404 });
    });
    const gone = logWithList({ url: '/api/test-log-404', resumeParam: 'from', retry: { baseDelayMs: 1 } });
    expect(await until(gone.log, settled)).toMatchObject({ status: 'error', reconnects: 0 });
    expect(notFound).toBe(1);
  });

  it('close(): the body is cancelled, reads on their way fail, no count after', async () => {
    const source = { cancelled: false };
    route('*/api/test-log-endless', () => {
      let seq = 0;
      return ndjsonResponse(
        new ReadableStream<Uint8Array>(
          {
            pull(controller) {
              controller.enqueue(encoder.encode(lines(seq, seq + 50).join('')));
              seq += 50;
              return new Promise((resolve) => setTimeout(resolve, 5));
            },
            cancel() {
              source.cancelled = true;
            },
          },
          { highWaterMark: 1 },
        ),
      );
    });
    const { log, counts } = logWithList({ url: '/api/test-log-endless' });
    await until(log, (s) => s.count >= 500);
    log.close();
    expect(log.getSnapshot().status).toBe('closed');
    const after = counts.length;
    await expect.poll(() => source.cancelled, { timeout: 5_000 }).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(counts.length).toBe(after);
    await expect(
      log.source.loadPage({ page: 0, signal: new AbortController().signal, priority: 'high' }),
    ).rejects.toThrow('stream log is closed');
  });

  it('falls back to the page where no Worker starts', async () => {
    globalThis.Worker = class {
      constructor() {
        throw new Error('no workers here');
      }
    } as unknown as typeof Worker;
    const { log, list } = logWithList({ url: '/api/stream?count=500&rate=0' });
    expect(await until(log, settled)).toMatchObject({ status: 'ended', count: 500, inWorker: false });
    expect((await loaded(list, 490, 500)).map((e) => e.seq)).toEqual(range(490, 500));
  });

  it('a Worker whose script fails: the page reads instead, and a read sent before is answered', async () => {
    globalThis.Worker = class extends RealWorker {
      constructor() {
        const failing = URL.createObjectURL(
          new Blob(['throw new Error("no script")'], { type: 'text/javascript' }),
        );
        super(failing, { type: 'module' });
      }
    };
    const log = createStreamLog<Event>({ url: '/api/stream?count=300&rate=0' });
    open.push({ log: log as StreamLog<unknown> });
    expect(log.getSnapshot().inWorker).toBe(true);
    const early = log.source.loadPage({ page: 0, signal: new AbortController().signal, priority: 'high' });
    await expect(early).resolves.toMatchObject({ items: expect.any(Array) });
    const s = await until(log, settled);
    expect(s).toMatchObject({ status: 'ended', count: 300, inWorker: false, error: null });
    const page = await log.source.loadPage({
      page: 2,
      signal: new AbortController().signal,
      priority: 'high',
    });
    expect(page.items.map((e) => e.seq)).toEqual(range(200, 300));
  });

  it('refuses bad options with a message naming the option', () => {
    const make = (options: object) => () => createStreamLog(options as Parameters<typeof createStreamLog>[0]);
    expect(make({})).toThrow(/createStreamLog option "url" must be a URL, got undefined/);
    expect(make({ url: '/x', format: 'sse' })).toThrow(/option "format" must be 'ndjson'/);
    expect(make({ url: '/x', maxBytes: 0 })).toThrow(/option "maxBytes" must be a finite number > 0/);
    expect(make({ url: '/x', pageSize: 2.5 })).toThrow(/option "pageSize" must be a positive integer/);
    expect(make({ url: '/x', onCount: 'no' })).toThrow(/option "onCount" must be a function/);
    expect(make({ url: '/x', resumeParam: '' })).toThrow(
      /option "resumeParam" must be a query parameter name/,
    );
    expect(make({ url: '/x', retry: { attempts: 0 } })).toThrow(
      /option "retry.attempts" must be a positive integer/,
    );
  });
});
