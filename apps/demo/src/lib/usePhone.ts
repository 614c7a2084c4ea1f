import { useSyncExternalStore } from 'react';

/** The demo's phone breakpoint, the same as the CSS's `@media (max-width: 600px)`. */
const PHONE = '(max-width: 600px)';

function subscribe(onChange: () => void) {
  const query = window.matchMedia(PHONE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/**
 * Whether the window is phone-narrow (≤ 600 px), kept current as it is resized: for what CSS
 * cannot switch alone (a chart's drawn height, a disclosure's default state).
 *
 * @example
 * const phone = usePhone();
 * return <SvgChart height={phone ? 100 : 140} … />;
 */
export function usePhone(): boolean {
  return useSyncExternalStore(subscribe, () => window.matchMedia(PHONE).matches);
}
