import type { Faults } from '@lazyflow/mocks';
import { formatCount } from './formatCount.ts';

/**
 * The faults that are on, in words, in the fault panel's order; empty when none is. What the
 * "Faults on" banner says, so a reload with saved faults never looks like a slow or broken demo.
 *
 * @example
 * describeFaults({ ...NO_FAULTS, latency: 1200, errorRate: 0.3 });
 * // ['latency 1,200 ms', '30% of requests fail']
 */
export function describeFaults(faults: Faults): string[] {
  const on: string[] = [];
  if (faults.latency > 0) on.push(`latency ${faults.latency.toLocaleString('en')} ms`);
  if (faults.errorRate > 0) on.push(`${Number((faults.errorRate * 100).toFixed(1))}% of requests fail`);
  if (faults.stallRate > 0) on.push(`${Number((faults.stallRate * 100).toFixed(1))}% of requests stall`);
  if (faults.dropAfter !== null) on.push(`streams cut after ${formatCount(faults.dropAfter, 'event')}`);
  if (faults.malformedEvery !== null) {
    const every = faults.malformedEvery === 1 ? 'every' : `every ${ordinal(faults.malformedEvery)}`;
    on.push(`${every} stream line malformed`);
  }
  if (faults.slow !== null) on.push(`bodies trickle ${faults.slow.toLocaleString('en')} B at a time`);
  if (faults.churn > 0) {
    const rows = formatCount(faults.churn, 'table row');
    on.push(`${rows} inserted or deleted per second (seed ${faults.churnSeed})`);
  }
  return on;
}

function ordinal(n: number): string {
  const tens = n % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th');
  return `${n.toLocaleString('en')}${suffix}`;
}
