// Number and cell formatting shared by the tables and the chart.

/** `value` with exactly `digits` decimals and thousands separators. */
export const number = (value, digits) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A table cell: median, and (min–max) when the runs differ at the printed precision. */
export function cell(stat, digits) {
  if (!stat) return '—';
  const median = number(stat.median, digits);
  if (stat.n === 1 || number(stat.min, digits) === number(stat.max, digits)) return median;
  return `${median} (${number(stat.min, digits)}–${number(stat.max, digits)})`;
}

/** Free text made safe for a markdown table cell. */
export function cellText(text) {
  return String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');
}
