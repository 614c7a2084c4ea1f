/**
 * A count with its noun in the right number, grouped in thousands: `1 page`, `2 pages`,
 * `1,024 requests`. `plural` defaults to the noun plus "s".
 *
 * @example
 * formatCount(1, 'page'); // '1 page'
 * formatCount(0, 'entry', 'entries'); // '0 entries'
 */
export function formatCount(count: number, noun: string, plural = `${noun}s`): string {
  return `${count.toLocaleString('en')} ${pluralize(count, noun, plural)}`;
}

/**
 * The noun alone in the number `count` asks for, for a figure set apart from its noun
 * (`<strong>{n}</strong> {pluralize(n, 'reconnect')}`). `plural` defaults to the noun plus "s".
 *
 * @example
 * pluralize(1, 'chunk'); // 'chunk'
 * pluralize(0, 'chunk'); // 'chunks'
 */
export function pluralize(count: number, noun: string, plural = `${noun}s`): string {
  return count === 1 ? noun : plural;
}
