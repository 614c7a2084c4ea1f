import { type CreateStreamOptions, createStream, type StreamSnapshot } from '@lazyflow/core';
import { useLayoutEffect, useMemo, useState } from 'react';
import { useStoreSnapshot } from './storeSnapshot.ts';

/** Every change of a stream is data arriving: it renders in a transition (decision 0081). */
const ALWAYS = () => true;

/**
 * What {@link useStream} returns: the stream's current snapshot plus its controls.
 *
 * @example
 * const log: UseStreamResult<LogEvent> = useStream<LogEvent>({ url: '/api/log', format: 'ndjson' });
 * const button = log.status === 'error' ? <button onClick={log.retry}>Reconnect</button> : null;
 */
export interface UseStreamResult<T> extends StreamSnapshot<T> {
  /** Stops reading (the server is no longer pulled) until `resume()`. */
  readonly pause: () => void;
  /** Continues reading after `pause()`. */
  readonly resume: () => void;
  /** Drops every item and reads from the beginning. */
  readonly restart: () => void;
  /** After `status: 'error'`: reconnects from the last id, keeping the items. */
  readonly retry: () => void;
  /** Aborts the connection for good; the items stay. */
  readonly close: () => void;
}

/**
 * A live stream (NDJSON, JSON text sequences, SSE) as React state: `createStream(options)`
 * once per mounted component, read through `useStoreSnapshot`, so the component
 * re-renders at most once per animation frame however fast items arrive, and in a transition:
 * a batch never renders inside the task that took it in (decision 0081). Reading starts on
 * mount and the fetch is aborted on unmount; StrictMode's extra mount/unmount does not open
 * a second connection. `request`, `onItems`, `resume`, `onMalformed`, `maxLineBytes` and
 * `highWaterMark` (and `retry`) are pushed to the stream after each commit (a `request` closing over a new token
 * is used from the next connection; the open one is kept); `url`, `format`, `resumeParam` and
 * `maxItems` are read on mount: to switch to another stream, give the component a new `key`.
 *
 * @example
 * function Log() {
 *   const { items, status, stats, pause, resume } = useStream<LogEvent>({
 *     url: '/api/stream?format=sse',
 *     format: 'sse',
 *     maxItems: 1000,
 *   });
 *   return <p>{status}: {stats.items} events, newest {items.at(-1)?.message}</p>;
 * }
 */
export function useStream<T>(options: CreateStreamOptions<T>): UseStreamResult<T> {
  // useState's initializer runs once per mounted instance (twice under StrictMode, where the
  // discarded instance never subscribes and so never fetches).
  const [stream] = useState(() => createStream(options));
  const snapshot = useStoreSnapshot(stream.subscribe, stream.getSnapshot, ALWAYS);
  const { request, onItems, retry, resume, onMalformed, maxLineBytes, highWaterMark } = options;
  useLayoutEffect(() => {
    const live = { onItems, retry, resume, onMalformed, maxLineBytes, highWaterMark };
    // With `url` only, the stream built its own request: nothing to replace.
    stream.setOptions(request === undefined ? live : { ...live, request });
  });
  return useMemo(
    () =>
      Object.freeze({
        ...snapshot,
        pause: stream.pause,
        resume: stream.resume,
        restart: stream.restart,
        retry: stream.retry,
        close: stream.close,
      }),
    [snapshot, stream],
  );
}
