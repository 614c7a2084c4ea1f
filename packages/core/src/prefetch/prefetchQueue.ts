interface Slot<T> {
  readonly item: T;
  rank: number;
  /** When the item was first added: the tie-breaker that makes equal ranks first-in, first-out. */
  readonly order: number;
}

/**
 * The waiting line of a prefetcher: highest rank first, first-in first-out within a rank.
 * Pure bookkeeping (no timers, no I/O), so priority order is tested without a clock. An item
 * whose rank is raised keeps its place among its new equals by when it was first added.
 *
 * @example
 * const queue = new PrefetchQueue<string>();
 * queue.add('next page', 0);
 * queue.add('next route', 1);
 * queue.shift(); // 'next route'
 */
export class PrefetchQueue<T> {
  #slots: Slot<T>[] = [];
  #added = 0;

  /** Items waiting. */
  get size(): number {
    return this.#slots.length;
  }

  /** Adds `item` behind every item of the same or a higher rank. */
  add(item: T, rank: number): void {
    this.#insert({ item, rank, order: this.#added++ });
  }

  /** Raises `item` to `rank` if that is higher; returns whether it moved. */
  raise(item: T, rank: number): boolean {
    const at = this.#slots.findIndex((slot) => slot.item === item);
    const slot = this.#slots[at];
    if (slot === undefined || rank <= slot.rank) return false;
    this.#slots.splice(at, 1);
    slot.rank = rank;
    this.#insert(slot);
    return true;
  }

  /** Takes `item` out of the line; returns whether it was waiting. */
  remove(item: T): boolean {
    const at = this.#slots.findIndex((slot) => slot.item === item);
    if (at === -1) return false;
    this.#slots.splice(at, 1);
    return true;
  }

  /** Takes the next item: the highest rank, the oldest among equals. */
  shift(): T | undefined {
    return this.#slots.shift()?.item;
  }

  /** Every waiting item in the order they would start. */
  toArray(): T[] {
    return this.#slots.map((slot) => slot.item);
  }

  #insert(slot: Slot<T>): void {
    const at = this.#slots.findIndex(
      (other) => other.rank < slot.rank || (other.rank === slot.rank && other.order > slot.order),
    );
    if (at === -1) this.#slots.push(slot);
    else this.#slots.splice(at, 0, slot);
  }
}
