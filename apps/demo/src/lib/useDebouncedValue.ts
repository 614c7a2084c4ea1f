import { useEffect, useState } from 'react';

/**
 * `value` once it has not changed for `ms`: the first value at once, later ones after a pause.
 *
 * @example
 * const query = useDebouncedValue(text, 200); // search when the user pauses typing
 */
export function useDebouncedValue<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}
