/** What a scroll target reports to the virtual list. */
export interface ScrollTargetHandlers {
  /** The scroll position changed (user, keyboard, or a write). */
  scroll(): void;
  /** The viewport changed size. */
  resize(): void;
  /** The user grabbed (true) or released (false) the scrollbar: positions map proportionally meanwhile. */
  drag(active: boolean): void;
  /** A wheel, touch or key input began: what scrolls next is a 1:1 move, not the end of a drag. */
  input?(): void;
}

/**
 * The environment of a virtual list along its scroll axis: an element or the window. Offsets
 * are physical pixels from the list's start. Injectable, so the list runs without a DOM.
 *
 * @example
 * const target: ScrollTarget = myScrollerTarget(canvasScroller); // offset, viewport, scrollTo, observe, element
 * createVirtualList({ list, scrollTarget: target, estimateSize: () => 36 });
 */
export interface ScrollTarget {
  /** Current physical scroll offset of the list's start (negative when the list starts below the fold). */
  offset(): number;
  /** Viewport length along the axis. */
  viewport(): number;
  /**
   * The lowest offset the target reaches (≤ 0). Omitted: 0, as for an element. The window's is
   * minus the list's distance from the document's start: while the page above the list is in
   * view the offset is negative, and the view keeps what the user reads still there too.
   */
  minOffset?(): number;
  /**
   * The highest offset the target reaches. Omitted: the list's own end. An element's is its
   * scroll extent, the window's the document's minus the list's margin: past the list's end by
   * the content below the list (a footer), which the view scrolls to 1:1 and does not put the
   * target back at the list's end from (decisions 0036, 0070).
   */
  maxOffset?(): number;
  /** Scrolls so that `offset()` becomes `offset` (the browser clamps it to the content). */
  scrollTo(offset: number): void;
  /** Starts listening; returns the function that stops. */
  observe(handlers: ScrollTargetHandlers): () => void;
  /** The element holding the rows, for focus management; null for non-DOM targets. */
  readonly element: HTMLElement | null;
}

/** Inputs that scroll by a distance (wheel, touch, keys), not to a place on the track. */
const INPUTS = ['wheel', 'touchstart', 'keydown'] as const;
const PASSIVE = { passive: true } as const;

/** Adds `listener` to `target` (when there is one) and returns what removes it. */
function listen(
  target: EventTarget | null | undefined,
  type: string,
  listener: (event: Event) => void,
  options?: AddEventListenerOptions,
): () => void {
  target?.addEventListener(type, listener, options);
  return () => target?.removeEventListener(type, listener);
}

/**
 * A scrollable element as scroll target. Sets `overflow-anchor: none` on it, because the
 * browser's own scroll anchoring would fight the list's (both would move the content). The list
 * starts at the element's scroll start (content above it is `scrollPaddingStart`); content after
 * it in the element (a footer) is read from the element's scroll extent and scrolled to 1:1.
 * A horizontal list in a right-to-left element (read when the target is made) starts at its
 * right edge; offsets still count from the list's start.
 *
 * @example
 * const target = elementScrollTarget(document.querySelector('#log')!, { horizontal: false });
 */
export function elementScrollTarget(
  element: HTMLElement,
  options: { horizontal?: boolean } = {},
): ScrollTarget {
  const horizontal = options.horizontal === true;
  // Right to left, scrollLeft runs from 0 at the start (the right edge) to negative values.
  const sign = horizontal && getComputedStyle(element).direction === 'rtl' ? -1 : 1;
  return {
    element,
    offset: () => (horizontal ? sign * element.scrollLeft || 0 : element.scrollTop),
    viewport: () => (horizontal ? element.clientWidth : element.clientHeight),
    // Content below the list inside the element (a footer) is past the list's end, 1:1, as the
    // page below a window list is (decisions 0036, 0070). With the list alone, it is the list's
    // end. 0 tells nothing: a simulated DOM (jsdom, happy-dom: apps' tests) has no layout.
    maxOffset: () =>
      (horizontal
        ? element.scrollWidth - element.clientWidth
        : element.scrollHeight - element.clientHeight) || Number.POSITIVE_INFINITY,
    scrollTo: (offset) => {
      if (horizontal) element.scrollLeft = sign * offset;
      else element.scrollTop = offset;
    },
    observe(handlers) {
      element.style.overflowAnchor = 'none';
      const view = element.ownerDocument.defaultView;
      // jsdom and happy-dom (apps' component tests) have no ResizeObserver: the window's resize
      // event is the fallback there.
      const resize =
        typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => handlers.resize());
      // Observed a task later: observing while the browser delivers ResizeObserver notifications
      // (a list attached from another observer's callback, a Suspense boundary revealing it)
      // makes Chromium report "ResizeObserver loop completed with undelivered notifications".
      // The viewport is read at attach; the first notification brings any change since.
      const later = setTimeout(() => resize?.observe(element));
      const onInput = () => handlers.input?.();
      const stops = [
        () => clearTimeout(later),
        resize ? () => resize.disconnect() : listen(view, 'resize', () => handlers.resize()),
        listen(element, 'scroll', () => handlers.scroll(), PASSIVE),
        // A press on the scrollbar itself lands outside the client box (at its left, right to left).
        listen(element, 'pointerdown', (event) => {
          const { offsetX, offsetY } = event as PointerEvent;
          const inside = horizontal
            ? offsetY < element.clientHeight
            : offsetX >= 0 && offsetX < element.clientWidth;
          if (!inside) handlers.drag(true);
        }),
        listen(view, 'pointerup', () => handlers.drag(false)),
        ...INPUTS.map((type) => listen(element, type, onInput, PASSIVE)),
      ];
      return () => {
        for (const stop of stops) stop();
      };
    },
  };
}

/**
 * The window as scroll target, for lists that scroll with the page. `scrollMargin` is the
 * list's distance from the top (left) of the document.
 *
 * @example
 * const target = windowScrollTarget({ scrollMargin: listElement.offsetTop });
 */
export function windowScrollTarget(
  options: {
    horizontal?: boolean;
    /** A number, or a function read at every use (for a list whose position in the page changes). */
    scrollMargin?: number | (() => number);
    window?: Window;
    element?: HTMLElement | null;
  } = {},
): ScrollTarget {
  const horizontal = options.horizontal === true;
  const { scrollMargin } = options;
  const margin = typeof scrollMargin === 'function' ? scrollMargin : () => scrollMargin ?? 0;
  const view = options.window ?? globalThis.window;
  return {
    // The rows are somewhere in the page: focus (keyboard, focusIndex) finds them there.
    element: options.element ?? view.document.documentElement,
    offset: () => (horizontal ? view.scrollX : view.scrollY) - margin(),
    minOffset: () => -margin(),
    maxOffset: () => {
      const page = view.document.documentElement;
      const max = horizontal ? page.scrollWidth - view.innerWidth : page.scrollHeight - view.innerHeight;
      return max - margin();
    },
    viewport: () => (horizontal ? view.innerWidth : view.innerHeight),
    scrollTo: (offset) => {
      if (horizontal) view.scrollTo({ left: offset + margin(), behavior: 'instant' });
      else view.scrollTo({ top: offset + margin(), behavior: 'instant' });
    },
    observe(handlers) {
      const page = view.document.documentElement;
      page.style.overflowAnchor = 'none';
      // Content above the list that appears or grows (a banner) moves the list down the page with
      // no scroll event: the offset (scrollMargin read again) is read when the page's size changes.
      const moved =
        typeof ResizeObserver === 'undefined' ? null : new ResizeObserver(() => handlers.scroll());
      moved?.observe(page);
      const stops = [
        listen(view, 'scroll', () => handlers.scroll(), PASSIVE),
        listen(view, 'resize', () => handlers.resize()),
      ];
      return () => {
        moved?.disconnect();
        for (const stop of stops) stop();
      };
    },
  };
}
