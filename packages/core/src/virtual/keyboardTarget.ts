/** What a navigation key press needs to know about the list. */
export interface KeyboardTargetInput {
  readonly key: string;
  /** Index of the focused item. */
  readonly focused: number;
  readonly count: number;
  readonly lanes: number;
  /** Whole rows that fit in the viewport (PageUp/PageDown step). */
  readonly rowsPerPage: number;
  readonly horizontal: boolean;
}

/**
 * The item a navigation key moves focus to, or null when the key is not a navigation key.
 * Along the scroll axis the arrows move one row (`lanes` items); across it, one item.
 *
 * @example
 * keyboardTarget({ key: 'PageDown', focused: 10, count: 1_000, lanes: 1, rowsPerPage: 16, horizontal: false }); // 26
 */
export function keyboardTarget(input: KeyboardTargetInput): number | null {
  const { key, focused, count, lanes, horizontal } = input;
  const page = Math.max(1, input.rowsPerPage - 1) * lanes;
  // How far each navigation key moves focus; the keys across the axis only when a row has lanes.
  const steps: Record<string, number> = {
    [horizontal ? 'ArrowRight' : 'ArrowDown']: lanes,
    [horizontal ? 'ArrowLeft' : 'ArrowUp']: -lanes,
    PageDown: page,
    PageUp: -page,
    Home: -focused,
    End: count - 1 - focused,
  };
  if (lanes > 1) {
    steps[horizontal ? 'ArrowDown' : 'ArrowRight'] = 1;
    steps[horizontal ? 'ArrowUp' : 'ArrowLeft'] = -1;
  }
  const step = steps[key];
  if (count <= 0 || step === undefined || !Object.hasOwn(steps, key)) return null;
  return Math.max(0, Math.min(count - 1, focused + step));
}

/**
 * A minimal keyboard event, so plain DOM and React events both fit.
 *
 * @example
 * scroller.addEventListener('keydown', (event: NavigationKeyEvent) => view.onKeyDown(event));
 */
export interface NavigationKeyEvent {
  readonly key: string;
  readonly target: EventTarget | null;
  preventDefault(): void;
}

/**
 * The item a key press on a row element (or inside one) moves focus to, or null when the key
 * is not a navigation key or did not happen on a row (`data-index`).
 *
 * @example
 * const next = navigationTarget(event, { count: 1_000, lanes: 1, rowsPerPage: 16, horizontal: false });
 */
export function navigationTarget(
  event: NavigationKeyEvent,
  list: Omit<KeyboardTargetInput, 'key' | 'focused'>,
): number | null {
  const target = event.target as Element | null;
  const row = typeof target?.closest === 'function' ? target.closest('[data-index]') : null;
  if (row === null) return null;
  return keyboardTarget({ ...list, key: event.key, focused: Number(row.getAttribute('data-index')) });
}
