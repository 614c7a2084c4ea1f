import type { SavedScroll } from '../cache/savedScroll.ts';
import type { ScrollPersistence } from './virtualListOptions.ts';

/** What a {@link ScrollKeeper} needs of its virtual list. */
export interface KeptView {
  saveScroll(): SavedScroll;
  restoreScroll(saved: SavedScroll): boolean;
}

/**
 * Keeps a virtual list's scroll position in a {@link ScrollPersistence}: reads it once when the
 * list first gets a subscriber (never during a framework's render), writes it when scrolling
 * settles and on `pagehide` (a write started only in `pagehide` does not land before Chromium
 * replaces the page on a reload) and when the list is destroyed.
 *
 * @example
 * const keeper = new ScrollKeeper(persist, view);
 * keeper.start(); // first subscriber
 * keeper.save(true); // scrolling settled
 */
export class ScrollKeeper {
  readonly #persist: ScrollPersistence;
  readonly #view: KeptView;
  /**
   * Undefined until the saved position is asked for; true while it is read (the position shown is
   * not the user's yet, so it is not saved), then false.
   */
  #reading: boolean | undefined;
  #stopPagehide: (() => void) | null = null;

  constructor(persist: ScrollPersistence, view: KeptView) {
    this.#persist = persist;
    this.#view = view;
  }

  /** The list has a subscriber: read the saved position once, listen for the page going away. */
  start(): void {
    if (this.#reading === undefined && this.#persist.load) {
      this.#reading = true;
      void this.#persist
        .load()
        .then(
          (saved) => saved && this.#view.restoreScroll(saved),
          () => {}, // no saved position (storage unavailable): the list starts where it would anyway
        )
        .then(() => {
          this.#reading = false;
        });
    }
    if (this.#stopPagehide === null && typeof addEventListener === 'function') {
      const onPagehide = () => this.save(true);
      addEventListener('pagehide', onPagehide);
      this.#stopPagehide = () => removeEventListener('pagehide', onPagehide);
    }
  }

  /** The last subscriber left. */
  stop(): void {
    this.#stopPagehide?.();
    this.#stopPagehide = null;
  }

  /**
   * Stores the position; `now` also flushes pending writes (scrolling settled, page going away).
   * Not while the saved one is being read: a list left (or a page hidden) then would replace it
   * with the top it showed meanwhile.
   */
  save(now?: boolean): void {
    if (this.#reading) return;
    this.#persist.save(this.#view.saveScroll());
    if (now) void this.#persist.flush?.().catch(() => {});
  }
}
