/**
 * A count with its noun in the right number, grouped in thousands: `1 page`, `2 pages`,
 * `1,024 requests`. `plural` defaults to the noun plus "s".
 *
 * @example
 * formatCount(1, 'page'); // '1 page'
 * formatCount(0, 'entry', 'entries'); // '0 entries'
 */
export function formatCount(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en')} ${count === 1 ? noun : plural}`;
}
