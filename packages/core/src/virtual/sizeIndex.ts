/** Options of a `SizeIndex`. */
export interface SizeIndexOptions {
  /** Size of a row not measured yet, by row key. */
  estimate: (row: number) => number;
  /** Space between rows. Default 0. */
  gap?: number;
  /** Rows per block. Default 1024. */
  blockSize?: number;
  /** Measured sizes kept; the oldest are forgotten first. Default 200,000. */
  maxMeasured?: number;
}

interface ExactBlock {
  sum: number;
  /** prefix[i] = offset of the block's row i from the block start; dropped for memory, rebuilt on use. */
  prefix: Float64Array | null;
}

const DEFAULT_BLOCK = 1024;
const PREFIX_CACHE = 64;

/**
 * Row sizes of a list of any length (100,000,000 rows included) in O(rows / blockSize) memory.
 * Rows are integer keys in `[lo, hi)`, which may be negative (history prepended to a chat).
 * Rows are grouped in blocks; a block nobody looked at counts as `rows × estimate(first row)`;
 * a block whose rows were asked for is made exact (each row's measured size or estimate) and
 * keeps that sum. Block start offsets are prefix sums rebuilt from the lowest changed block.
 * Offsets are from the start of row `lo`; `gap` follows every row but the last.
 *
 * @example
 * const sizes = new SizeIndex({ estimate: () => 36 });
 * sizes.setDomain(0, 100_000_000);
 * sizes.total;              // 3,600,000,000
 * sizes.setSize(5, 80);     // measured
 * sizes.start(10);          // 404
 * sizes.rowAt(1_000);       // 26
 */
export class SizeIndex {
  readonly #estimate: (row: number) => number;
  readonly #gap: number;
  readonly #blockSize: number;
  readonly #maxMeasured: number;
  readonly #measured = new Map<number, number>();
  readonly #exact = new Map<number, ExactBlock>();
  readonly #measuredPerBlock = new Map<number, number>();
  readonly #prefixUse: number[] = [];
  #lo = 0;
  #hi = 0;
  #firstBlock = 0;
  /** starts[b − firstBlock] = offset of block b's first row in the domain; one extra = end. */
  #starts = new Float64Array(1);
  #validUpTo = 0;

  constructor(options: SizeIndexOptions) {
    this.#estimate = options.estimate;
    this.#gap = options.gap ?? 0;
    this.#blockSize = options.blockSize ?? DEFAULT_BLOCK;
    this.#maxMeasured = options.maxMeasured ?? 200_000;
  }

  get lo(): number {
    return this.#lo;
  }
  get hi(): number {
    return this.#hi;
  }

  /** Sum of every row's size plus the gaps between rows. */
  get total(): number {
    if (this.#hi <= this.#lo) return 0;
    return this.#blockStart(this.#blockOf(this.#hi - 1) + 1) - this.#gap;
  }

  /** Sets the rows that exist. Keeps measurements; returns whether anything changed. */
  setDomain(lo: number, hi: number): boolean {
    if (hi < lo) hi = lo;
    if (lo === this.#lo && hi === this.#hi) return false;
    // The edge blocks cover a different set of rows now: their exact sums are void.
    for (const row of [this.#lo, this.#hi - 1, lo, hi - 1]) this.#exact.delete(this.#blockOf(row));
    this.#lo = lo;
    this.#hi = hi;
    this.#firstBlock = this.#blockOf(lo);
    const blocks = hi > lo ? this.#blockOf(hi - 1) - this.#firstBlock + 1 : 0;
    this.#starts = new Float64Array(blocks + 1);
    this.#validUpTo = 0;
    return true;
  }

  /** The size of one row: measured, or estimated. */
  size(row: number): number {
    return this.#measured.get(row) ?? this.#estimate(row);
  }

  /** The measured size of a row, if it was measured. */
  measured(row: number): number | undefined {
    return this.#measured.get(row);
  }

  /** Records a measured size; returns the change in the row's size (0 = nothing changed). */
  setSize(row: number, size: number): number {
    if (this.#measured.get(row) === size) return 0;
    const before = this.size(row);
    if (this.#measured.delete(row)) this.#countMeasured(row, -1); // re-insert: Map order = forgetting order
    this.#measured.set(row, size);
    this.#countMeasured(row, 1);
    if (this.#measured.size > this.#maxMeasured) {
      const oldest = this.#measured.keys().next().value as number;
      this.#measured.delete(oldest);
      this.#countMeasured(oldest, -1);
      this.#invalidate(this.#blockOf(oldest));
    }
    const delta = size - before;
    if (delta !== 0) this.#invalidate(this.#blockOf(row));
    return delta;
  }

  /**
   * Moves the measured sizes of rows `[from, to)` by `by` rows: their items moved (rows inserted
   * or removed above them), so each size goes with its item; the rows they leave are unmeasured.
   *
   * @example
   * sizes.moveMeasured(4, 40, 7); // 7 rows inserted above row 4: row 11 takes row 4's size
   */
  moveMeasured(from: number, to: number, by: number): void {
    const moved = this.measuredIn(from, to);
    for (const [row] of moved) {
      this.#measured.delete(row);
      this.#countMeasured(row, -1);
      this.#invalidate(this.#blockOf(row));
    }
    for (const [row, size] of moved) this.setSize(row + by, size);
  }

  /** Forgets a row's measured size: the row is estimated again until measured again. */
  forget(row: number): void {
    if (!this.#measured.delete(row)) return;
    this.#countMeasured(row, -1);
    this.#invalidate(this.#blockOf(row));
  }

  /** The estimate changed (a new `estimateSize`): sums of unmeasured rows are computed again. */
  resetEstimates(): void {
    this.#exact.clear();
    this.#validUpTo = 0;
  }

  /** Measured sizes of rows in `[from, to)`, for saving a scroll position. */
  measuredIn(from: number, to: number): Array<[number, number]> {
    const out: Array<[number, number]> = [];
    for (const [row, size] of this.#measured) if (row >= from && row < to) out.push([row, size]);
    return out;
  }

  /** Offset of a row's start (row may be `hi`, giving the end plus one gap). */
  start(row: number): number {
    if (this.#hi <= this.#lo) return 0;
    if (row <= this.#lo) return 0;
    if (row >= this.#hi) return this.total + this.#gap;
    const block = this.#blockOf(row);
    const prefix = this.#prefix(block);
    return this.#blockStart(block) + (prefix[row - this.#firstRow(block)] ?? 0);
  }

  /** The row whose span (size plus the gap after it) contains `offset`, clamped to the domain. */
  rowAt(offset: number): number {
    if (this.#hi <= this.#lo || offset <= 0) return this.#lo;
    if (offset >= this.total) return this.#hi - 1;
    // Making a block exact can move the offset into a neighbour: settle in a few rounds.
    for (let round = 0; round < 4; round++) {
      const block = this.#blockAt(offset);
      const prefix = this.#prefix(block);
      const local = offset - this.#blockStart(block);
      if (local < 0 && block > this.#firstBlock) continue;
      const rows = prefix.length - 1;
      if (local >= (prefix[rows] ?? 0) && block < this.#blockOf(this.#hi - 1)) continue;
      return this.#firstRow(block) + lastAtOrBelow(prefix, rows, local);
    }
    return this.#hi - 1;
  }

  #blockOf(row: number): number {
    return Math.floor(row / this.#blockSize);
  }

  /** First row of a block inside the domain. */
  #firstRow(block: number): number {
    return Math.max(this.#lo, block * this.#blockSize);
  }

  #rowsIn(block: number): number {
    return Math.min(this.#hi, (block + 1) * this.#blockSize) - this.#firstRow(block);
  }

  #countMeasured(row: number, by: number): void {
    const block = this.#blockOf(row);
    const count = (this.#measuredPerBlock.get(block) ?? 0) + by;
    if (count > 0) this.#measuredPerBlock.set(block, count);
    else this.#measuredPerBlock.delete(block);
  }

  /** Forgets a block's exact sum and every block start after it. */
  #invalidate(block: number): void {
    this.#exact.delete(block);
    this.#validUpTo = Math.min(this.#validUpTo, Math.max(0, block - this.#firstBlock));
  }

  #blockSum(block: number): number {
    const exact = this.#exact.get(block);
    if (exact !== undefined) return exact.sum;
    const rows = this.#rowsIn(block);
    if (rows <= 0) return 0;
    // A block holding measured rows is always summed exactly; others are sampled once.
    if (this.#measuredPerBlock.has(block)) return this.#makeExact(block).sum;
    return rows * (this.#estimate(this.#firstRow(block)) + this.#gap);
  }

  #makeExact(block: number): ExactBlock & { prefix: Float64Array } {
    const first = this.#firstRow(block);
    const rows = this.#rowsIn(block);
    const prefix = new Float64Array(rows + 1);
    for (let i = 0; i < rows; i++) prefix[i + 1] = (prefix[i] ?? 0) + this.size(first + i) + this.#gap;
    const exact = { sum: prefix[rows] ?? 0, prefix };
    this.#exact.set(block, exact);
    this.#prefixUse.push(block);
    if (this.#prefixUse.length > PREFIX_CACHE) {
      const old = this.#exact.get(this.#prefixUse.shift() as number);
      if (old !== undefined && old !== exact) old.prefix = null;
    }
    return exact;
  }

  #blockStart(block: number): number {
    const index = block - this.#firstBlock;
    if (index <= 0) return 0;
    const starts = this.#starts;
    const last = Math.min(index, starts.length - 1);
    for (let i = this.#validUpTo; i < last; i++) {
      starts[i + 1] = (starts[i] ?? 0) + this.#blockSum(this.#firstBlock + i);
    }
    this.#validUpTo = Math.max(this.#validUpTo, last);
    return starts[last] ?? 0;
  }

  /** The block containing `offset`, by binary search over block starts. */
  #blockAt(offset: number): number {
    const count = this.#starts.length - 1;
    this.#blockStart(this.#firstBlock + count); // make every start valid
    return this.#firstBlock + lastAtOrBelow(this.#starts, count, offset);
  }

  /** Exact within-block offsets; makes the block exact, moving later blocks if its sum changed. */
  #prefix(block: number): Float64Array {
    const known = this.#exact.get(block);
    if (known !== undefined) return known.prefix ?? this.#makeExact(block).prefix;
    const counted = this.#blockSum(block); // what the block starts were built with
    // A block holding measured rows was made exact by #blockSum, with that sum.
    const summed = this.#exact.get(block)?.prefix;
    if (summed != null) return summed;
    const exact = this.#makeExact(block);
    if (exact.sum !== counted)
      this.#validUpTo = Math.min(this.#validUpTo, Math.max(0, block - this.#firstBlock));
    return exact.prefix;
  }
}

/** The index of the last of the first `count` (≥ 1) sorted values that is `<= value`; 0 when none is. */
function lastAtOrBelow(values: Float64Array, count: number, value: number): number {
  let low = 0;
  let high = count - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((values[mid] ?? 0) <= value) low = mid;
    else high = mid - 1;
  }
  return low;
}
