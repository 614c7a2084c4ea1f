import { startTransition, useCallback, useMemo, useState, useSyncExternalStore } from 'react';
import { useClientLayoutEffect } from './clientLayoutEffect.ts';

/** A snapshot the hook was told about, numbered: the higher number is the newer one. */
interface Told<S> {
  readonly snapshot: S;
  readonly seq: number;
}

/** A deferred snapshot handed to React; let go of (`snapshot: null`) once an urgent one is newer. */
interface Later<S> {
  readonly store: object;
  snapshot: S | null;
  readonly seq: number;
}

/** A deferred change shows within this, urgently if no transition committed it (one suspended). */
const MAX_DEFER_MS = 250;

let told = 0;

/**
 * Reads a lazyflow store (`subscribe`/`getSnapshot`) as React state, like
 * `useSyncExternalStore`, except that a change announced while `deferring()` is true (items
 * appended to a list, a stream's new batch) renders in a transition: React renders it in
 * slices between other tasks instead of inside the task that took the items in, so a stream
 * pouring in no longer lays out a screen of new rows in one long task (issue #16 item 3,
 * decision 0081). An urgent change (a scroll, a measured row) renders the store's latest
 * snapshot at once, and the newer snapshot always wins, so the two never show different data.
 * One deferred snapshot is handed to React at a time, the newest waiting for its commit
 * (decision 0085: React would start the render again for each newer one, and changes faster
 * than a render would never commit). A deferred change shows within 250 ms of being handed even
 * if no transition commits it (it is rendered urgently then).
 *
 * @example
 * const snapshot = useStoreSnapshot(stream.subscribe, stream.getSnapshot, () => true);
 */
export function useStoreSnapshot<S>(
  subscribe: (listener: () => void) => () => void,
  getSnapshot: () => S,
  deferring?: () => boolean,
): S {
  // `urgent`: what useSyncExternalStore renders; `waiting`: the last deferred snapshot, with the
  // timer that renders it urgently if no commit shows it within MAX_DEFER_MS; `handed`: the one
  // in React's transition now. One at a time: React starts a transition's render again for every
  // newer one, and changes that come faster than a render (a log pouring in) would never commit.
  const store = useMemo(
    () => ({
      urgent: { snapshot: getSnapshot(), seq: 0 } as Told<S>,
      waiting: null as Later<S> | null,
      handed: null as Later<S> | null,
      timer: undefined as ReturnType<typeof setTimeout> | undefined,
      /** Renders the latest snapshot urgently (set while subscribed). */
      fallback: (): void => {},
    }),
    [getSnapshot],
  );
  const [later, setLater] = useState<Later<S> | null>(null);
  const hand = useCallback(
    (next: Later<S>) => {
      store.handed = next;
      startTransition(() => setLater(next));
    },
    [store],
  );
  const listen = useCallback(
    (listener: () => void) => {
      const urgently = () => {
        clearTimeout(store.timer);
        store.timer = undefined;
        const snapshot = getSnapshot();
        if (snapshot !== store.urgent.snapshot) store.urgent = { snapshot, seq: ++told };
        // Never shown again (the urgent one is newer): React's state must not keep its data
        // (pages the list evicted since) alive until the next append.
        if (store.waiting !== null && store.waiting.seq < store.urgent.seq) {
          store.waiting.snapshot = null;
          store.waiting = null;
        }
      };
      urgently();
      store.fallback = () => {
        urgently();
        listener();
      };
      const stop = subscribe(() => {
        if (deferring?.() !== true) {
          urgently();
          return listener();
        }
        const next: Later<S> = { store, snapshot: getSnapshot(), seq: ++told };
        store.waiting = next;
        if (store.handed === null) hand(next);
        store.timer ??= setTimeout(store.fallback, MAX_DEFER_MS);
      });
      return () => {
        clearTimeout(store.timer);
        store.timer = undefined;
        store.fallback = () => {};
        stop();
      };
    },
    [store, subscribe, getSnapshot, deferring, hand],
  );
  useClientLayoutEffect(() => {
    if (later === null || later !== store.handed) return;
    // A commit showed the deferred change handed to React: its fallback is not needed, and a
    // newer one waiting goes next (its own 250 ms from now).
    store.handed = null;
    clearTimeout(store.timer);
    store.timer = undefined;
    const { waiting } = store;
    if (waiting === null || waiting === later) return;
    hand(waiting);
    store.timer = setTimeout(store.fallback, MAX_DEFER_MS);
  }, [later, store, hand]);
  const getUrgent = useCallback(() => store.urgent, [store]);
  const urgent = useSyncExternalStore(listen, getUrgent, getUrgent);
  return later?.store === store && later.seq > urgent.seq ? (later.snapshot as S) : urgent.snapshot;
}
