import { resolve } from 'node:path';
import { build, type Rolldown } from 'vite';
import { expect, test } from 'vitest';

// Decision 0054: option checks run unless the app's bundler sets process.env.NODE_ENV to
// 'production'. This bundles what a list needs (createLazyList, createVirtualList, offsetSource)
// the way an app's bundler does and looks for the checks' messages in the output.
const entry = resolve(import.meta.dirname, 'index.ts');

async function bundle(nodeEnv: 'production' | 'development'): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'lists' },
      rolldownOptions: { external: [/^@tanstack\//, 'idb-keyval'] },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((output) => output.output)
    .map((chunk) => (chunk.type === 'chunk' ? chunk.code : ''))
    .join('\n');
}

test('a production build drops the option checks of lists, views and offset sources; a development build keeps them', async () => {
  const messages = [
    'a source from offsetSource/cursorSource/rangeSource/eagerSource/autoSource', // createLazyList
    "listWrites from '@lazyflow/core/writes'", // createLazyList
    'a lazy list from createLazyList', // createVirtualList
    'an element, a function returning one, or useWindowScroll: true', // createVirtualList
    'another layout is a new view', // VirtualList.setOptions
  ];
  const development = await bundle('development');
  for (const message of messages) expect(development).toContain(message);
  const production = await bundle('production');
  for (const message of messages) expect(production).not.toContain(message);
  // Runtime arguments keep their checks in every build (setWindow's window).
  expect(production).toMatch(/forward\W{1,4} or \W{1,4}backward/); // however the minifier quotes it
}, 60_000);
