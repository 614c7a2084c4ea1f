import { useEffect, useRef, useState } from 'react';
import { resetStreamProgress, setStreamHandle } from './streamProbe.ts';

/**
 * Registers the stream page's handle for the harness and returns the stream URL once the harness
 * called `start` (null before): the pages open their stream only when the measurement begins,
 * after the CPU is throttled.
 */
export function useStreamStart(heldItems: () => number): string | null {
  const [url, setUrl] = useState<string | null>(null);
  const held = useRef(heldItems);
  useEffect(() => {
    held.current = heldItems;
  });
  useEffect(() => {
    setStreamHandle({
      start: (next, count) => {
        resetStreamProgress(count);
        setUrl(next);
      },
      heldItems: () => held.current(),
    });
    return () => setStreamHandle(null);
  }, []);
  return url;
}
