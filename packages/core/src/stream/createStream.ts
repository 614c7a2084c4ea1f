import { assertUnchanged } from '../options.ts';
import { Subscribable } from '../subscribable.ts';
import { loadConnection } from './connectionChunk.ts';
import { earlyRequest } from './earlyRequest.ts';
import type { PublishBudget } from './publishBudget.ts';
import { RecentKeys } from './recentKeys.ts';
import { RingBuffer } from './ringBuffer.ts';
import type { ConnectionHost, EarlyRequest } from './streamConnection.ts';
import type { StreamParseError } from './streamErrors.ts';
import {
  type CreateStreamOptions,
  type ResolvedStreamOptions,
  resolveStreamOptions,
} from './streamOptions.ts';
import type { StreamSink } from './streamParser.ts';
import type { StreamSnapshot, StreamStatus } from './streamSnapshot.ts';
import { RateMeter } from './streamStats.ts';

export type { StreamSnapshot, StreamStatus } from './streamSnapshot.ts';

type Phase = 'connecting' | 'open' | 'reconnecting' | 'done' | 'error';

// StrictMode unmounts and remounts at once: tear down only if no one resubscribes meanwhile.
const TEARDOWN_DELAY_MS = 0;

/**
 * The object behind {@link createStream}. Reading starts with the first subscriber and stops
 * (the fetch is aborted) shortly after the last one leaves; subscribing again resumes from the
 * last id. Reading is pull-based: a chunk is read only when fewer than `highWaterMark` parsed
 * items wait for the next frame and the stream is not paused, so a slow page stops the network.
 *
 * @example
 * const stream: ItemStream<LogEvent> = createStream({ url: '/api/stream' });
 * stream.subscribe(() => draw(stream.getSnapshot().items));
 */
export class ItemStream<T> extends Subscribable {
  #o: ResolvedStreamOptions<T>;
  #input: CreateStreamOptions<T>;
  readonly #ring: RingBuffer<T>;
  readonly #rates = new RateMeter();
  #pending: T[] = [];
  /**
   * Steers how many items a frame publishes; it comes with the reading loop's module (items only
   * arrive through it), so `createStream` alone does not carry it. Kept across reconnects.
   */
  #budget: PublishBudget | null = null;
  #yield: (() => Promise<void>) | null = null;
  #pendingSince = 0;
  /** When the last frame that published items started. */
  #publishedAt = Number.NEGATIVE_INFINITY;
  readonly #recent = new RecentKeys();
  #lastKey: string | number | undefined;
  #lastEventId: string | undefined;
  #serverRetryMs: number | undefined;
  #phase: Phase = 'connecting';
  #paused = false;
  #closed = false;
  #error: unknown = null;
  #fatal: StreamParseError | null = null;
  #lastMalformed: StreamParseError | null = null;
  #counts = { bytes: 0, items: 0, malformed: 0, reconnects: 0, dropped: 0, duplicates: 0, lagMs: 0 };
  #rateValues = { bytesPerSecond: 0, itemsPerSecond: 0 };
  #itemsView: readonly T[] = [];
  #snapshot: StreamSnapshot<T>;
  #dirty = false;
  #frame: unknown = null;
  #generation = 0;
  #running = false;
  #abort: AbortController | null = null;
  #teardownTimer: unknown = null;
  readonly #wakers = new Set<() => void>();
  /** What the reading loop (streamConnection.ts) sees of this stream. */
  readonly #host: ConnectionHost<T> = {
    options: () => this.#o,
    live: (generation) => generation === this.#generation,
    gate: (generation) => this.#gate(generation),
    resuming: () => this.#counts.items > 0 || this.#phase === 'reconnecting',
    connecting: (abort, reconnect) => {
      this.#abort = abort;
      if (reconnect) this.#counts.reconnects++;
      this.#setPhase(reconnect ? 'reconnecting' : 'connecting');
    },
    opened: () => this.#setPhase('open'),
    sink: (received) => this.#sink(received),
    bytes: (count) => {
      this.#counts.bytes += count;
    },
    changed: () => this.#changed(),
    fatal: () => this.#fatal,
    lastId: () => this.#lastId(),
    serverRetryMs: () => this.#serverRetryMs,
    reconnecting: () => this.#setPhase('reconnecting'),
    finish: (generation, phase, error) => this.#finish(generation, phase, error),
  };

  constructor(options: ResolvedStreamOptions<T>, input?: CreateStreamOptions<T>) {
    super();
    this.#o = options;
    this.#input = input ?? { request: options.request };
    this.#ring = new RingBuffer<T>(options.maxItems);
    this.#snapshot = this.#buildSnapshot();
    // Fetched now, not at the first subscribe: useStream creates the stream in render and
    // subscribes after the commit, a frame later (the request waited for it: issue #16 item 3).
    void loadConnection();
  }

  /**
   * Takes new options while reading: `request` (a new token: used from the next connection),
   * `onItems`, `retry`, `resume` (key), `onMalformed`, `maxLineBytes`, `highWaterMark`.
   * The items stay and the connection is not reopened. In development builds (decision 0054)
   * throws a TypeError, changing nothing, for invalid values and for what makes another stream
   * (`url`, `format`, `resumeParam`, `maxItems`, the environment): create another stream for those.
   *
   * @example
   * stream.setOptions({ request: (r) => fetch(`/api/log?from=${r.lastId ?? 0}`, { headers: auth(newToken), signal: r.signal }) });
   */
  setOptions(partial: Partial<CreateStreamOptions<T>>): void {
    // What makes another stream: checked in development builds only (decision 0054).
    if (process.env.NODE_ENV !== 'production') {
      const fixed = ['url', 'format', 'resumeParam', 'maxItems', 'frameScheduler', 'timers', 'now'];
      assertUnchanged('ItemStream.setOptions', fixed, this.#input, partial);
    }
    const input = { ...this.#input, ...partial };
    const resolved = resolveStreamOptions(input); // throws, changing nothing, on a bad value
    this.#input = input;
    this.#o = { ...resolved, parser: this.#o.parser, frameScheduler: this.#o.frameScheduler };
  }

  /** The current snapshot; the same object until something changed. */
  readonly getSnapshot = (): StreamSnapshot<T> => this.#snapshot;

  /** Stops reading (the connection stays open, the server is no longer pulled) until `resume()`. */
  readonly pause = (): void => {
    if (this.#paused || this.#isFinal()) return;
    this.#paused = true;
    this.#changed();
  };

  /** Continues reading after `pause()`. */
  readonly resume = (): void => {
    if (!this.#paused) return;
    this.#paused = false;
    this.#wake();
    this.#changed();
  };

  /** After `status: 'error'`: reconnects from the last id, keeping the items. */
  readonly retry = (): void => {
    if (this.#phase !== 'error' || this.#closed) return;
    this.#error = null;
    this.#fatal = null; // a malformed line that stopped it (onMalformed: 'error'): read on from before it
    this.#phase = 'reconnecting';
    this.#changed();
    if (this.hasListeners()) this.#start();
  };

  /** Drops every item and counter and reads again from the beginning. */
  readonly restart = (): void => {
    this.#stopRun();
    this.#ring.clear();
    this.#pending = [];
    this.#recent.clear();
    this.#lastKey = undefined;
    this.#lastEventId = undefined;
    this.#serverRetryMs = undefined;
    this.#counts = { bytes: 0, items: 0, malformed: 0, reconnects: 0, dropped: 0, duplicates: 0, lagMs: 0 };
    this.#rates.reset();
    this.#rateValues = { bytesPerSecond: 0, itemsPerSecond: 0 };
    this.#itemsView = [];
    this.#error = null;
    this.#fatal = null;
    this.#lastMalformed = null;
    this.#phase = 'connecting';
    this.#paused = false;
    this.#closed = false;
    this.#changed();
    if (this.hasListeners()) this.#start();
  };

  /** Aborts the connection for good (status 'done' unless it failed); items stay readable. */
  readonly close = (): void => {
    if (this.#closed) return;
    this.#closed = true;
    this.#stopRun();
    this.#paused = false;
    if (this.#phase !== 'error') this.#phase = 'done';
    this.#changed();
  };

  protected override onSubscribe(): void {
    if (this.#teardownTimer !== null) {
      this.#o.timers.clearTimeout(this.#teardownTimer);
      this.#teardownTimer = null;
    }
    if (!this.#isFinal()) this.#start();
  }

  protected override onUnsubscribe(): void {
    this.#teardownTimer = this.#o.timers.setTimeout(() => {
      this.#teardownTimer = null;
      if (!this.hasListeners()) this.#stopRun();
    }, TEARDOWN_DELAY_MS);
  }

  #isFinal(): boolean {
    return this.#closed || this.#phase === 'done' || this.#phase === 'error';
  }

  #start(): void {
    if (this.#running || this.#closed) return;
    this.#running = true;
    const generation = ++this.#generation;
    // The request leaves now, not once the reading loop's chunk is loaded (decision 0050).
    let early: EarlyRequest | undefined;
    if (!this.#paused && this.#pending.length < this.#o.highWaterMark) {
      early = earlyRequest(this.#o, this.#lastId(), this.#host.resuming() ? 1 : 0);
      this.#abort = early.abort;
    }
    loadConnection().then(
      ({ runConnection, createPublishBudget, yieldToMain }) => {
        this.#budget ??= createPublishBudget();
        this.#yield = yieldToMain;
        if (generation === this.#generation) void runConnection(this.#host, generation, early);
        else early?.worker?.terminate();
      },
      (error: unknown) => {
        early?.abort.abort(); // (a stopped run's was aborted already)
        early?.worker?.terminate();
        this.#finish(generation, 'error', error);
      },
    );
  }

  #stopRun(): void {
    this.#generation++;
    this.#running = false;
    this.#abort?.abort();
    this.#abort = null;
    this.#wake();
  }

  #wake(): void {
    const wakers = [...this.#wakers];
    this.#wakers.clear();
    for (const wake of wakers) wake();
  }

  #waitForWake(): Promise<void> {
    return new Promise((resolve) => this.#wakers.add(resolve));
  }

  /** Waits while paused or while too many parsed items wait for a frame (backpressure). */
  async #gate(generation: number): Promise<boolean> {
    while (
      generation === this.#generation &&
      (this.#paused || this.#pending.length >= this.#o.highWaterMark)
    ) {
      await this.#waitForWake();
    }
    return generation === this.#generation;
  }

  #sink(received: { items: number }): StreamSink<T> {
    const key = this.#o.key;
    return {
      item: (value, id) => {
        if (this.#fatal) return;
        if (key) {
          const k = key(value);
          if (this.#recent.seen(k)) {
            this.#counts.duplicates++;
            return;
          }
          this.#lastKey = k;
        }
        if (id) this.#lastEventId = id;
        if (this.#pending.length === 0) this.#pendingSince = this.#o.now();
        this.#pending.push(value);
        received.items++;
      },
      malformed: (error) => {
        if (this.#fatal) return;
        this.#counts.malformed++;
        this.#lastMalformed = error;
        if (this.#o.onMalformed === 'error') this.#fatal = error;
        this.#changed();
      },
      retry: (ms) => {
        this.#serverRetryMs = ms;
      },
      // SSE's resume point, also from events without data; '' (reset): none, as no id was sent.
      id: (id) => {
        if (!this.#fatal) this.#lastEventId = id || undefined;
      },
    };
  }

  #lastId(): string | number | undefined {
    return this.#lastEventId ?? this.#lastKey;
  }

  #finish(generation: number, phase: 'done' | 'error', error: unknown): void {
    if (generation !== this.#generation) return;
    this.#running = false;
    this.#abort = null;
    this.#phase = phase;
    this.#error = error;
    this.#paused = false;
    this.#changed();
  }

  #setPhase(phase: Phase): void {
    if (this.#phase === phase) return;
    this.#phase = phase;
    this.#changed();
  }

  /** Marks the snapshot stale; it is rebuilt and published on the next frame (coalescing). */
  #changed(): void {
    this.#dirty = true;
    if (this.#frame === null) this.#frame = this.#o.frameScheduler.request(this.#onFrame);
  }

  readonly #onFrame = (): void => {
    this.#frame = null;
    if (!this.#dirty) return;
    const now = this.#o.now();
    // A frame that costs over the budget whatever it carries leaves the next ones to the page
    // while the body is read (decision 0066), unless the backlog nears the reading loop's gate.
    if (
      now - this.#publishedAt < (this.#budget?.gapMs ?? 0) &&
      this.#phase === 'open' &&
      !this.#paused &&
      this.#pending.length < this.#o.highWaterMark / 2
    ) {
      this.#frame = this.#o.frameScheduler.request(this.#onFrame);
      return;
    }
    this.#dirty = false;
    // splice moves the rest down (at most highWaterMark items): cheaper than it reads.
    const pending = this.#pending.length;
    const batch = this.#pending.splice(0, this.#budget?.limit(pending) ?? pending);
    let itemsMs = 0;
    if (batch.length > 0) {
      this.#publishedAt = now;
      this.#counts.items += batch.length;
      this.#counts.dropped += this.#ring.pushAll(batch);
      this.#counts.lagMs = Math.round(now - this.#pendingSince);
      try {
        this.#o.onItems?.(batch);
      } catch (error) {
        // An app's bug must not stop the stream (no snapshot, the reading loop never woken): as a listener's.
        queueMicrotask(() => {
          throw error;
        });
      }
      itemsMs = this.#o.now() - now; // the part of the frame that grows with the batch
      this.#itemsView = Object.freeze(this.#ring.toArray());
    }
    this.#rateValues = this.#rates.sample(now, this.#counts.bytes, this.#counts.items);
    this.#snapshot = this.#buildSnapshot();
    this.#wake();
    this.notify();
    // The rest goes out in the next frames, in order: one frame never takes more than the budget.
    if (this.#pending.length > 0) this.#changed();
    const budget = this.#budget;
    if (batch.length > 0 && budget && this.#yield) {
      // The frame's cost is measured in the next task: after the listeners' microtasks (React
      // renders a store update in one) and the frame's rendering (layout, ResizeObserver) too.
      void this.#yield().then(() => budget.record(batch.length, this.#o.now() - now, itemsMs));
    }
  };

  #buildSnapshot(): StreamSnapshot<T> {
    // Items still waiting for a frame come out before the stream says it ended.
    const final = this.#phase === 'done' || this.#phase === 'error';
    const ended = final && this.#pending.length === 0;
    const status: StreamStatus = ended ? this.#phase : this.#paused ? 'paused' : final ? 'open' : this.#phase;
    return Object.freeze({
      items: this.#itemsView,
      status,
      error: ended ? this.#error : null,
      stats: Object.freeze({ ...this.#counts, ...this.#rateValues }),
      lastId: this.#lastId(),
      lastMalformed: this.#lastMalformed,
    });
  }
}

/**
 * A live stream of items read from a chunked HTTP body (NDJSON, JSON text sequences, SSE or a
 * custom parser), with resume after a dropped connection, a ring buffer of the newest
 * `maxItems`, backpressure and at most one snapshot per animation frame. Reading starts with
 * the first `subscribe` and is torn down after the last unsubscribe.
 *
 * @example
 * const stream = createStream<{ seq: number }>({
 *   request: (resume) => fetch(`/api/stream?from=${resume.lastId ?? 0}`, { signal: resume.signal }),
 *   resume: { key: (e) => e.seq },
 * });
 * const unsubscribe = stream.subscribe(() => console.log(stream.getSnapshot().stats.items));
 */
export function createStream<T>(options: CreateStreamOptions<T>): ItemStream<T> {
  return new ItemStream(resolveStreamOptions(options), options);
}
