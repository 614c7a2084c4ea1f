import { useCallback, useEffect, useState } from 'react';
import { useStoreSnapshot } from './storeSnapshot.ts';

/** A core object a hook renders from: lazyflow's subscribe/getSnapshot contract plus teardown. */
export interface Engine<S> {
  readonly subscribe: (listener: () => void) => () => void;
  readonly getSnapshot: () => S;
  destroy(): void;
  /** True while the change it announces may render in a transition (appended items): `useStoreSnapshot`. */
  readonly deferring?: () => boolean;
}

interface Slot<E> {
  readonly engine: E;
  readonly identity: string;
  subscribers: number;
  destroyed: boolean;
  /**
   * The engine this one replaced (another identity), destroyed when this one is first shown
   * (kept, destroyed, until this slot is replaced in turn: the bytes of an assignment that would
   * drop it do not fit the size budget).
   */
  previous?: E | undefined;
}

const slot = <E>(engine: E, identity: string, previous?: E): Slot<E> => ({
  engine,
  identity,
  subscribers: 0,
  destroyed: false,
  previous,
});

/**
 * Owns one core engine per `identity` for a component: creates it during render (an engine
 * does no work before its first subscriber, so StrictMode's discarded render costs nothing),
 * reads it through `useStoreSnapshot` (`useSyncExternalStore`, appends in a transition),
 * replaces it when `identity` changes (`create` gets the previous engine, e.g. to carry the
 * scroll position over), and destroys it once nobody has subscribed for a tick. That tick
 * matters: StrictMode and `<Activity>` unsubscribe and subscribe again at once, and tearing down
 * in between would abort requests and refetch them.
 *
 * @example
 * const { engine, snapshot } = useEngine(JSON.stringify(key), () => createLazyList({ key, source }));
 */
export function useEngine<S, E extends Engine<S>>(
  identity: string,
  create: (previous: E | null) => E,
): { engine: E; snapshot: S } {
  const [state, setState] = useState(() => slot(create(null), identity));
  let current = state;
  if (state.identity !== identity) {
    current = slot(create(state.engine), identity, state.engine);
    setState(current);
  }
  useEffect(() => {
    // A new engine (a new key) is shown: the old one goes now, before this one subscribes, not a
    // tick later (its own teardown then does nothing), so it saves the place it showed before it
    // can hear the new one scroll their element.
    current.previous?.destroy();
    // Shown again after being torn down (e.g. an <Activity> that was hidden): start afresh.
    if (current.destroyed) setState(slot(create(current.engine), current.identity));
  });
  const subscribe = useCallback(
    (listener: () => void) => {
      if (current.destroyed) return () => {};
      const stop = current.engine.subscribe(listener);
      current.subscribers += 1;
      return () => {
        setTimeout(() => {
          stop();
          current.subscribers -= 1;
          if (current.subscribers === 0 && !current.destroyed) {
            current.destroyed = true;
            current.engine.destroy();
          }
        }, 0);
      };
    },
    [current],
  );
  const snapshot = useStoreSnapshot(subscribe, current.engine.getSnapshot, current.engine.deferring);
  return { engine: current.engine, snapshot };
}
