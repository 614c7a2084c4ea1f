// A chunk larger than 64 KiB goes to the parse Worker in pieces (issue #16 item 3): the Worker
// answers a message once it has parsed all of it, so a 1 MB network chunk sent whole came back in
// one go, long after its first lines were parsed. In real Chromium: the pieces, each at most
// 64 KiB, give what the page alone gives, with a 4-byte UTF-8 sequence cut by a piece's end.
import { describe, expect, it } from 'vitest';
import { ended, RealWorker, restoreWorkerAfterEach } from '../testing/streamEnded.ts';
import { createStream } from './createStream.ts';

restoreWorkerAfterEach();

/** Workers whose chunk messages (not silent) are counted by size; `ready` once one said so. */
function spyOnChunks() {
  const seen = { chunks: [] as number[], replies: 0 };
  let markReady = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  globalThis.Worker = class extends RealWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      super(url, options);
      this.addEventListener('message', (event: MessageEvent<{ kind: string }>) => {
        if (event.data.kind === 'ready') setTimeout(markReady, 0);
        if (event.data.kind === 'parsed') seen.replies++;
      });
      const post = this.postMessage.bind(this);
      this.postMessage = (
        message: { kind: string; bytes?: Uint8Array; silent?: boolean },
        transfer?: Transferable[] | StructuredSerializeOptions,
      ) => {
        if (message.kind === 'chunk' && !message.silent) seen.chunks.push(message.bytes?.byteLength ?? 0);
        post(message, transfer as Transferable[]);
      };
    }
  };
  return { seen, ready };
}

describe('createStream: a large chunk goes to the Worker in pieces', () => {
  it('a chunk over 192 KiB: pieces of at most 64 KiB, the same items as on the page, in order', async () => {
    const PIECE = 65_536;
    const head = '{"seq":0,"s":"';
    // The first line's emoji straddles the first piece's end (2 of its 4 bytes before it).
    const first = `${head}${'a'.repeat(PIECE - head.length - 2)}😀"}\n`;
    const rest = Array.from({ length: 5_000 }, (_, i) => `{"seq":${i + 1},"s":"é 東京 ${i}"}\n`).join('');
    const bytes = new TextEncoder().encode(first + rest);
    expect(bytes.byteLength).toBeGreaterThan(3 * PIECE);
    const alone = await ended(
      createStream<{ seq: number }>({ request: () => new Response(bytes), worker: false, retry: false }),
    );
    const { seen, ready } = spyOnChunks();
    const inWorker = await ended(
      createStream<{ seq: number }>({
        // The body once the Worker is ready, so the Worker gets it from its first byte.
        request: async () => {
          await ready;
          return new Response(bytes);
        },
        retry: false,
      }),
    );
    expect(inWorker.status).toBe('done');
    expect(inWorker.stats.malformed).toBe(0);
    expect(inWorker.items).toEqual(alone.items);
    expect(inWorker.items.map((e) => e.seq)).toEqual(Array.from({ length: 5_001 }, (_, i) => i));
    expect(seen.chunks.length).toBeGreaterThanOrEqual(Math.ceil(bytes.byteLength / PIECE));
    expect(Math.max(...seen.chunks)).toBeLessThanOrEqual(PIECE);
    expect(seen.replies).toBeGreaterThan(seen.chunks.length);
  });
});
