/**
 * Fixed-capacity FIFO that overwrites its oldest entries: the live window of a stream.
 * `capacity` may be `Infinity` (a plain growing array). `toArray()` returns a new array,
 * oldest first, which callers may hand out as an immutable view.
 *
 * @example
 * const ring = new RingBuffer<number>(3);
 * ring.pushAll([1, 2, 3, 4]); // returns 1 (one entry overwritten)
 * ring.toArray(); // [2, 3, 4]
 */
export class RingBuffer<T> {
  readonly capacity: number;
  #items: T[] = [];
  // Index of the oldest entry once the buffer is full.
  #head = 0;

  constructor(capacity: number) {
    if (!(capacity >= 1)) throw new RangeError(`lazyflow: RingBuffer capacity must be >= 1, got ${capacity}`);
    this.capacity = capacity;
  }

  /** Number of entries held. */
  get size(): number {
    return this.#items.length;
  }

  /** Appends `values` in order; returns how many old entries were overwritten (or skipped). */
  pushAll(values: readonly T[]): number {
    const { capacity } = this;
    let dropped = 0;
    let from = 0;
    if (values.length > capacity) {
      // Only the newest `capacity` values can survive; the rest never enter.
      from = values.length - capacity;
      dropped += from;
    }
    const items = this.#items;
    for (let i = from; i < values.length; i++) {
      const value = values[i] as T;
      if (items.length < capacity) items.push(value);
      else {
        items[this.#head] = value;
        this.#head = this.#head + 1 === capacity ? 0 : this.#head + 1;
        dropped++;
      }
    }
    return dropped;
  }

  /** A new array of the entries, oldest first. */
  toArray(): T[] {
    const items = this.#items;
    if (this.#head === 0) return items.slice();
    return items.slice(this.#head).concat(items.slice(0, this.#head));
  }

  /** Removes every entry. */
  clear(): void {
    this.#items = [];
    this.#head = 0;
  }
}
