// Issue #6's second figure: the longest main-thread task while a visible, virtualized list
// receives 50,000 items/s from a stream (createStream → onItems → LazyList.append → virtual
// list following the end). Figures are printed, not asserted; the assertions check that every
// item arrived once, in order, and that the DOM stayed small.
import { describe, expect, it } from 'vitest';
import { createLazyList } from '../list/createLazyList.ts';
import { offsetSource } from '../sources/offsetSource.ts';
import { createStream } from '../stream/createStream.ts';
import { frames, mountVirtualList } from '../testing/mountVirtualList.ts';

interface Event {
  seq: number;
  message: string;
}

const RATE = 50_000;
const SECONDS = 4;
const TICK_MS = 10;

/** An NDJSON body producing RATE events/s on a timer, like a server pushing as fast as it promises. */
function liveBody(total: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let seq = 0;
  let timer: ReturnType<typeof setInterval> | undefined;
  const started = performance.now();
  return new ReadableStream<Uint8Array>({
    start(controller) {
      timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) * RATE) / 1000));
        if (due <= seq) return;
        let text = '';
        for (; seq < due; seq++)
          text += `${JSON.stringify({ seq, message: `event ${seq} from the live source` })}\n`;
        controller.enqueue(encoder.encode(text));
        if (seq >= total) {
          clearInterval(timer);
          controller.close();
        }
      }, TICK_MS);
    },
    cancel() {
      clearInterval(timer);
    },
  });
}

describe('live ingest into a visible virtual list', () => {
  it('keeps every item and reports the longest task at 50,000 items/s', async () => {
    const total = RATE * SECONDS;
    const list = createLazyList<Event>({
      key: ['live-ingest'],
      source: offsetSource({
        pageSize: 1_000,
        initialCount: 0,
        fetchPage: async () => {
          throw new Error('every page here was appended, none is fetched');
        },
      }),
      memory: { maxBytes: Number.POSITIVE_INFINITY },
    });
    const mounted = mountVirtualList({ list, anchor: 'end', estimateSize: () => 24, text: (e) => e.message });
    const longTasks: number[] = [];
    const observer = new PerformanceObserver((entries) => {
      for (const entry of entries.getEntries()) longTasks.push(entry.duration);
    });
    observer.observe({ type: 'longtask', buffered: false });
    let frameCount = 0;
    let maxFrameGap = 0;
    let last = performance.now();
    let ticking = true;
    const tick = () => {
      const now = performance.now();
      maxFrameGap = Math.max(maxFrameGap, now - last);
      last = now;
      frameCount += 1;
      if (ticking) requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);

    let appendMax = 0;
    let appendSum = 0;
    const started = performance.now();
    const stream = createStream<Event>({
      request: () => new Response(liveBody(total)),
      maxItems: 1_000,
      onItems: (batch) => {
        const t = performance.now();
        list.append(batch);
        const d = performance.now() - t;
        appendMax = Math.max(appendMax, d);
        appendSum += d;
      },
    });
    await new Promise<void>((resolve) => {
      const stop = stream.subscribe(() => {
        if (stream.getSnapshot().status !== 'done') return;
        stop();
        resolve();
      });
    });
    const seconds = (performance.now() - started) / 1000;
    await frames(2);
    ticking = false;
    observer.disconnect();

    const snapshot = mounted.view.getSnapshot();
    const longest = Math.max(0, ...longTasks);
    console.log(
      `[ingest] ${total.toLocaleString('en')} items in ${seconds.toFixed(2)} s (${Math.round(total / seconds).toLocaleString('en')} items/s offered at ${RATE.toLocaleString('en')}/s); ` +
        `longest task ${longest.toFixed(0)} ms, ${longTasks.length} long tasks, longest frame gap ${maxFrameGap.toFixed(0)} ms over ${frameCount} frames; ` +
        `${mounted.spacer.children.length} rows in the DOM; append + layout + DOM render ${appendSum.toFixed(0)} ms in all, at most ${appendMax.toFixed(0)} ms per frame`,
    );
    expect(snapshot.count).toBe(total);
    const lastRow = snapshot.rows.at(-1);
    expect(lastRow?.state.status === 'loaded' ? lastRow.state.item.seq : -1).toBe(total - 1);
    expect(mounted.visible().at(-1)).toBe(total - 1);
    expect(mounted.spacer.children.length).toBeLessThan(80);
    mounted.unmount();
    list.destroy();
  });
});
