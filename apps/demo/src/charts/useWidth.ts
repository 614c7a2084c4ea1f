import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * The content width of `ref`'s element in px, following resizes (0 until measured, and while
 * the element is not displayed, e.g. in a closed drawer).
 *
 * @example
 * const width = useWidth(box);
 */
export function useWidth(ref: RefObject<HTMLElement | null>): number {
  const [width, setWidth] = useState(0);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    setWidth(element.clientWidth);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(element.clientWidth));
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return width;
}
