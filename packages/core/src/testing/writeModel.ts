import type { LazyListSnapshot } from '../list/listSnapshot.ts';

/**
 * The model kit of the write model tests (`createLazyList.writes.model.test.ts`,
 * `createLazyList.mixed.model.test.ts`): the dataset the list must show (the server's rows plus
 * the local writes still applied), the writes and their undos on it, and the checks of a list
 * snapshot against it.
 */

/** An item of the write models: `id` is its key, `v` grows with each update. */
export interface ModelItem {
  readonly id: string;
  readonly v: number;
}

/** An entry of the model dataset: it knows its server offset unless it was written locally. */
interface ModelEntry {
  readonly server?: number;
  /** The server row an updated item stands for: a removed row put back goes before later ones. */
  readonly stands?: number;
  /**
   * The server offset a local insert was put in before (just past the server row before it): a
   * removed row of a lower offset put back goes before it (decision 0078).
   */
  readonly anchor?: number;
  readonly item: ModelItem;
}

/** The server offset an entry is ordered by: its row, the row it stands for, or its anchor. */
const orderOf = (entry: ModelEntry): number | undefined => entry.server ?? entry.stands ?? entry.anchor;

/**
 * The dataset as the list must show it, with the writes a list makes and the undo of each (what
 * `rollback()` does to the list).
 *
 * @example
 * const model = new ModelDataset(serverRows);
 * const undo = model.remove(3);
 * undo(); // rolled back: the item is where its server offset puts it
 */
export class ModelDataset {
  entries: ModelEntry[] = [];
  /**
   * Where waiting inserts go when their neighbour is gone: an index that moves with the writes
   * made since, as the list's does (decision 0052); `order` is when the insert was made.
   */
  readonly marks = new Set<{ at: number; readonly order: number }>();
  /** The server offsets of removed server rows, for their undo: a stored insert moves them too. */
  readonly #gone = new Set<{ server: number }>();
  /** Each updated key's item from before its first update and the updates still standing. */
  readonly #updates = new Map<string, { base: ModelItem; standing: ModelItem[] }>();
  #made = 0;

  constructor(rows: readonly ModelItem[]) {
    this.reset(rows);
  }

  get length(): number {
    return this.entries.length;
  }

  /** The server's rows again (a refresh): local writes are forgotten. */
  reset(rows: readonly ModelItem[]): void {
    this.entries = rows.map((item, server) => ({ server, item }));
    this.#gone.clear();
    this.#updates.clear();
  }

  at(index: number): ModelItem | undefined {
    return this.entries[index]?.item;
  }

  /** A mark at `at` for an insert made now (see `marks`). */
  mark(at: number): { at: number; readonly order: number } {
    const mark = { at, order: ++this.#made };
    this.marks.add(mark);
    return mark;
  }

  /**
   * Inserts `items` at `at`; the marks after it move down, and on `at` those of inserts made
   * before the write (`order`: when it was made; a write made now is after all).
   */
  insert(at: number, items: readonly ModelItem[], order = Number.POSITIVE_INFINITY): () => void {
    const anchor = this.#anchorAt(at);
    this.entries.splice(at, 0, ...items.map((item) => ({ item, anchor })));
    for (const mark of this.marks)
      if (mark.at > at || (mark.at === at && mark.order < order)) mark.at += items.length;
    return () => {
      for (let i = this.entries.length - 1; i >= 0; i--)
        if (items.includes((this.entries[i] as ModelEntry).item)) this.#removed(i);
      this.entries = this.entries.filter((entry) => !items.includes(entry.item));
    };
  }

  /** The anchor of an entry put in at `at`: just past the server row (or its stand-in) before it. */
  #anchorAt(at: number): number {
    for (let i = at - 1; i >= 0; i--) {
      const entry = this.entries[i] as ModelEntry;
      const row = entry.server ?? entry.stands;
      if (row !== undefined) return row + 1;
      if (entry.anchor !== undefined) return entry.anchor;
    }
    return 0;
  }

  /** The entry at `at` goes: the marks after it move up. */
  #removed(at: number): void {
    for (const mark of this.marks) if (mark.at > at) mark.at -= 1;
  }

  /**
   * A write at `at` the model says nothing of (made after the server moved: `delta` rows, > 0 an
   * insert, -1 a remove) still moves the marks, as the list moves its waiting inserts' indexes
   * with every write (decision 0052).
   */
  moveMarks(at: number, delta: number): void {
    for (const mark of this.marks) if (mark.at > at || (delta > 0 && mark.at === at)) mark.at += delta;
  }

  /**
   * Takes out the entry at `at`; its undo puts it back by the server offset it is or stands for
   * (before the entries of later offsets and the inserts put in after it), else at its old index.
   * Put back, it stands for that row.
   */
  remove(at: number): () => void {
    const [entry] = this.entries.splice(at, 1);
    if (entry !== undefined) this.#removed(at);
    const offset = entry?.server ?? entry?.stands;
    const gone = offset === undefined ? undefined : { server: offset };
    if (gone !== undefined) this.#gone.add(gone);
    return () => {
      if (entry === undefined) return;
      if (gone !== undefined) this.#gone.delete(gone);
      const server = gone?.server;
      const entries = this.entries;
      const after = entries.findIndex((e) => server !== undefined && (orderOf(e) ?? -1) > server);
      const back = server === undefined ? Math.min(at, entries.length) : after < 0 ? entries.length : after;
      entries.splice(back, 0, { stands: server, anchor: this.#anchorAt(back), item: entry.item });
      for (const mark of this.marks) if (mark.at >= back) mark.at += 1;
    };
  }

  /**
   * The server stores the entry with `id` (an optimistic insert) at server offset `at`: it is the
   * server's row `at` now, the later server offsets move by one. False when the model lacks it.
   */
  stored(id: string, at: number): boolean {
    const index = this.entries.findIndex((entry) => entry.item.id === id);
    if (index < 0) return false;
    for (const gone of this.#gone) if (gone.server >= at) gone.server += 1;
    this.entries = this.entries.map((entry, i) =>
      i === index
        ? { server: at, item: entry.item }
        : entry.server !== undefined && entry.server >= at
          ? { ...entry, server: entry.server + 1 }
          : entry.stands !== undefined && entry.stands >= at
            ? { ...entry, stands: entry.stands + 1 }
            : entry.anchor !== undefined && (entry.anchor > at || (entry.anchor === at && i > index))
              ? { ...entry, anchor: entry.anchor + 1 }
              : entry,
    );
    return true;
  }

  /**
   * Replaces the item at `at` by `next`. Its undo takes back this update only (an update's
   * rollback re-runs the later ones of the item on the item from before): the item shows the
   * latest update of its key still standing, else the item from before the first.
   */
  update(at: number, next: ModelItem, fallback: ModelItem): () => void {
    const entry = this.entries[at];
    const stands = entry?.server ?? entry?.stands;
    const layers = this.#updates.get(next.id) ?? { base: entry?.item ?? fallback, standing: [] };
    this.#updates.set(next.id, layers);
    layers.standing.push(next);
    this.entries[at] = { stands, anchor: entry?.anchor, item: next };
    return () => {
      const shown = layers.standing.at(-1);
      layers.standing = layers.standing.filter((item) => item !== next);
      const now = this.entries.findIndex((e) => e.item === shown);
      const was = this.entries[now];
      if (was !== undefined)
        this.entries[now] = {
          stands: was.stands,
          anchor: was.anchor,
          item: layers.standing.at(-1) ?? layers.base,
        };
    };
  }
}

/** Indexes in the snapshot's window that show an item, fresh or stale. */
export function loadedInWindow(snapshot: LazyListSnapshot<ModelItem>): number[] {
  const window = snapshot.window ?? { start: 0, end: 0 };
  const out: number[] = [];
  for (let i = window.start; i < window.end; i++) if (snapshot.getItem(i).status === 'loaded') out.push(i);
  return out;
}

/** The item the snapshot shows at `index`, fresh or stale. */
export function itemAt(snapshot: LazyListSnapshot<ModelItem>, index: number): ModelItem | undefined {
  const state = snapshot.getItem(index);
  return state.status === 'loaded' ? state.item : undefined;
}

/** Ids of the items on the snapshot's pages (a shown waiting insert's items are on none). */
function onPages(snapshot: LazyListSnapshot<ModelItem>): Set<string> {
  const ids = new Set<string>();
  for (const page of snapshot.pages.values()) for (const item of page.items ?? []) ids.add(item.id);
  return ids;
}

/**
 * How many rows before `index` show a waiting insert's items (decision 0048: shown at once, on no
 * page); `index - waitingBefore(…)` is the list's own index, the model's while nothing waits.
 *
 * @example
 * model.insert(at - waitingBefore(list.getSnapshot(), at), items);
 */
export function waitingBefore(snapshot: LazyListSnapshot<ModelItem>, index: number): number {
  const ids = onPages(snapshot);
  let waiting = 0;
  for (let i = 0; i < Math.min(index, snapshot.count); i++) {
    const state = snapshot.getItem(i);
    if (state.status === 'loaded' && !ids.has(state.item.id)) waiting += 1;
  }
  return waiting;
}

/** What a model check reports to: `check` an invariant, `count` a conditional check that ran. */
interface Checks {
  check(ok: boolean, message: string): void;
  count(what: string): void;
}

/**
 * The snapshot against the model: the bytes of its pages are `stats.bytesInMemory` (returned),
 * and every fresh loaded item equals the model at its index with its key shown once; items kept
 * stale through refresh() are the data from before, by design, and are counted, not checked; a
 * waiting insert's items (shown at once, decision 0048; the model takes them when they are
 * replayed) are counted and the rows after them read one index further each.
 */
export function checkAgainstModel(
  snapshot: LazyListSnapshot<ModelItem>,
  model: ModelDataset | undefined,
  { check, count }: Checks,
  counter = 'item checked',
): number {
  let bytes = 0;
  for (const page of snapshot.pages.values()) bytes += page.bytes;
  check(
    snapshot.stats.bytesInMemory === bytes,
    `bytesInMemory ${snapshot.stats.bytesInMemory}, pages ${bytes}`,
  );
  if (model === undefined) return bytes;
  const keys = new Set<string>();
  const ids = onPages(snapshot);
  let waiting = 0;
  for (let i = 0; i < snapshot.count; i++) {
    const state = snapshot.getItem(i);
    if (state.status !== 'loaded') continue;
    if (!ids.has(state.item.id)) {
      check(!keys.has(state.item.id), `key ${state.item.id} shown twice`);
      keys.add(state.item.id);
      waiting += 1;
      count('waiting insert item shown');
      continue;
    }
    if (state.stale === true) {
      count('stale item skipped');
      continue;
    }
    const expected = model.at(i - waiting);
    check(
      state.item.id === expected?.id && state.item.v === expected.v,
      `index ${i} shows ${JSON.stringify(state.item)}, the model ${JSON.stringify(expected)}`,
    );
    check(!keys.has(state.item.id), `key ${state.item.id} shown twice`);
    keys.add(state.item.id);
    count(counter);
  }
  return bytes;
}

/**
 * Where the list puts an insert at `at` made beside rows shown stale, which waits for the
 * refetch (decision 0041): next to the neighbour the snapshot shows, by its key (after the row
 * before `at`, after its page's last row when that page is short, else before the row at `at`);
 * at the end with neither held; at `at` when the neighbour is gone, which 0041 defines as no page
 * of the list holding its key once nothing is stale (the server deleted it, or the window left
 * it and its page went: the model may still have it, on a page the list does not hold). Read
 * before the insert; the returned function inserts into the model when the list replays it
 * (`now`: the list's snapshot then), and returns the undo.
 *
 * @example
 * const place = insertBesideStale(list.getSnapshot(), pageSize, at, model);
 * list.insert(at, items).settled?.then((done) => done.ok && place(model, items, list.getSnapshot()));
 */
export function insertBesideStale(
  snapshot: LazyListSnapshot<ModelItem>,
  pageSize: number,
  shownAt: number,
  dataset: ModelDataset,
): (model: ModelDataset, items: readonly ModelItem[], now: LazyListSnapshot<ModelItem>) => () => void {
  // `shownAt` is among the rows shown, waiting inserts' items too (decision 0048): just below one
  // of them, after it; else by the list's own index, which moves with the writes made meanwhile
  // (decision 0052: a mark in the model).
  const at = shownAt - waitingBefore(snapshot, shownAt);
  const mark = dataset.mark(at);
  const above = shownAt > 0 ? itemAt(snapshot, shownAt - 1) : undefined;
  const waitingAbove = above !== undefined && !onPages(snapshot).has(above.id);
  const before = snapshot.pages.get(Math.floor((at - 1) / pageSize));
  const near = before?.items ? before : snapshot.pages.get(Math.floor(at / pageSize));
  const shown = near?.items ?? [];
  const offset = (near === before ? at - 1 : at) % pageSize;
  const neighbour = waitingAbove ? above : shown[Math.min(offset, shown.length - 1)];
  const after = waitingAbove || near === before || offset >= shown.length;
  return (model, items, now) => {
    // The model before this insert is the list's data when it placed it (`settled` resolves in the
    // order placed); `now` is read after every replay of that round, which may have moved the
    // neighbour off the pages held (seed 6) or dropped its page to fetch it again (seed 13): a
    // page of `now` at its index, held or loading, was held then (the list places an insert by
    // its index only when no page is loading). A row the list inserted itself is in its data
    // wherever it is (decision 0077).
    // Not a page that holds this insert's items across that index, the first above it: this
    // replay wrote it (the insert went to its own index, above the neighbour, whose page no list
    // held then; seed 26).
    const found = neighbour === undefined ? -1 : model.entries.findIndex((e) => e.item.id === neighbour.id);
    const entry = model.entries[found];
    const page = now.pages.get(Math.floor(found / pageSize));
    const first = [...now.pages].flatMap(([n, held]) => {
      const i = held.items?.findIndex((row) => row.id === items[0]?.id) ?? -1;
      return i < 0 ? [] : [n * pageSize + i];
    })[0];
    const written = first !== undefined && first < found && first + items.length > found;
    const held =
      entry !== undefined &&
      ((entry.server === undefined && entry.stands === undefined) ||
        (page?.items !== undefined && !written) ||
        page?.status === 'loading' ||
        onPages(now).has(entry.item.id));
    const index = held ? found : -1;
    const fallback = neighbour === undefined ? model.length : Math.min(mark.at, model.length);
    model.marks.delete(mark);
    // Items the server holds (it received the insert before the refetch): its copies took their
    // place (decision 0053); the list placed only the others.
    const own = items.filter((item) => !model.entries.some((entry) => entry.item.id === item.id));
    if (own.length === 0) return () => {};
    return model.insert(index < 0 ? fallback : index + (after ? 1 : 0), own, mark.order);
  };
}

/**
 * The server rows after the server stored the optimistic insert `id` of `model` (the useMutation
 * recipe's request, same key) and where: at the head, or where the client put it (just after the
 * server row of the entry before it, decision 0055: `put`). The model learns the new server
 * offsets; undefined when the model no longer holds the item (removed or rolled back).
 *
 * @example
 * const next = storeInsert(server.rows, model, 'n3', false);
 * if (next !== undefined) server.change(next.rows);
 */
export function storeInsert(
  rows: readonly ModelItem[],
  model: ModelDataset,
  id: string,
  head: boolean,
): { rows: ModelItem[]; at: number; put: number } | undefined {
  const index = model.entries.findIndex((entry) => entry.item.id === id);
  const item = model.at(index);
  if (item === undefined || rows.some((row) => row.id === id)) return undefined;
  let put = 0;
  // Just after the row before it that the server has (an updated row keeps its key).
  for (let i = index - 1; i >= 0; i--) {
    const before = rows.findIndex((row) => row.id === model.at(i)?.id);
    if (before >= 0) {
      put = before + 1;
      break;
    }
  }
  const at = head ? 0 : put;
  model.stored(id, at);
  return { rows: [...rows.slice(0, at), { ...item }, ...rows.slice(at)], at, put };
}
