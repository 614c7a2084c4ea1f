// The Worker of the stream probes (probe.tsx): what a page could reach if every event stayed in a
// Worker and the page were told only the count and shown the newest rows (issue #16 item 3,
// decision 0084). Fetches the body itself; slowed by ?workerSlowdown as the library's Worker is.
//   'parse': every line `JSON.parse`d and kept, as a Worker that hands items on must.
//   'index': lines only indexed (the bytes kept, each line's start), the newest 30 parsed.
// After each read of the body it posts `{ count, outOfOrder, tail, tailStart }`.

const TAIL = 30;

interface Start {
  readonly url: string;
  readonly mode: 'parse' | 'index';
}

interface Line {
  readonly seq: number;
}

/** Every event parsed and kept; `outOfOrder` counts events whose seq is not the next one. */
function parseAll() {
  const decoder = new TextDecoder();
  const items: Line[] = [];
  let buffer = '';
  let expected = 0;
  let outOfOrder = 0;
  return (bytes: Uint8Array | undefined) => {
    buffer += bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    const lines = buffer.split('\n');
    buffer = bytes ? (lines.pop() ?? '') : '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      const item = JSON.parse(line) as Line;
      if (item.seq !== expected) outOfOrder += 1;
      expected = item.seq + 1;
      items.push(item);
    }
    const tailStart = Math.max(0, items.length - TAIL);
    return { count: items.length, outOfOrder, tail: items.slice(tailStart), tailStart };
  };
}

/** Lines indexed, not parsed: the chunks kept, each line's chunk and start; the tail parsed. */
function indexLines() {
  const decoder = new TextDecoder();
  const chunks: Uint8Array[] = [];
  const lineChunk: number[] = [];
  const lineStart: number[] = [];
  let carry: Uint8Array | null = null;
  const text = (line: number) => {
    const chunk = chunks[lineChunk[line] as number] as Uint8Array;
    const start = lineStart[line] as number;
    const end = chunk.indexOf(10, start);
    return decoder.decode(chunk.subarray(start, end < 0 ? chunk.length : end));
  };
  return (value: Uint8Array | undefined) => {
    let bytes = value ?? new Uint8Array(0);
    if (carry) {
      const merged = new Uint8Array(carry.length + bytes.length);
      merged.set(carry);
      merged.set(bytes, carry.length);
      bytes = merged;
      carry = null;
    }
    const index = chunks.push(bytes) - 1;
    let start = 0;
    for (let end = bytes.indexOf(10); end >= 0; end = bytes.indexOf(10, start)) {
      if (end > start) {
        lineChunk.push(index);
        lineStart.push(start);
      }
      start = end + 1;
    }
    if (start < bytes.length) {
      if (value) carry = bytes.slice(start);
      else {
        lineChunk.push(index);
        lineStart.push(start);
      }
    }
    const count = lineStart.length;
    const tailStart = Math.max(0, count - TAIL);
    const tail: Line[] = [];
    for (let line = tailStart; line < count; line++) tail.push(JSON.parse(text(line)) as Line);
    return { count, outOfOrder: 0, tail, tailStart };
  };
}

self.onmessage = async ({ data }: MessageEvent<Start>) => {
  const take = data.mode === 'parse' ? parseAll() : indexLines();
  const response = await fetch(data.url);
  if (!response.ok || !response.body) throw new Error(`${data.url} answered HTTP ${response.status}`);
  const reader = response.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    self.postMessage(take(done ? undefined : value));
    if (done) return;
  }
};
