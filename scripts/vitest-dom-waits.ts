import { configure } from '@testing-library/react';

/**
 * The browser projects' setup (vite.config.ts `setupFiles`): Testing Library's `waitFor` and
 * `findBy…` wait up to 4 s instead of 1 s, the same bound as `vi.waitFor`
 * (scripts/vitest-waits.ts says why).
 *
 * @example
 * expect(await screen.findByText('apple 0')).toBeTruthy(); // up to 4 s
 */
configure({ asyncUtilTimeout: 4_000 });
