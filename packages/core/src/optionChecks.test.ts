import { resolve } from 'node:path';
import { expect, test } from 'vitest';
import { bundleEntry } from './testing/bundleEntry.ts';

// Decision 0054: option checks run unless the app's bundler sets process.env.NODE_ENV to
// 'production'. This bundles the package's root entry the way an app's bundler does and looks
// for the checks' messages in the output.
const entry = resolve(import.meta.dirname, 'index.ts');

const external = [/^@tanstack\//, 'idb-keyval'];
const bundle = (nodeEnv: 'production' | 'development') => bundleEntry(entry, nodeEnv, external);

// One message per owner whose option checks are development-only, as the minifier may quote it.
const moved: readonly (string | RegExp)[] = [
  'a source from offsetSource/cursorSource/rangeSource/eagerSource/autoSource', // createLazyList
  "listWrites from '@lazyflow/core/writes'", // createLazyList
  'a lazy list from createLazyList', // createVirtualList
  'an element, a function returning one, or useWindowScroll: true', // createVirtualList
  'another layout is a new view', // VirtualList.setOptions
  'a string or number', // cursorSource
  /rangeSource\W{1,4}bucket/, // rangeSource
  /eagerSource\W{1,4}pageSize/, // eagerSource
  /a number >= eagerBelowBytes/, // autoSource
  /an integer >= minPageSize/, // an auto page size (cursorSource's; offsetSource's comes with its import)
  'a source made by ', // layoutFor (a hand-made source)
  'an object with estimate(), or null', // idbCache
  /pageCache\W{1,4}\w{1,3}\W{1,4}a function/, // pageCache
  />= high \(/, // createMemoryMonitor
  'a MemoryMonitor or null', // createPrefetcher
  'an array (the list key)', // prefetchList, lazyListPageKeys
  'a QueryClient from @tanstack/query-core 5', // prefetchLazyList
  'a width in px or a function of the column', // createGridColumns, GridColumns.setOptions
  /a function \(or give \W{1,2}url/, // createStream
  'ItemStream.setOptions', // ItemStream.setOptions (fixed options)
  'keys must be unique', // the duplicate-key warning (decision 0056; the rows shadowed stay)
  'onKeyDown needs keyboard', // onKeyDown without keyboard: keyboardNavigation (decision 0058)
  'carry data-index={row.index}', // measureElement on a row without data-index (how the app renders rows)
  'pass the write engine', // writes on a list without listWrites: the how-to (decision 0059)
  'refetch it with list.refresh()', // a page query refetched by query-core: the how-to (decision 0059)
  'another kind or page size is other pages', // LazyList.setOptions, a source of another shape: the how-to (0059)
];

// Runtime arguments and data keep their checks in every build.
const kept: readonly RegExp[] = [
  /forward\W{1,4} or \W{1,4}backward/, // setWindow's window
  /an array or a function returning a promise of one/, // eagerSource's items (often data)
  /a promise of an array/, // what eagerSource's items() resolves to
  /an integer from 0 to/, // pinned columns within a count from the data
  /scrollToColumn/, // GridColumns.scrollToColumn's column
  /writes are not enabled on this list/, // the refusal itself (decision 0059)
  /a page query is fetched by its list/, // the query's error itself (decision 0059)
  /a source of the list(\u2019|’)s shape/, // LazyList.setOptions, a source of another shape: the error itself
  /a positive integer or autoPageSize from/, // offsetSource's pageSize 'auto' without its import (decision 0068)
];

function contains(code: string, sample: string | RegExp): boolean {
  return typeof sample === 'string' ? code.includes(sample) : sample.test(code);
}

test('a production build drops the option checks of every owner; a development build keeps them', async () => {
  const development = await bundle('development');
  for (const sample of [...moved, ...kept])
    expect([sample, contains(development, sample)]).toEqual([sample, true]);
  const production = await bundle('production');
  for (const sample of moved) expect([sample, contains(production, sample)]).toEqual([sample, false]);
  for (const sample of kept) expect([sample, contains(production, sample)]).toEqual([sample, true]);
}, 60_000);
