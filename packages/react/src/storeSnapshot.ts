import { startTransition, useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { useClientLayoutEffect } from './clientLayoutEffect.ts';

/** A snapshot the hook was told about, numbered: the higher number is the newer one. */
interface Told<S> {
  readonly snapshot: S;
  readonly seq: number;
}

/**
 * One store's deferred renders. One transition at a time; the next starts no sooner than the
 * last one took from its start to its commit, counted from that commit, so a flood of
 * appends spends at most about half the main thread on rendering and the rest on taking the
 * items in (decision 0081).
 */
interface Pace<S> {
  readonly getSnapshot: () => S;
  /** What `useSyncExternalStore` renders: the store's snapshot as of its last urgent change. */
  urgent: Told<S>;
  /** The newest deferred snapshot not yet handed to React. */
  next: Told<S> | null;
  /** When the transition on its way was started; null when none is. */
  startedAt: number | null;
  /** The next transition starts no sooner than this (`performance.now()`). */
  readyAt: number;
  timer: ReturnType<typeof setTimeout> | undefined;
  /** Starts the next transition, or its timer (set while subscribed). */
  start: () => void;
}

/** A deferred change shows within this, urgently if no transition committed it (one suspended). */
const MAX_DEFER_MS = 250;

let told = 0;

const now = () => performance.now();

/**
 * Reads a lazyflow store (`subscribe`/`getSnapshot`) as React state, like
 * `useSyncExternalStore`, except that a change announced while `deferring()` is true (items
 * appended to a list, a stream's new batch) renders in a transition: React renders it in
 * slices between other tasks instead of inside the task that took the items in, so a stream
 * pouring in no longer lays out a screen of new rows in one long task (issue #16 item 3). An
 * urgent change (a scroll, a measured row) renders the store's latest snapshot at once, and the
 * newer snapshot always wins, so the two never show different data. A deferred change shows
 * within 250 ms even if the transition does not commit (it is rendered urgently then).
 *
 * @example
 * const snapshot = useStoreSnapshot(stream.subscribe, stream.getSnapshot, () => true);
 */
export function useStoreSnapshot<S>(
  subscribe: (listener: () => void) => () => void,
  getSnapshot: () => S,
  deferring?: () => boolean,
): S {
  const pace = useMemo<Pace<S>>(
    () => ({
      getSnapshot,
      urgent: { snapshot: getSnapshot(), seq: 0 },
      next: null,
      startedAt: null,
      readyAt: 0,
      timer: undefined,
      start: () => {},
    }),
    [getSnapshot],
  );
  const [later, setLater] = useState<{ readonly pace: Pace<S>; readonly told: Told<S> } | null>(null);
  const listen = useCallback(
    (listener: () => void) => {
      const catchUp = () => {
        const snapshot = pace.getSnapshot();
        if (snapshot !== pace.urgent.snapshot) pace.urgent = { snapshot, seq: ++told };
      };
      const urgently = () => {
        pace.next = null; // the store's latest snapshot holds it
        catchUp();
        listener();
      };
      pace.start = () => {
        clearTimeout(pace.timer);
        const wait = pace.readyAt - now();
        if (wait > 0) {
          pace.timer = setTimeout(pace.start, wait);
          return;
        }
        const next = pace.next;
        pace.next = null;
        pace.timer = undefined;
        if (next === null) return;
        pace.startedAt = now();
        startTransition(() => setLater({ pace, told: next }));
        pace.timer = setTimeout(() => {
          pace.startedAt = null;
          pace.timer = undefined;
          urgently();
        }, MAX_DEFER_MS);
      };
      pace.startedAt = null;
      catchUp();
      const stop = subscribe(() => {
        if (deferring?.() !== true) return urgently();
        pace.next = { snapshot: pace.getSnapshot(), seq: ++told };
        if (pace.startedAt === null && pace.timer === undefined) pace.start();
      });
      return () => {
        clearTimeout(pace.timer);
        pace.timer = undefined;
        stop();
      };
    },
    [pace, subscribe, deferring],
  );
  useClientLayoutEffect(() => {
    // The transition committed: the next deferred snapshot waits as long as this one took.
    if (later?.pace !== pace || pace.startedAt === null) return;
    clearTimeout(pace.timer);
    pace.timer = undefined;
    const at = now();
    pace.readyAt = at + (at - pace.startedAt);
    pace.startedAt = null;
    if (pace.next !== null) pace.start();
  }, [later, pace]);
  const getUrgent = useCallback(() => pace.urgent, [pace]);
  const urgent = useSyncExternalStore(listen, getUrgent, getUrgent);
  return later?.pace === pace && later.told.seq > urgent.seq ? later.told.snapshot : urgent.snapshot;
}
