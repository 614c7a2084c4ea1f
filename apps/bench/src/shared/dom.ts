// DOM reads the harness uses for every library alike: rows are found by `data-row`, their state
// by `data-state`, the list by the one element with class `scroller` (each page puts it on the
// element that scrolls).

/** The list's scrolling element. */
export function scroller(): HTMLElement {
  const el = document.querySelector<HTMLElement>('.scroller');
  if (!el) throw new Error('bench: no element with class "scroller" on the page');
  return el;
}

/** The rendered element of row `index`, if any. */
export function rowElement(index: number): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-row="${index}"]`);
}

function overlaps(rect: DOMRect, viewport: DOMRect): boolean {
  return rect.bottom > viewport.top + 1 && rect.top < viewport.bottom - 1 && rect.height > 0;
}

/** Row `index` is rendered with real data and at least partly inside the viewport. */
export function isLoadedAndVisible(index: number): boolean {
  const el = rowElement(index);
  if (el?.dataset.state !== 'loaded') return false;
  return overlaps(el.getBoundingClientRect(), scroller().getBoundingClientRect());
}

/** Rendered rows inside the viewport, top to bottom. */
export function visibleRows(): { index: number; loaded: boolean; top: number; el: HTMLElement }[] {
  const viewport = scroller().getBoundingClientRect();
  const out: { index: number; loaded: boolean; top: number; el: HTMLElement }[] = [];
  for (const el of scroller().querySelectorAll<HTMLElement>('[data-row]')) {
    const rect = el.getBoundingClientRect();
    if (!overlaps(rect, viewport)) continue;
    out.push({ index: Number(el.dataset.row), loaded: el.dataset.state === 'loaded', top: rect.top, el });
  }
  return out.sort((a, b) => a.top - b.top);
}

/** Probe spacing: one probe per 36 px slot, at the slot's middle. */
const SLOT = 36;

/**
 * Blank-ratio probe: what is laid out at the middle of each 36 px slot down the viewport. A slot
 * counts as blank when no loaded row covers it: nothing, a placeholder, or anything that is not a
 * data row (a loader row, a footer). Rows are found by their boxes, not with `elementFromPoint`,
 * because some libraries turn off pointer events while scrolling and hit testing then skips them.
 */
export function probeSlots(): { slots: number; blank: number } {
  const viewport = scroller().getBoundingClientRect();
  const loaded: DOMRect[] = [];
  for (const el of scroller().querySelectorAll<HTMLElement>('[data-row][data-state="loaded"]')) {
    loaded.push(el.getBoundingClientRect());
  }
  let slots = 0;
  let blank = 0;
  for (let y = viewport.top + SLOT / 2; y < viewport.bottom; y += SLOT) {
    slots += 1;
    if (!loaded.some((rect) => rect.top <= y && rect.bottom > y && rect.height > 0)) blank += 1;
  }
  return { slots, blank };
}
