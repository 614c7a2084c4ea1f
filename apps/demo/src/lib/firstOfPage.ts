/**
 * Whether `page` is not in `seen` yet (and adds it): true for the first row of each page, the row
 * that says what happened to the page (failed, retrying) while the page's other rows only look so.
 *
 * @example
 * const seen = new Set<number>();
 * firstOfPage(seen, 75); // true
 * firstOfPage(seen, 75); // false
 */
export function firstOfPage(seen: Set<number>, page: number): boolean {
  if (seen.has(page)) return false;
  seen.add(page);
  return true;
}
