import { useEffect, useLayoutEffect } from 'react';

/**
 * `useLayoutEffect` in a browser (and jsdom), `useEffect` on a server: neither runs there, but
 * React 18 logs a warning for every `useLayoutEffect` it meets in `renderToString`.
 *
 * @example
 * useClientLayoutEffect(() => engine.list.setOptions(listUpdate(options)));
 */
export const useClientLayoutEffect = typeof document === 'undefined' ? useEffect : useLayoutEffect;
