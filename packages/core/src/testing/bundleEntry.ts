import { build, type Rolldown } from 'vite';

/**
 * Bundles `entry` minified, the way an app's bundler does, with `process.env.NODE_ENV` set to
 * `nodeEnv` (decision 0054), and returns the code of every chunk; `external` stays out.
 *
 * @example
 * const production = await bundleEntry(entry, 'production', [/^@tanstack\//]);
 */
export async function bundleEntry(
  entry: string,
  nodeEnv: 'production' | 'development',
  external: readonly (string | RegExp)[],
): Promise<string> {
  const result = await build({
    configFile: false,
    logLevel: 'silent',
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    build: {
      write: false,
      minify: true,
      lib: { entry, formats: ['es'], fileName: 'bundle' },
      rolldownOptions: { external: [...external] },
    },
  });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  return outputs
    .flatMap((output) => output.output)
    .map((chunk) => (chunk.type === 'chunk' ? chunk.code : ''))
    .join('\n');
}
