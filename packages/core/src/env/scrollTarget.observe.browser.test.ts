// A scroll target that starts observing while the browser delivers ResizeObserver notifications
// (a list attached from another observer's callback: a Suspense boundary revealing a list, a
// component that mounts its list once a container was measured) must not make Chromium report
// "ResizeObserver loop completed with undelivered notifications" (noise in every error tracker),
// and still hears the element's later resizes.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { elementScrollTarget } from './scrollTarget.ts';

const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
const cleanups: (() => void)[] = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

describe('elementScrollTarget.observe inside a ResizeObserver callback', () => {
  it('reports no ResizeObserver loop error, and later resizes still reach the list', async () => {
    const element = document.createElement('div');
    Object.assign(element.style, { height: '200px', overflow: 'auto' });
    document.body.append(element);
    const errors: string[] = [];
    const onError = (event: ErrorEvent) => errors.push(event.message);
    window.addEventListener('error', onError);
    const resize = vi.fn();
    let stop = () => {};
    const outer = new ResizeObserver(() => {
      if (resize.mock.calls.length > 0 || errors.length > 0) return;
      stop = elementScrollTarget(element).observe({ scroll() {}, resize, drag() {} });
    });
    outer.observe(element);
    cleanups.push(() => {
      outer.disconnect();
      stop();
      element.remove();
      window.removeEventListener('error', onError);
    });
    for (let n = 0; n < 4; n++) await frame();
    expect(errors).toEqual([]);
    resize.mockClear();
    element.style.height = '300px';
    await vi.waitFor(() => expect(resize).toHaveBeenCalled());
  });
});
