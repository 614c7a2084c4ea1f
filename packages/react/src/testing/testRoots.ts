// Test support (not published) for the hooks' browser tests: React roots mounted in containers of
// their own in document.body, gone after each test (frames(n) is core's, testing/mountVirtualList.ts).
import type { ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, vi } from 'vitest';

/** What {@link rootsPerTest} gives a test file. */
export interface TestRoots {
  /** The root made last in this test (by `mount` or `keep`), or null. */
  readonly root: Root | null;
  /** The container made last in this test (by `mount` or `container`), or null. */
  readonly container: HTMLElement | null;
  /** Appends a new container to document.body; removed after the test. */
  newContainer(): HTMLElement;
  /** Renders `node` in a new root on a new container; unmounted after the test. */
  mount(node: ReactNode): Root;
  /** Unmounts `root` after the test (a root made otherwise, such as by `hydrateRoot`). */
  keep(root: Root): Root;
}

/**
 * Registers, for the calling test file, an `afterEach` that unmounts the roots a test made and
 * removes their containers, then (with `restoreMocks`) restores every mock; `actEnvironment` (when
 * given) is set as React's `IS_REACT_ACT_ENVIRONMENT` before the file's tests. Call once at the
 * file's top level.
 *
 * @example
 * const roots = rootsPerTest({ actEnvironment: false });
 * it('renders', () => {
 *   roots.mount(<App />);
 *   roots.root?.render(<App again />);
 *   expect(roots.container?.textContent).toBe('again');
 * });
 */
export function rootsPerTest(options: { actEnvironment?: boolean; restoreMocks?: boolean } = {}): TestRoots {
  const { actEnvironment, restoreMocks = false } = options;
  if (actEnvironment !== undefined)
    beforeAll(() => {
      (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = actEnvironment;
    });
  let roots: Root[] = [];
  let containers: HTMLElement[] = [];
  afterEach(() => {
    // Unmounting a root twice (a test unmounted it already) does nothing.
    for (const root of roots) root.unmount();
    for (const container of containers) container.remove();
    roots = [];
    containers = [];
    if (restoreMocks) vi.restoreAllMocks();
  });
  const keep = (root: Root) => {
    roots.push(root);
    return root;
  };
  const newContainer = () => {
    const element = document.createElement('div');
    document.body.append(element);
    containers.push(element);
    return element;
  };
  return {
    get root() {
      return roots.at(-1) ?? null;
    },
    get container() {
      return containers.at(-1) ?? null;
    },
    newContainer,
    keep,
    mount(node) {
      const root = keep(createRoot(newContainer()));
      root.render(node);
      return root;
    },
  };
}
