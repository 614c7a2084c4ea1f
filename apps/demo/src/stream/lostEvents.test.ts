import { describe, expect, it } from 'vitest';
import { lostEvents } from './lostEvents.ts';

describe('lostEvents', () => {
  it('is 0 before any event and when every number up to the newest arrived', () => {
    expect(lostEvents(undefined, { items: 0, malformed: 0 })).toBe(0);
    expect(lostEvents(299, { items: 300, malformed: 0 })).toBe(0);
  });

  it('counts the numbers below the newest that never arrived', () => {
    expect(lostEvents(299, { items: 290, malformed: 0 })).toBe(10);
  });

  it('leaves out the lines the server sent broken: they arrived, reported as malformed', () => {
    expect(lostEvents(299, { items: 297, malformed: 3 })).toBe(0);
    expect(lostEvents(299, { items: 295, malformed: 3 })).toBe(2);
  });

  it('does not leave out the lines the page injected itself: they are extra lines, no event in them', () => {
    expect(lostEvents(299, { items: 300, malformed: 1, injected: 1 })).toBe(0);
    expect(lostEvents(299, { items: 299, malformed: 1, injected: 1 })).toBe(1);
    expect(lostEvents(299, { items: 298, malformed: 2, injected: 1 })).toBe(1); // 1 broken by the server
  });

  it('is never negative (a malformed line that carried no event number)', () => {
    expect(lostEvents(9, { items: 10, malformed: 1 })).toBe(0);
  });
});
