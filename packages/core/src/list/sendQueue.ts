import type { LazyList } from './LazyList.ts';

/** What a {@link SendQueue} needs of its list: a core list, or a hook's result. */
export type QueueTarget<T> = Pick<LazyList<T>, 'append' | 'subscribe'>;

interface Entry<T> {
  readonly clientId: string | number;
  item: T;
  /** Called once the list took the item. */
  readonly placed: (() => void) | undefined;
}

const EMPTY: readonly never[] = Object.freeze([]);

/** The queue of items `send` could not place yet, as `send` uses it. */
export interface SendQueue<T> {
  /** The queued items in the order sent; the same array until the queue changes. */
  readonly items: readonly T[];
  has(clientId: string | number): boolean;
  /** Queues `item`; the list is watched until it takes the queue; `placed` runs once it did. */
  add(clientId: string | number, item: T, placed?: () => void): void;
  /** Changes a queued item (its status, or the server's copy); false when it is not queued (placed). */
  set(clientId: string | number, change: (item: T) => T): boolean;
}

/**
 * Items sent before the list could place them (a chat whose newest page is not loaded yet): kept
 * in order, each in its latest state (pending, failed, or the server's copy), and appended together
 * as soon as the list takes them: after each of its changes, it is tried again.
 *
 * @example
 * const queue = sendQueueOf(list);
 * queue.add('c-1', { ...message, status: 'pending' }); // placed when the newest page lands
 */
class ListSendQueue<T> implements SendQueue<T> {
  readonly #target: QueueTarget<T>;
  #entries: Entry<T>[] = [];
  #items: readonly T[] = EMPTY;
  #stop: (() => void) | null = null;
  #scheduled = false;

  constructor(target: QueueTarget<T>) {
    this.#target = target;
  }

  /** The queued items in the order sent; the same array until the queue changes. */
  get items(): readonly T[] {
    return this.#items;
  }

  has(clientId: string | number): boolean {
    return this.#entries.some((entry) => entry.clientId === clientId);
  }

  /** Queues `item`; the list is watched until it takes the queue. */
  add(clientId: string | number, item: T, placed?: () => void): void {
    this.#entries.push({ clientId, item, placed });
    this.#changed();
    this.#stop ??= this.#target.subscribe(() => this.#schedule());
    this.#schedule(); // the list may take it already (the items queued before it were waiting)
  }

  /** Changes a queued item (its status, or the server's copy); false when it is not queued (placed). */
  set(clientId: string | number, change: (item: T) => T): boolean {
    const entry = this.#entries.find((e) => e.clientId === clientId);
    if (entry === undefined) return false;
    entry.item = change(entry.item);
    this.#changed();
    return true;
  }

  #schedule(): void {
    // Not inside the list's own notification: appending publishes again.
    if (this.#scheduled) return;
    this.#scheduled = true;
    queueMicrotask(() => {
      this.#scheduled = false;
      this.#flush();
    });
  }

  #flush(): void {
    if (this.#entries.length === 0) return;
    const entries = this.#entries;
    const items = this.#items;
    // Out of the queue before the list publishes them: a reader in the list's notification
    // sees each item in exactly one place (the list or the queue), never both.
    this.#entries = [];
    this.#items = EMPTY;
    if (!this.#target.append(entries.map((entry) => entry.item))) {
      // Not taken: back as they were, the same array (nothing was queued meanwhile: no await).
      this.#entries = [...entries, ...this.#entries];
      this.#items = this.#entries.length === entries.length ? items : this.#items;
      if (this.#entries.length !== entries.length) this.#changed();
      return;
    }
    this.#stop?.();
    this.#stop = null;
    for (const entry of entries) entry.placed?.();
  }

  #changed(): void {
    this.#items =
      this.#entries.length === 0 ? EMPTY : Object.freeze(this.#entries.map((entry) => entry.item));
  }
}

const queues = new WeakMap<object, SendQueue<unknown>>();

/**
 * The queue of one list. A hook's result is a new object on every render, but its `append` is the
 * same function for the list's whole life; a core list's `append` is its class's, so the list is.
 *
 * @internal
 * @example
 * const waiting = sendQueueOf(list).items;
 */
export function sendQueueOf<T>(target: QueueTarget<T>): SendQueue<T> {
  const identity: object = Object.hasOwn(target, 'append') ? target.append : target;
  let queue = queues.get(identity);
  if (queue === undefined) {
    queue = new ListSendQueue(target as QueueTarget<unknown>);
    queues.set(identity, queue);
  }
  return queue as SendQueue<T>;
}
