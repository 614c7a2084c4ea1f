// Decoding that follows the specs (issue 16): a stream's first byte-order mark is skipped once, by
// the parser alone; a second one is content. Every parser gives the same items fed whole, split
// at every position, and through createStream whole, byte by byte and split at every byte (CRLF
// pairs and 4-byte UTF-8 sequences across chunks included).
import { describe, expect, it } from 'vitest';
import { createStream } from './createStream.ts';
import { parseJsonSeq } from './parseJsonSeq.ts';
import { parseNdjson } from './parseNdjson.ts';
import { parseSse } from './parseSse.ts';
import type { StreamParserFactory } from './streamParser.ts';

const BOM = '\uFEFF';
const RS = '\u001E';
const FORMATS = {
  ndjson: {
    parser: parseNdjson,
    body: '{"s":"😀 a"}\r\n{"s":"é b"}\r\n',
    items: [{ s: '😀 a' }, { s: 'é b' }],
  },
  'json-seq': {
    parser: parseJsonSeq,
    body: `${RS}{"s":"😀 a"}\n${RS}{"s":"é b"}\n`,
    items: [{ s: '😀 a' }, { s: 'é b' }],
  },
  sse: {
    parser: parseSse,
    body: 'data: {"s":"😀 a"}\r\n\r\ndata: {"s":"é b"}\r\n\r\n',
    items: [{ s: '😀 a' }, { s: 'é b' }],
  },
} as const;
type Format = keyof typeof FORMATS;

/** Items and malformed count from a parser fed `chunks` of text. */
function direct(parser: StreamParserFactory<unknown>, chunks: readonly string[]) {
  const items: unknown[] = [];
  let malformed = 0;
  const p = parser({ item: (value) => items.push(value), malformed: () => (malformed += 1) }, {});
  for (const chunk of chunks) p.push(chunk);
  p.end();
  return { items, malformed };
}

/** The same through createStream, the body arriving in `chunks` of bytes. */
async function streamed(format: Format, chunks: readonly Uint8Array[]) {
  const stream = createStream<unknown>({
    format,
    maxItems: Number.POSITIVE_INFINITY,
    retry: false,
    request: () =>
      new Response(
        new ReadableStream<Uint8Array>({
          start(controller) {
            for (const chunk of chunks) controller.enqueue(chunk);
            controller.close();
          },
        }),
      ),
  });
  const stop = stream.subscribe(() => {});
  // Up to ~5 s: the file's first stream imports the reading loop's chunk, which took longer than
  // 200 timer turns with the stream folder's 14 files run in parallel at load 12-20.
  for (let i = 0; i < 5_000 && stream.getSnapshot().status !== 'done'; i++) {
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  const snapshot = stream.getSnapshot();
  stop();
  stream.close();
  return { items: snapshot.items, malformed: snapshot.stats.malformed, status: snapshot.status };
}

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe.each(Object.keys(FORMATS) as Format[])('%s decoding', (format) => {
  const { parser, body, items } = FORMATS[format];
  const unwrap = (list: readonly unknown[]) => list;

  it('a leading BOM is skipped: same items as without it, split at every position', () => {
    for (const text of [body, BOM + body]) {
      expect(unwrap(direct(parser, [text]).items)).toEqual(items);
      for (let cut = 0; cut <= text.length; cut++) {
        expect(unwrap(direct(parser, [text.slice(0, cut), text.slice(cut)]).items)).toEqual(items);
      }
    }
  });

  // A second BOM is content. NDJSON: the first line is not JSON any more (malformed, counted).
  // SSE: the first field is "\uFEFFdata", an unknown field, so its event is never dispatched.
  // JSON text sequences: it precedes the first record separator, outside every record (ignored).
  const second = {
    ndjson: { items: items.slice(1), malformed: 1 },
    sse: { items: items.slice(1), malformed: 0 },
    'json-seq': { items, malformed: 0 },
  }[format];
  it('a second BOM is content, as the format’s rules say', () => {
    const result = direct(parser, [BOM + BOM + body]);
    expect(unwrap(result.items)).toEqual(second.items);
    expect(result.malformed).toBe(second.malformed);
  });

  it.each([
    ['no BOM', ''],
    ['one BOM', BOM],
    ['two BOMs', BOM + BOM],
  ])(
    'createStream agrees with the parser with %s: whole, byte by byte, and split at every byte',
    async (_, prefix) => {
      const text = prefix + body;
      const expected = direct(parser, [text]);
      const bytes = bytesOf(text);
      const whole = await streamed(format, [bytes]);
      expect(whole.status).toBe('done');
      expect(unwrap(whole.items)).toEqual(unwrap(expected.items));
      expect(whole.malformed).toBe(expected.malformed);
      const single = await streamed(
        format,
        Array.from(bytes, (byte) => Uint8Array.of(byte)),
      );
      expect(unwrap(single.items)).toEqual(unwrap(expected.items));
      for (let cut = 1; cut < bytes.length; cut++) {
        const split = await streamed(format, [bytes.slice(0, cut), bytes.slice(cut)]);
        expect(unwrap(split.items)).toEqual(unwrap(expected.items));
      }
    },
  );
});

// A large chunk is decoded in pieces of 32 KiB (issue #16 item 3): a 4-byte sequence, a CRLF pair
// and a line cut by a piece's end decode and parse as in one call.
describe('a chunk larger than a decoding piece', () => {
  const PIECE = 32_768;
  it.each([0, 1, 2, 3])('a 4-byte sequence %i bytes into a piece boundary stays whole', async (shift) => {
    const head = '{"s":"';
    const first = `${head}${'a'.repeat(PIECE - head.length - shift)}😀"}\r\n`;
    const rest = Array.from({ length: 900 }, (_, i) => `{"s":"é ${i} 🚀"}\r\n`).join('');
    const text = first + first + rest + first;
    const bytes = bytesOf(text);
    expect(bytes.byteLength).toBeGreaterThan(3 * PIECE);
    const expected = direct(parseNdjson, [text]);
    expect(expected.items).toHaveLength(903);
    const result = await streamed('ndjson', [bytes]);
    expect(result.status).toBe('done');
    expect(result.malformed).toBe(0);
    expect(result.items).toEqual(expected.items);
  });
});
