// An element scroll target in a right-to-left page: scrollLeft runs from 0 (the start, at the
// right edge) to negative values, and the vertical scrollbar sits at the left.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { elementScrollTarget } from './scrollTarget.ts';

const made: HTMLElement[] = [];
afterEach(() => {
  for (const element of made.splice(0)) element.remove();
});

function scroller(style: Partial<CSSStyleDeclaration>, content: Partial<CSSStyleDeclaration>): HTMLElement {
  const element = document.createElement('div');
  element.dir = 'rtl';
  Object.assign(element.style, { overflow: 'auto', width: '300px', height: '200px' }, style);
  const inner = document.createElement('div');
  Object.assign(inner.style, content);
  element.append(inner);
  document.body.append(element);
  made.push(element);
  return element;
}

describe('elementScrollTarget right to left', () => {
  it('a horizontal target counts offsets from the right edge', () => {
    const element = scroller({}, { width: '5000px', height: '10px' });
    const target = elementScrollTarget(element, { horizontal: true });
    expect(target.offset()).toBe(0);
    target.scrollTo(1_200);
    expect(element.scrollLeft).toBe(-1_200);
    expect(target.offset()).toBe(1_200);
    element.scrollLeft = -4_700; // the far left: the end
    expect(target.offset()).toBe(target.maxOffset?.());
  });

  it('a press on the vertical scrollbar at the left is a drag; a press on the content is not', () => {
    const element = scroller({}, { height: '50000px' });
    const target = elementScrollTarget(element);
    const drag = vi.fn();
    const stop = target.observe({ scroll() {}, resize() {}, drag });
    const box = element.getBoundingClientRect();
    element.dispatchEvent(new PointerEvent('pointerdown', { clientX: box.right - 5, clientY: box.top + 5 }));
    expect(drag).not.toHaveBeenCalled();
    // Beside the client box at the left, where a right-to-left scrollbar is (the test browser's
    // scrollbars overlay the content, so the press is made there, as the listener reads it).
    element.dispatchEvent(new PointerEvent('pointerdown', { clientX: box.left - 2, clientY: box.top + 5 }));
    expect(drag).toHaveBeenCalledWith(true);
    stop();
  });
});
