/** A listener called after observable state changed. */
export type Listener = () => void;

/**
 * Minimal listener set shared by every observable lazyflow object.
 *
 * `subscribe` is a bound, stable function so it can be handed straight to
 * `useSyncExternalStore`. Subclasses hear about the first and last subscriber through
 * `onSubscribe` / `onUnsubscribe`.
 *
 * @example
 * class Counter extends Subscribable {
 *   #n = 0;
 *   increment() { this.#n++; this.notify(); }
 * }
 * const unsubscribe = new Counter().subscribe(() => console.log('changed'));
 */
export class Subscribable {
  readonly #listeners = new Set<Listener>();

  /** Adds a listener; returns the function that removes it. */
  readonly subscribe = (listener: Listener): (() => void) => {
    this.#listeners.add(listener);
    if (this.#listeners.size === 1) this.onSubscribe();
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.onUnsubscribe();
    };
  };

  /** Whether at least one listener is attached. */
  protected hasListeners(): boolean {
    return this.#listeners.size > 0;
  }

  /** Calls every listener; a throwing listener does not stop the others. */
  protected notify(): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener();
      } catch (error) {
        // A listener bug must not corrupt the engine's state machine; surface it asynchronously.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  /** Called when the first listener subscribes. */
  protected onSubscribe(): void {}

  /** Called when the last listener unsubscribes. */
  protected onUnsubscribe(): void {}

  /** Removes every listener without calling `onUnsubscribe`. */
  protected clearListeners(): void {
    this.#listeners.clear();
  }
}
