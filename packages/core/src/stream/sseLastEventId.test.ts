// The SSE resume point (Last-Event-ID) per the WHATWG event-stream rules and Chromium's
// EventSource: at each blank line the last event id takes the id buffer's value, whether or not
// the event has data (no item then); an empty `id` resets it (no Last-Event-ID on reconnect); an
// `id` containing NUL is ignored; an unfinished event's `id` does not count. createStream learned
// ids only from items and ignored an empty one: it resumed from 1 in both cases below.
// The same through the parse Worker: sseLastEventId.browser.test.ts.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createStream } from './createStream.ts';
import { parseSse } from './parseSse.ts';

/** What parseSse reports, fed `chunks` (then end()): items, their ids and `sink.id` calls. */
function parse(chunks: readonly string[]) {
  const items: string[] = [];
  const itemIds: (string | undefined)[] = [];
  const ids: string[] = [];
  const parser = parseSse<string>({
    item: (value, id) => {
      items.push(value);
      itemIds.push(id);
    },
    malformed: () => {},
    id: (id) => ids.push(id),
  });
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return { items, itemIds, ids };
}

/** Every way to cut `text` in two, and one character per chunk. */
const splits = (text: string): string[][] => [
  [text],
  ...Array.from({ length: text.length - 1 }, (_, i) => [text.slice(0, i + 1), text.slice(i + 1)]),
  [...text],
];

describe('parseSse: the last event id (sink.id)', () => {
  it.each<[string, string, string[], string[]]>([
    ['an event with an id and no data moves it', 'id: 1\ndata: "a"\n\nid: 2\n\n', ['a'], ['1', '2']],
    ['an empty id (no colon) resets it', 'id: 1\ndata: "a"\n\nid\ndata: "b"\n\n', ['a', 'b'], ['1', '']],
    ['an empty id (colon) resets it', 'id: 1\n\nid:\n\n', [], ['1', '']],
    ['an id containing NUL is ignored', 'id: 1\ndata: "a"\n\nid: 2\u0000\ndata: "b"\n\n', ['a', 'b'], ['1']],
    ['an unfinished event does not set it', 'id: 1\n\nid: 2\ndata: "x"', [], ['1']],
    ['blank lines without an id field report nothing', '\n\ndata: "a"\n\n\n', ['a'], []],
    [
      'the last id field before the blank line wins',
      'id: 1\nid: 2\r\n\r\nid: 3\rdata: "c"\r\r',
      ['c'],
      ['2', '3'],
    ],
  ])('%s', (_name, text, items, ids) => {
    for (const chunks of splits(text)) {
      const got = parse(chunks);
      expect(got.items, JSON.stringify(chunks)).toEqual(items);
      expect(got.ids, JSON.stringify(chunks)).toEqual(ids);
    }
  });

  it('items still carry the id in effect at their dispatch', () => {
    expect(parse(['id: 1\ndata: "a"\n\nid\ndata: "b"\n\nid: 3\ndata: "c"\n\n']).itemIds).toEqual([
      '1',
      '',
      '3',
    ]);
  });
});

/** A body giving `text`, then failing (a dropped connection). */
function dropping(text: string): Response {
  let sent = false;
  return new Response(
    new ReadableStream<Uint8Array>(
      {
        pull(c) {
          if (sent) c.error(new TypeError('cut'));
          else c.enqueue(new TextEncoder().encode(text));
          sent = true;
        },
      },
      { highWaterMark: 0 },
    ),
  );
}

async function untilDone(stream: ReturnType<typeof createStream<string>>): Promise<void> {
  const stop = stream.subscribe(() => {});
  for (let i = 0; i < 2000 && stream.getSnapshot().status !== 'done'; i++)
    await new Promise((r) => setTimeout(r, 1));
  stop();
  expect(stream.getSnapshot().status).toBe('done');
}

/** The `lastId` of each request of a stream whose connections give `bodies`, each then dropped (the last ends). */
async function resumeIds(...bodies: string[]): Promise<(string | number | undefined)[]> {
  const lastIds: (string | number | undefined)[] = [];
  const stream = createStream<string>({
    format: 'sse',
    worker: false,
    retry: { baseDelayMs: 1, maxDelayMs: 1 },
    request: ({ lastId }) => {
      lastIds.push(lastId);
      const body = bodies[lastIds.length - 1];
      return body === undefined ? new Response('data: "end"\n\n') : dropping(body);
    },
  });
  await untilDone(stream);
  return lastIds;
}

describe('createStream (SSE, parsed on the page): the resume id', () => {
  it('an event with an id and no data moves the resume point (EventSource sends Last-Event-ID: 2)', async () => {
    expect(await resumeIds('id: 1\ndata: "a"\n\nid: 2\n\n')).toEqual([undefined, '2']);
  });

  it('an empty id resets it: the reconnect has no lastId', async () => {
    expect(await resumeIds('id: 1\ndata: "a"\n\nid\ndata: "b"\n\n')).toEqual([undefined, undefined]);
  });

  it('an id containing NUL is ignored; an unfinished event does not count', async () => {
    expect(await resumeIds('id: 1\ndata: "a"\n\nid: 2\u0000\n\nid: 3\ndata: "c"')).toEqual([undefined, '1']);
  });

  it('a connection without id fields keeps the earlier one; one after a reset sets it again', async () => {
    expect(await resumeIds('id: 1\ndata: "a"\n\n', 'data: "b"\n\n\n', 'id\n\n', 'id: 4\n\n')).toEqual([
      undefined,
      '1',
      '1',
      undefined,
      '4',
    ]);
  });
});

describe('createStream({ url, format: "sse" }): the Last-Event-ID header', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  async function headers(first: string): Promise<(string | null)[]> {
    const sent: (string | null)[] = [];
    vi.stubGlobal('fetch', async (_url: string, init: RequestInit) => {
      sent.push(new Headers(init.headers).get('Last-Event-ID'));
      return sent.length === 1 ? dropping(first) : new Response('data: "end"\n\n');
    });
    await untilDone(
      createStream<string>({
        url: '/events',
        format: 'sse',
        worker: false,
        retry: { baseDelayMs: 1, maxDelayMs: 1 },
      }),
    );
    return sent;
  }

  it('Last-Event-ID: 2 after an id-only event', async () => {
    expect(await headers('id: 1\ndata: "a"\n\nid: 2\n\n')).toEqual([null, '2']);
  });

  it('no Last-Event-ID after an empty id', async () => {
    expect(await headers('id: 1\ndata: "a"\n\nid\ndata: "b"\n\n')).toEqual([null, null]);
  });
});
