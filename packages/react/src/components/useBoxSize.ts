import { useCallback, useRef, useState } from 'react';

/**
 * An element's border-box size along the scroll axis, kept current: a callback ref to put on
 * the element, and the size (0 until it is measured; measured once where there is no
 * ResizeObserver). The first size is set while React commits, so it applies before paint.
 *
 * @example
 * const [headerRef, headerSize] = useBoxSize(false);
 * <div ref={headerRef}>{header}</div>;
 */
export function useBoxSize(horizontal: boolean): readonly [(element: HTMLElement | null) => void, number] {
  const [size, setSize] = useState(0);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback(
    (element: HTMLElement | null) => {
      observer.current?.disconnect();
      observer.current = null;
      if (element === null) {
        setSize(0);
        return;
      }
      const read = () => {
        const rect = element.getBoundingClientRect();
        setSize(horizontal ? rect.width : rect.height);
      };
      read();
      if (typeof ResizeObserver === 'undefined') return;
      observer.current = new ResizeObserver(read);
      observer.current.observe(element);
    },
    [horizontal],
  );
  return [ref, size] as const;
}
