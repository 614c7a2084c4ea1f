import type { LazyListSnapshot } from '../list/LazyList.ts';
import type { Anchor } from './anchor.ts';
import { MASONRY_CHUNK_DEPTH } from './masonryChunks.ts';
import type { SizeIndex } from './sizeIndex.ts';
import type { ViewState } from './viewState.ts';
import type { VirtualRow } from './virtualSnapshot.ts';

/**
 * Where masonry puts an item inside its chunk.
 *
 * @example
 * const box: MasonryBox = { lane: 2, y: 310, size: 180 }; // third lane, 310 px below the chunk's top
 */
export interface MasonryBox {
  /** The lane (column; a row when horizontal), from 0. */
  readonly lane: number;
  /** Offset of the item's start from its chunk's start, px. */
  readonly y: number;
  /** The item's size along the scroll axis: measured, or estimated until measured. */
  readonly size: number;
}

/** The packing of one chunk: a box per item, and the tallest lane's extent. */
interface Packing {
  readonly boxes: readonly MasonryBox[];
  readonly height: number;
}

/** Options of a {@link MasonryLayout}. */
export interface MasonryLayoutOptions {
  readonly lanes: number;
  readonly gap: number;
  /** An item's size before it is measured, by position (index without prepended items). */
  readonly estimate: (position: number) => number;
  /** Measured item sizes kept; the oldest are forgotten first. Default 200,000. */
  readonly maxMeasured?: number;
}

/** Packings kept: the chunks on screen and around them. */
const PACKINGS_KEPT = 256;
/**
 * Chunk heights kept: the size index reads a chunk per block of chunks and every chunk of the
 * blocks made exact, again after each measurement; kept, those reads cost a lookup, not a packing.
 */
const HEIGHTS_KEPT = 32_768;

/**
 * Masonry for a virtual list: items of different sizes packed per lane, shortest lane first, in
 * chunks of `lanes × MASONRY_CHUNK_DEPTH` items that are the virtual list's rows. A chunk's size
 * is its tallest lane, so the size index positions chunks (estimated until measured, corrected as
 * items are measured) and random access costs one chunk's packing. Also holds the item the user
 * reads at the viewport's top when items above it in its chunk are measured and repacked.
 *
 * @example
 * const masonry = new MasonryLayout({ lanes: 3, gap: 8, estimate: () => 240 });
 * masonry.setEnd(1_000);
 * masonry.setItemSize(4, 120);
 * masonry.box(6); // { lane: 1, y: 376, size: 240 }: item 6 goes under the short item 4
 */
export class MasonryLayout {
  #lanes: number;
  #gap: number;
  readonly #estimate: (position: number) => number;
  readonly #maxMeasured: number;
  readonly #measured = new Map<number, number>();
  readonly #packed = new Map<number, Packing>();
  readonly #heights = new Map<number, number>();
  /** Positions below this exist (the count without prepended items). */
  #end = 0;
  /** The item at the viewport's top at the last layout, and where the view was. */
  #read: {
    readonly position: number;
    readonly top: number;
    readonly offset: number;
    /** The item's size and the lanes when it was noted: under other lanes its chunk is another one. */
    readonly size: number;
    readonly lanes: number;
    /** Read when the lanes, gap or estimates changed: held while it spans the top (`noteRead`). */
    readonly kept?: boolean;
  } | null = null;

  constructor(options: MasonryLayoutOptions) {
    this.#lanes = options.lanes;
    this.#gap = options.gap;
    this.#estimate = options.estimate;
    this.#maxMeasured = options.maxMeasured ?? 200_000;
  }

  get lanes(): number {
    return this.#lanes;
  }

  /** Items per chunk (the virtual list's items per row). */
  get chunkItems(): number {
    return this.#lanes * MASONRY_CHUNK_DEPTH;
  }

  /** The chunk (row of the size index) that holds an item. */
  chunkOf(position: number): number {
    return Math.floor(position / this.chunkItems);
  }

  /**
   * Other lanes or gap (a resize), or other estimates: every chunk is packed anew; measured sizes
   * are kept, and so is the item read: the next layout holds it where it is, in the chunk and box
   * it has now (the chunk at the old anchor's index holds other items under new lanes).
   */
  setLanes(lanes: number, gap: number): void {
    const read = this.#read;
    this.#lanes = lanes;
    this.#gap = gap;
    this.forgetPackings();
    this.#read = read === null ? null : { ...read, kept: true };
  }

  /** Estimates changed: chunks are packed anew. */
  forgetPackings(): void {
    this.#packed.clear();
    this.#heights.clear();
    this.#read = null;
  }

  /** Sets how many items exist; returns the chunks whose packing changed (the old and new last). */
  setEnd(end: number): number[] {
    if (end === this.#end) return [];
    const chunks = [this.chunkOf(this.#end - 1), this.chunkOf(end - 1)];
    this.#end = end;
    for (const chunk of chunks) this.#forget(chunk);
    return chunks[0] === chunks[1] ? [chunks[0] ?? 0] : chunks;
  }

  /** Records an item's measured size; returns whether it changed (its chunk is packed anew). */
  setItemSize(position: number, size: number): boolean {
    if (this.#measured.get(position) === size) return false;
    this.#measured.delete(position); // re-insert: Map order = forgetting order
    this.#measured.set(position, size);
    if (this.#measured.size > this.#maxMeasured) {
      const oldest = this.#measured.keys().next().value as number;
      this.#measured.delete(oldest);
      this.#forget(this.chunkOf(oldest));
    }
    this.#forget(this.chunkOf(position));
    return true;
  }

  /**
   * Measures an item into its chunk's row of `sizes`: returns whether anything moved (an item's
   * size changes the boxes after it in its chunk even when the chunk's height stays).
   */
  measure(position: number, size: number, sizes: SizeIndex): boolean {
    if (!this.setItemSize(position, size)) return false;
    const chunk = this.chunkOf(position);
    sizes.setSize(chunk, this.height(chunk));
    return true;
  }

  /** A chunk's size: its tallest lane (items measured or estimated). */
  height(chunk: number): number {
    const known = this.#heights.get(chunk);
    if (known !== undefined) return known;
    const { height } = this.#pack(chunk);
    if (this.#heights.size >= HEIGHTS_KEPT) this.#heights.delete(this.#heights.keys().next().value as number);
    this.#heights.set(chunk, height);
    return height;
  }

  /** Where an item is inside its chunk; undefined for a position that does not exist. */
  box(position: number): MasonryBox | undefined {
    const chunk = this.chunkOf(position);
    return this.#pack(chunk).boxes[position - chunk * this.chunkItems];
  }

  /**
   * Records the item at the viewport's top (`top` in size-index px) after a layout, and how far
   * the top is into it, so the next layout can hold it (`held`).
   */
  noteRead(sizes: SizeIndex, top: number): void {
    const before = this.#read;
    this.#read = null;
    if (sizes.hi <= sizes.lo) return;
    if (before?.kept === true) {
      // The item read when the lanes changed stays the one held while it spans the top: the items
      // around it take their new sizes in the next layouts, and holding another would move it.
      const chunk = this.chunkOf(before.position);
      const box = chunk >= sizes.lo && chunk < sizes.hi ? this.box(before.position) : undefined;
      const y = top - sizes.start(chunk) - (box?.y ?? 0);
      if (box !== undefined && y >= Math.min(0, before.offset) && y < box.size + this.#gap) {
        this.#read = { ...before, top, offset: y, size: box.size, lanes: this.#lanes };
        return;
      }
    }
    const chunk = sizes.rowAt(top);
    const y = top - sizes.start(chunk);
    const { boxes } = this.#pack(chunk);
    let best = -1;
    for (let i = 0; i < boxes.length; i++) {
      const box = boxes[i] as MasonryBox;
      if (box.y <= y && y < box.y + box.size + this.#gap) {
        best = i; // the item spanning the top, in the first lane that has one
        break;
      }
      if (box.y > y && (best < 0 || box.y < (boxes[best] as MasonryBox).y)) best = i;
    }
    const box = boxes[best];
    if (box === undefined) return;
    const position = chunk * this.chunkItems + best;
    this.#read = { position, top, offset: y - box.y, size: box.size, lanes: this.#lanes };
  }

  /**
   * The anchor that keeps the item noted by `noteRead` at the same pixel after items were
   * measured and repacked; null when the view moved since (a scroll: the user's place wins) or
   * nothing was noted.
   */
  held(sizes: SizeIndex, top: number): Anchor | null {
    const read = this.#read;
    if (read === null || Math.abs(read.top - top) >= 0.5) return null;
    const chunk = this.chunkOf(read.position);
    // A size index made anew for new lanes has no rows until the layout that follows sets them:
    // then only the item's own existence is checked (every packing went with the old lanes).
    if (read.position >= this.#end || (sizes.hi > sizes.lo && (chunk < sizes.lo || chunk >= sizes.hi)))
      return null;
    const box = this.box(read.position);
    if (box === undefined) return null;
    // An item kept across new lanes takes its new width's size: the same part of it stays at the top.
    const offset = read.kept === true && read.size > 0 ? (read.offset * box.size) / read.size : read.offset;
    return { row: chunk, offset: box.y + offset };
  }

  /**
   * The view's step before it reads its anchor: the last chunk follows the count (a measured chunk
   * takes its new height, an estimated one is read again), and the item read at the viewport's top
   * keeps its pixel when items above it in its chunk were measured (repacked). Returns the state
   * with that anchor, or `state` itself. A method here, not a function of the view, so a list
   * without masonry does not bundle it (decision 0027's rule; issue #15 item 7).
   *
   * @example
   * state = masonry.beforeLayout(sizes, state, list.getSnapshot());
   */
  beforeLayout(sizes: SizeIndex, state: ViewState, data: LazyListSnapshot<unknown>): ViewState {
    for (const chunk of this.setEnd(data.count - data.prependedCount)) {
      if (sizes.measured(chunk) !== undefined) sizes.setSize(chunk, this.height(chunk));
      else sizes.resetEstimates();
    }
    if (state.hold.kind !== 'anchor' || state.anchor === null || state.restore.kind === 'pending')
      return state;
    const held = this.held(sizes, state.virtual);
    if (held === null) return state;
    // After new lanes the item key kept for the anchor's row (its first item) is another row's.
    return this.#read?.lanes !== this.#lanes
      ? { ...state, anchor: held, anchorItem: null }
      : { ...state, anchor: held };
  }

  /**
   * Turns the rows of chunks a snapshot lays out into placed items: each item at its chunk's
   * start plus its box, in its lane. Items of chunks in view are all kept (a chunk is measured
   * whole before it is seen, so repacking never moves what is on screen); items of the chunks
   * beyond are kept within `overscan` items' worth of px of the viewport, and the focused item.
   */
  placeRows<T>(
    rows: readonly VirtualRow<T>[],
    view: {
      readonly top: number;
      readonly bottom: number;
      readonly overscan: number;
      readonly focused: number | null;
    },
  ): VirtualRow<T>[] {
    const out: VirtualRow<T>[] = [];
    for (const row of rows) {
      const box = this.box(row.position);
      if (box === undefined) continue;
      const start = row.start + box.y;
      const inView = row.start < view.bottom && row.start + row.size > view.top;
      const margin = (view.overscan * row.size) / MASONRY_CHUNK_DEPTH;
      const near = start < view.bottom + margin && start + box.size > view.top - margin;
      if (inView || near || row.index === view.focused) {
        out.push({ ...row, start, size: box.size, lane: box.lane });
      }
    }
    return out;
  }

  #forget(chunk: number): void {
    this.#packed.delete(chunk);
    this.#heights.delete(chunk);
  }

  #pack(chunk: number): Packing {
    const known = this.#packed.get(chunk);
    if (known !== undefined) return known;
    const lanes = this.#lanes;
    const gap = this.#gap;
    const first = chunk * this.chunkItems;
    const last = Math.min(first + this.chunkItems, this.#end);
    const ends = new Float64Array(lanes);
    const boxes: MasonryBox[] = [];
    for (let position = first; position < last; position++) {
      let lane = 0;
      for (let l = 1; l < lanes; l++) if ((ends[l] ?? 0) < (ends[lane] ?? 0)) lane = l;
      const size = this.#measured.get(position) ?? this.#estimate(position);
      const y = ends[lane] ?? 0;
      boxes.push({ lane, y, size });
      ends[lane] = y + size + gap;
    }
    let height = 0;
    for (const end of ends) height = Math.max(height, end - gap);
    const packing: Packing = { boxes, height: Math.max(0, height) };
    if (this.#packed.size >= PACKINGS_KEPT) {
      const oldest = this.#packed.keys().next().value as number;
      this.#packed.delete(oldest);
    }
    this.#packed.set(chunk, packing);
    return packing;
  }
}

/**
 * A layout that packs items per lane: {@link masonry} from `@lazyflow/core/masonry`, the value
 * of the `layout` option. Made by that import only (the virtual list checks `kind` and `create`).
 *
 * @example
 * const layout: MasonryLayoutKind = masonry;
 */
export interface MasonryLayoutKind {
  readonly kind: 'masonry';
  /** Makes the layout of one virtual list. */
  readonly create: (options: MasonryLayoutOptions) => MasonryLayout;
}

/**
 * The masonry layout, given as the `layout` option (decision 0015, amended by 0019): items of
 * different sizes packed per lane, shortest lane first. Its own import, so a list without it
 * bundles no masonry code; `lanes` sets the number of lanes.
 *
 * @example
 * import { masonry } from '@lazyflow/core/masonry';
 * const view = createVirtualList({ list, scrollElement, layout: masonry, lanes: 3, gap: 8 });
 */
export const masonry: MasonryLayoutKind = Object.freeze({
  kind: 'masonry',
  create: (options: MasonryLayoutOptions) => new MasonryLayout(options),
});
