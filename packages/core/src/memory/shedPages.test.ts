import { describe, expect, it } from 'vitest';
import { pagesToShed } from './shedPages.ts';

const ranges = { visible: { first: 10, last: 11 }, zone: { first: 8, last: 14 } };
const pages = [0, 7, 8, 10, 11, 12, 14, 15, 90];

describe('pagesToShed', () => {
  it('sheds nothing at ok', () => {
    expect(pagesToShed(pages, 'ok', ranges)).toEqual([]);
  });

  it('sheds pages outside the window + prefetch zone at high', () => {
    expect(pagesToShed(pages, 'high', ranges)).toEqual([0, 7, 15, 90]);
  });

  it('sheds down to the visible pages at critical', () => {
    expect(pagesToShed(pages, 'critical', ranges)).toEqual([0, 7, 8, 12, 14, 15, 90]);
  });

  it('sheds everything when there is no window', () => {
    expect(pagesToShed([1, 2], 'high', { visible: null, zone: null })).toEqual([1, 2]);
  });
});
