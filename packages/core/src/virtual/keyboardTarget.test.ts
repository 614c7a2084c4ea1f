import { describe, expect, it } from 'vitest';
import { keyboardTarget } from './keyboardTarget.ts';

const base = { focused: 10, count: 100, lanes: 1, rowsPerPage: 11, horizontal: false };

describe('keyboardTarget', () => {
  it.each([
    ['ArrowDown', base, 11],
    ['ArrowUp', base, 9],
    ['PageDown', base, 20],
    ['PageUp', base, 0],
    ['Home', base, 0],
    ['End', base, 99],
    ['ArrowRight', base, null],
    ['Enter', base, null],
    ['ArrowDown', { ...base, focused: 99 }, 99],
    ['ArrowDown', { ...base, lanes: 4 }, 14],
    ['ArrowRight', { ...base, lanes: 4 }, 11],
    ['ArrowLeft', { ...base, lanes: 4, focused: 0 }, 0],
    ['ArrowRight', { ...base, horizontal: true }, 11],
    ['ArrowDown', { ...base, horizontal: true }, null],
    ['End', { ...base, count: 0 }, null],
    ['ArrowUp', { ...base, horizontal: true, lanes: 4 }, 9],
    ['ArrowLeft', { ...base, horizontal: true, lanes: 4 }, 6],
    ['PageDown', { ...base, lanes: 3, focused: 95 }, 99],
    ['Home', { ...base, count: 1, focused: 0 }, 0],
    ['constructor', base, null],
    ['toString', base, null],
  ])('%s from %o goes to %s', (key, input, expected) => {
    expect(keyboardTarget({ ...input, key })).toBe(expected);
  });
});
