import { useEffect, useRef } from 'react';
import { type BenchHandle, setBenchHandle } from './benchHandle.ts';

/** Registers the page's handle for the harness while the page is mounted; always calls the latest closures. */
export function useBenchHandle(handle: BenchHandle): void {
  const latest = useRef(handle);
  useEffect(() => {
    latest.current = handle;
  });
  useEffect(() => {
    setBenchHandle({
      jumpTo: (index) => latest.current.jumpTo(index),
      heldRows: () => latest.current.heldRows(),
    });
    return () => setBenchHandle(null);
  }, []);
}
