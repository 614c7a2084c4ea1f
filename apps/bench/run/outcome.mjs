// "What happened" cells: generated from a result, for the rows that did not show their data.
import { cellText, number } from './format.mjs';
import { correctLastRow } from './summary.mjs';

const BROWSER_MAX_HEIGHT = 33_000_000;

/** What happened when the target row did not show its data: generated from the result. */
export function outcome(result, capMs) {
  if (!result) return '—';
  if (result.kind === 'skipped' || result.kind === 'failed') return cellText(result.reason);
  const target = result.index.toLocaleString('en-US');
  if (result.ms !== null) {
    if (correctLastRow(result))
      return `row ${target} shown with its data in ${number(result.ms / 1000, 2)} s`;
    return `wrong data: row ${target} shows "${cellText((result.text ?? '').slice(0, 40))}"`;
  }
  const seconds = capMs / 1000;
  const shown =
    result.visibleFirst === null
      ? 'nothing on screen'
      : `rows ${result.visibleFirst.toLocaleString('en-US')}–${result.visibleLast.toLocaleString('en-US')} on screen`;
  if (result.scrollHeight >= BROWSER_MAX_HEIGHT && (result.visibleLast ?? 0) < result.index) {
    return `not reached in ${seconds} s: the scroll height stops at ${result.scrollHeight.toLocaleString('en-US')} px (the browser's maximum), so the list ends early; ${shown}`;
  }
  if (result.heldRows <= result.index) {
    const perSecond = result.heldRows / seconds;
    const eta =
      perSecond > 0
        ? ` (≈ ${Math.round(result.index / perSecond / 60).toLocaleString('en-US')} min at that rate)`
        : '';
    return `not reached in ${seconds} s: pages are walked from row 0, ${result.heldRows.toLocaleString('en-US')} rows loaded with ${result.net.requests} requests${eta}`;
  }
  return `not on screen with data after ${seconds} s; ${shown}`;
}

const rows = (first, last) =>
  first === null
    ? 'nothing on screen'
    : `rows ${first.toLocaleString('en-US')}–${last.toLocaleString('en-US')} on screen`;

const plural = (n, word) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** Where a capped warm reload landed instead of the row. */
function reloadMiss(result, capMs) {
  const target = result.index.toLocaleString('en-US');
  const seconds = capMs / 1000;
  const shown = rows(result.visibleFirst, result.visibleLast);
  const first =
    result.firstRowMs === null
      ? 'no row with data'
      : `first data at ${number(result.firstRowMs / 1000, 2)} s (row ${result.firstRowIndex.toLocaleString('en-US')})`;
  if (result.heldRows <= result.index) {
    return `position lost: not back at row ${target} in ${seconds} s; the reload starts the list again from row 0 (${plural(result.heldRows, 'row')} loaded, ${plural(result.net.requests, 'request')}), ${shown}, scrollTop ${Math.round(result.scrollTop).toLocaleString('en-US')} of ${result.scrollHeight.toLocaleString('en-US')} px; ${first}`;
  }
  return `row ${target} not on screen with data after ${seconds} s; ${shown}; ${first}`;
}

/**
 * What the warm reloads of one library did over its runs: how often the row came back and where
 * its data came from, or where the list landed instead.
 */
export function reloadOutcome(runs, capMs) {
  const results = runs.filter((r) => r && r.kind === 'reload');
  // Failures and skips (a capped library is not measured again) say why runs are missing.
  const notes = [...new Set(runs.filter((r) => r && r.kind !== 'reload').map((r) => r.reason))];
  const reached = results.filter((r) => r.ms !== null);
  const parts = [];
  if (reached.length === 0 && results.length > 0) parts.push(reloadMiss(results[0], capMs));
  if (reached.length > 0) {
    const target = reached[0].index.toLocaleString('en-US');
    const fromStorage = reached.filter((r) => r.responsesBefore === 0).length;
    const responses = [...new Set(reached.map((r) => r.responsesBefore))].sort((a, b) => a - b);
    const source =
      fromStorage === reached.length
        ? 'each time with no network response before it: the rows came from the browser’s storage (the request revalidating them had already started)'
        : fromStorage === 0
          ? `each time after ${responses.join(' or ')} network responses`
          : `from the browser’s storage in ${fromStorage} of them, after network responses in the others`;
    parts.push(`back at row ${target} in ${reached.length} of ${plural(results.length, 'run')}, ${source}`);
    const missed = results.find((r) => r.ms === null);
    if (missed) parts.push(`missed once: ${reloadMiss(missed, capMs)}`);
  }
  parts.push(...notes.map(cellText));
  return parts.length > 0 ? parts.join('; ') : '—';
}
