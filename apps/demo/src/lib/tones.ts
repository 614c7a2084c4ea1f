// Every threshold that turns a figure of the demo red or amber, in one place (issue #20: badges
// change colour only for real trouble). A figure that is normal for what the demo does stays
// neutral or green: a first pass through new rows misses the cache, a list at its budget is the
// budget working, a stream that reconnected lost nothing.
import type { HealthStatus, MemoryLevel } from '@lazyflow/core';

/** The colour of a badge or a figure: `ok` green, `warn` amber, `bad` red, `neutral` grey. */
export type Tone = 'ok' | 'warn' | 'bad' | 'neutral';

/** Bytes held above the budget before it is trouble: eviction runs after a page lands, so a page over is normal. */
const OVER_BUDGET_WARN = 1.1;
/** Bytes held this far above the budget: eviction is not keeping up. */
const OVER_BUDGET_BAD = 1.5;
/** Stream lag (newest event's age when shown) that is noticeable, ms. */
const LAG_WARN_MS = 1_000;
/** Stream lag that means the page cannot keep up, ms. */
const LAG_BAD_MS = 5_000;

/** getHealth()'s grades: healthy green, warning amber, critical red. */
export function healthTone(status: HealthStatus): Tone {
  return status === 'critical' ? 'bad' : status === 'warning' ? 'warn' : 'ok';
}

/** The memory monitor's pressure level. */
export function levelTone(level: MemoryLevel): Tone {
  return level === 'critical' ? 'bad' : level === 'high' ? 'warn' : 'ok';
}

/**
 * Bytes in memory against the lists' budget: up to 10 % over is a page landing before eviction
 * (ok), up to 50 % over is eviction falling behind (warn), beyond is trouble (bad).
 *
 * @example
 * budgetTone(1_900_000, 2_000_000); // 'ok'
 */
export function budgetTone(bytes: number, budget: number): Tone {
  if (budget <= 0) return 'neutral';
  const share = bytes / budget;
  return share > OVER_BUDGET_BAD ? 'bad' : share > OVER_BUDGET_WARN ? 'warn' : 'ok';
}

/** Events a stream lost: any is trouble; none after reconnects is the feat. */
export function lostTone(lost: number): Tone {
  return lost > 0 ? 'bad' : 'ok';
}

/** How late a stream's newest event is shown. */
export function lagTone(lagMs: number): Tone {
  return lagMs >= LAG_BAD_MS ? 'bad' : lagMs >= LAG_WARN_MS ? 'warn' : 'ok';
}

/** The CSS class of a badge of `tone` (styles/base.css). */
export function badgeClass(tone: Tone): string {
  return tone === 'neutral' ? 'badge' : `badge badge-${tone}`;
}
