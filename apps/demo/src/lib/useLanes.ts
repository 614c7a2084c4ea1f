import { type RefObject, useLayoutEffect, useState } from 'react';

/**
 * How many columns of at least `minWidth` px fit in the element's width, following resizes;
 * null until the element is measured (before the first layout effect).
 *
 * @example
 * const lanes = useLanes(ref, 200); // 4 in an 860 px wide container
 */
export function useLanes(ref: RefObject<HTMLElement | null>, minWidth: number): number | null {
  const [lanes, setLanes] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (element === null) return;
    const update = () => setLanes(Math.max(1, Math.floor(element.clientWidth / minWidth)));
    update();
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref, minWidth]);
  return lanes;
}
