import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { bundleEntry } from '../../core/src/testing/bundleEntry.ts';

// Decision 0054 for @lazyflow/react: props and hook options are checked unless the app's
// bundler sets process.env.NODE_ENV to 'production'; whether <LazyList> got `data` or a
// `source`, and `data` being an array, follow the app's data and are checked in every build.
const entry = resolve(import.meta.dirname, 'index.ts');

const external = [/^@tanstack\//, /^@lazyflow\//, /^react($|\/)/, /^react-dom($|\/)/];
const bundle = (nodeEnv: 'production' | 'development') => bundleEntry(entry, nodeEnv, external);

const moved = [
  'a number >= 0 or a CSS length', // <LazyList> height
  'keepPreviousRows from', // useLazyList placeholder
  'option "headerHeight"', // useLazyGrid
  'wrap the app in <QueryClientProvider', // a server render without a client: the how-to (decision 0059)
];
// <LazyList> data: one or the other; an array; a server render without a client still throws.
const kept = ['left out when', 'an array of ', 'server rendering needs one QueryClient per request'];

test('a production build drops the React props and options checks; a development build keeps them', async () => {
  const development = await bundle('development');
  for (const sample of [...moved, ...kept])
    expect([sample, development.includes(sample)]).toEqual([sample, true]);
  const production = await bundle('production');
  for (const sample of moved) expect([sample, production.includes(sample)]).toEqual([sample, false]);
  for (const sample of kept) expect([sample, production.includes(sample)]).toEqual([sample, true]);
}, 60_000);
