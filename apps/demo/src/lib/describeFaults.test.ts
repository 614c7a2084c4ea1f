import { type Faults, NO_FAULTS } from '@lazyflow/mocks';
import { describe, expect, it } from 'vitest';
import { describeFaults } from './describeFaults.ts';

const faults = (overrides: Partial<Faults>): Faults => ({ ...NO_FAULTS, ...overrides });

describe('describeFaults', () => {
  it.each<[Partial<Faults>, string[]]>([
    [{}, []],
    [{ latency: 0, errorRate: 0 }, []],
    [{ latency: 1200 }, ['latency 1,200 ms']],
    [{ errorRate: 1 }, ['100% of requests fail']],
    [{ errorRate: 0.3 }, ['30% of requests fail']],
    [{ stallRate: 0.05 }, ['5% of requests stall']],
    [{ errorRate: 0.125 }, ['12.5% of requests fail']],
    [{ dropAfter: 0 }, ['streams cut after 0 events']],
    [{ dropAfter: 1 }, ['streams cut after 1 event']],
    [{ dropAfter: 300 }, ['streams cut after 300 events']],
    [{ malformedEvery: 1 }, ['every stream line malformed']],
    [{ malformedEvery: 2 }, ['every 2nd stream line malformed']],
    [{ malformedEvery: 11 }, ['every 11th stream line malformed']],
    [{ malformedEvery: 23 }, ['every 23rd stream line malformed']],
    [{ slow: 64 }, ['bodies trickle 64 B at a time']],
    [{ churn: 1 }, ['1 table row inserted or deleted per second (seed 1)']],
    [{ churn: 12, churnSeed: 3 }, ['12 table rows inserted or deleted per second (seed 3)']],
    [
      { latency: 50, errorRate: 0.05, dropAfter: 10, malformedEvery: 5, slow: 512 },
      [
        'latency 50 ms',
        '5% of requests fail',
        'streams cut after 10 events',
        'every 5th stream line malformed',
        'bodies trickle 512 B at a time',
      ],
    ],
  ])('%o → %o', (overrides, words) => {
    expect(describeFaults(faults(overrides))).toEqual(words);
  });
});
