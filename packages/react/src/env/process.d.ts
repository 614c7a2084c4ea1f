// The one global @lazyflow/react reads that the DOM types lack: `process.env.NODE_ENV`, which the
// app's bundler replaces (Vite, webpack, esbuild, Rollup's replace plugin), as in React itself.
// Prop and option checks run unless it is 'production' (decision 0054). The root tsconfig, which
// has Node's types, leaves this file out.
declare var process: { readonly env: { readonly NODE_ENV?: string } };
