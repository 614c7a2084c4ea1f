// The Worker parse gives what the page gives (decision 0031): the page parses the chunks read
// before the Worker is ready, the Worker those after. Bodies with one and two BOMs, CR / LF /
// CRLF line ends, 4-byte characters, malformed lines, SSE ids (one with NUL), comments, `retry:`
// and an unfinished last line or event are sent one byte per chunk, and the Worker takes over
// after each CR and inside each BOM and character: a CR whose LF, or bytes of a character, it has
// not seen yet.
// Also: the Worker is terminated when the stream stops, finished or not.
import { afterEach, describe, expect, it } from 'vitest';
import { ended, RealWorker } from '../testing/streamEnded.ts';
import { createStream, type StreamSnapshot } from './createStream.ts';

const BOM = '\uFEFF';
const RS = '\u001e';
const tick = (ms = 2) => new Promise((resolve) => setTimeout(resolve, ms));

const spy = { started: 0, terminated: 0, ready: Promise.resolve() };
function spyOnWorkers() {
  let ready = () => {};
  spy.ready = new Promise((resolve) => {
    ready = resolve;
  });
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      spy.started++;
      this.addEventListener('message', (event: MessageEvent<{ kind: string }>) => {
        if (event.data.kind === 'ready') setTimeout(ready, 0); // after the page's own handler
      });
    }
    override terminate() {
      spy.terminated++;
      super.terminate();
    }
  };
}
afterEach(() => {
  globalThis.Worker = RealWorker;
  spy.started = 0;
  spy.terminated = 0;
});

/** One byte per chunk; the chunk at `handover` waits until the Worker is ready. */
function byteBody(text: string, handover: number): Response {
  const bytes = new TextEncoder().encode(text);
  let at = 0;
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        async pull(controller) {
          if (at === handover) await spy.ready;
          if (at >= bytes.length) controller.close();
          else controller.enqueue(bytes.slice(at, at + 1));
          at++;
        },
      },
      { highWaterMark: 0 },
    ),
  );
}

const summary = (s: StreamSnapshot<unknown>) => ({
  status: s.status,
  items: s.items,
  malformed: s.stats.malformed,
  lastMalformed: s.lastMalformed?.line,
  lastId: s.lastId,
  bytes: s.stats.bytes,
});

const BODIES = {
  ndjson: `${BOM}${BOM}{"a":1}\r\n{"s":"😀"}\rnope\n\n{"b":2}\r\n{"c":3}`,
  sse: `${BOM}retry: 5\r\nid: a\u0000b\r\ndata: {"s":"😀"}\r\r: c\nid: 7\ndata: 1\n\nevent: x\rdata: bad\n\nid: 8\ndata: 2`,
  'json-seq': `${BOM}${RS}{"a":1}\n${RS}{"s":"😀"}\r\n${RS}[\n${RS}3\n${RS}4`,
} as const;
type Format = keyof typeof BODIES;

describe.each(Object.keys(BODIES) as Format[])('%s: Worker and page agree', (format) => {
  const text = BODIES[format];
  const bytes = new TextEncoder().encode(text);
  // streamHandover.browser.test.ts hands over after every byte with the rest in one chunk; here the
  // Worker also gets one byte per message: handovers where a CR, a BOM or a character is cut.
  const handovers = [0, bytes.length].concat(
    Array.from(bytes.keys()).filter(
      (i) => i > 0 && (bytes[i - 1] === 13 || (bytes[i - 1] as number) >= 0x80),
    ),
  );

  it('the Worker takes over inside a CRLF, a BOM, a character: the same items, errors and last id as the page', async () => {
    const page = summary(
      await ended(createStream({ format, worker: false, retry: false, request: () => new Response(text) })),
    );
    expect(page.status).toBe('done');
    expect(page.items.length).toBeGreaterThan(1);
    expect(page.malformed).toBeGreaterThan(0);
    for (const handover of handovers) {
      spy.started = 0;
      spy.terminated = 0;
      spyOnWorkers();
      const stream = createStream({ format, retry: false, request: () => byteBody(text, handover) });
      const got = summary(await ended(stream));
      expect({ handover, ...got }).toEqual({ handover, ...page });
      for (let i = 0; i < 200 && spy.terminated < spy.started; i++) await tick();
      expect(spy.started).toBe(1);
      expect(spy.terminated).toBe(1); // a Worker serves one connection
      globalThis.Worker = RealWorker;
    }
  }, 60_000);
});

describe('the parse Worker stops with the stream', () => {
  it.each([
    ['close()', (stop: { close(): void; unsubscribe(): void }) => stop.close()],
    ['the last unsubscribe', (stop: { close(): void; unsubscribe(): void }) => stop.unsubscribe()],
  ])('%s mid-body terminates the Worker, with no error in the page', async (_name, stop) => {
    spyOnWorkers();
    const problems: unknown[] = [];
    const onRejection = (event: PromiseRejectionEvent) => problems.push(event.reason);
    window.addEventListener('unhandledrejection', onRejection);
    let cancelled = false;
    const body = new ReadableStream<Uint8Array>({
      async start(controller) {
        await spy.ready;
        controller.enqueue(new TextEncoder().encode('1\n2\n'));
      },
      cancel() {
        cancelled = true;
      },
    });
    const stream = createStream<number>({ request: () => new Response(body), retry: false });
    const unsubscribe = stream.subscribe(() => {});
    for (let i = 0; i < 1_000 && stream.getSnapshot().items.length < 2; i++) await tick();
    expect(stream.getSnapshot().items).toEqual([1, 2]);
    stop({ close: stream.close, unsubscribe });
    for (let i = 0; i < 200 && (spy.terminated === 0 || !cancelled); i++) await tick();
    unsubscribe();
    await tick(20);
    window.removeEventListener('unhandledrejection', onRejection);
    expect(spy.started).toBe(1);
    expect(spy.terminated).toBe(1);
    expect(cancelled).toBe(true);
    expect(problems).toEqual([]);
  });
});

describe('a `url`-only stream, fetched and parsed in its Worker', () => {
  it.each(Object.keys(BODIES) as Format[])(
    '%s: the same items, errors and last id as the page',
    async (format) => {
      spyOnWorkers();
      const text = BODIES[format];
      const url = URL.createObjectURL(new Blob([text]));
      try {
        const page = summary(
          await ended(
            createStream({ format, worker: false, retry: false, request: () => new Response(text) }),
          ),
        );
        const inWorker = summary(await ended(createStream({ format, retry: false, url })));
        expect(spy.started).toBe(1);
        expect(inWorker).toEqual(page);
      } finally {
        URL.revokeObjectURL(url);
      }
    },
  );
});

describe('a resume.key that throws on an item (a `null` line)', () => {
  const body = '{"seq":0}\n{"seq":1}\nnull\n{"seq":3}\n';
  it.each(['the page', 'the Worker', "a url-only stream's Worker"])(
    'parsed by %s: the stream ends in status error with that error, the items before it kept',
    async (where) => {
      spyOnWorkers();
      const url = URL.createObjectURL(new Blob([body]));
      const options = { retry: false, resume: { key: (e: { seq: number }) => e.seq } } as const;
      try {
        const stream =
          where === "a url-only stream's Worker"
            ? createStream<{ seq: number }>({ ...options, url })
            : createStream<{ seq: number }>({
                ...options,
                worker: where === 'the Worker',
                request: async () => {
                  if (where === 'the Worker') await spy.ready; // its reply is delivered on the page
                  return new Response(body);
                },
              });
        const s = await ended(stream);
        expect(s.status).toBe('error');
        expect(s.error).toBeInstanceOf(TypeError);
        expect(s.items).toEqual([{ seq: 0 }, { seq: 1 }]);
      } finally {
        URL.revokeObjectURL(url);
      }
    },
  );
});
