// Keys of the last 5,000–10,000 items are remembered: enough to drop what a server replays after
// a reconnect, bounded however long the stream runs.
const GENERATION = 5_000;

/**
 * The keys of the most recent items, in two generations of 5,000: `seen(key)` answers whether an
 * item with that key came lately (a replay after a reconnect) and remembers it if not.
 *
 * @example
 * const recent = new RecentKeys();
 * recent.seen(7); // false: remembered
 * recent.seen(7); // true: a duplicate
 */
export class RecentKeys {
  #current = new Set<string | number>();
  #previous = new Set<string | number>();

  seen(key: string | number): boolean {
    if (this.#current.has(key) || this.#previous.has(key)) return true;
    if (this.#current.size >= GENERATION) {
      this.#previous = this.#current;
      this.#current = new Set();
    }
    this.#current.add(key);
    return false;
  }

  clear(): void {
    this.#current = new Set();
    this.#previous = new Set();
  }
}
