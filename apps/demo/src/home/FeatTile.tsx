import { type ReactNode, useEffect, useRef, useState } from 'react';
import { Link } from '../router.tsx';

/** What a run measured: the sentence shown beside the list, and the numbers behind it for tests. */
export interface FeatFigure {
  readonly text: ReactNode;
  readonly data: Readonly<Record<string, number | string>>;
}

type RunState =
  | { readonly kind: 'idle' }
  | { readonly kind: 'running' }
  | { readonly kind: 'done'; readonly figure: FeatFigure }
  | { readonly kind: 'failed'; readonly message: string };

/** One Home tile: what the feat is, a small live list, a Run button and the figure it measured. */
export function FeatTile(props: {
  readonly id: string;
  readonly title: string;
  readonly look: ReactNode;
  readonly peers?: string;
  /** The page that shows the feat full size. */
  readonly to: string;
  /** Runs the feat on the tile's own list and measures it. */
  readonly run: () => Promise<FeatFigure>;
  /**
   * A run the tile picks up as soon as it mounts (the second half of a run that reloaded the
   * page); null or absent: the tile waits for its button.
   */
  readonly resume?: (() => Promise<FeatFigure>) | null;
  /** The tile's live list (or stream). */
  readonly children: ReactNode;
}) {
  const { id, title, look, peers, to, run, resume, children } = props;
  const [state, setState] = useState<RunState>({ kind: 'idle' });
  const tile = useRef<HTMLLIElement>(null);
  const start = (measure: () => Promise<FeatFigure> = run) => {
    setState({ kind: 'running' });
    measure().then(
      (figure) => setState({ kind: 'done', figure }),
      (error: unknown) =>
        setState({ kind: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
  };
  // Once per mount (a ref survives StrictMode's second effect run): show the tile and go on.
  const resumed = useRef(false);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the resumed run starts once, on mount
  useEffect(() => {
    if (!resume || resumed.current) return;
    resumed.current = true;
    tile.current?.scrollIntoView({ block: 'center' });
    start(resume);
  }, []);
  const data = state.kind === 'done' ? state.figure.data : {};
  return (
    <li ref={tile} className="feat" data-testid={`feat-${id}`} aria-labelledby={`feat-${id}-title`}>
      <h3 id={`feat-${id}-title`}>{title}</h3>
      <p>{look}</p>
      <div className="feat-live">{children}</div>
      <div className="feat-run">
        <button
          type="button"
          onClick={() => start()}
          disabled={state.kind === 'running'}
          data-testid={`feat-${id}-run`}
        >
          {state.kind === 'running' ? 'Running…' : state.kind === 'idle' ? 'Run it here' : 'Run again'}
        </button>
        <output
          className="feat-figure"
          data-testid={`feat-${id}-figure`}
          data-state={state.kind}
          aria-live="polite"
          {...Object.fromEntries(
            Object.entries(data).map(([name, value]) => [`data-${name}`, String(value)]),
          )}
        >
          {state.kind === 'idle' && <span className="muted">Measured in this tab when you run it.</span>}
          {state.kind === 'running' && <span className="muted">Measuring…</span>}
          {state.kind === 'done' && state.figure.text}
          {state.kind === 'failed' && <span className="feat-failed">Did not finish: {state.message}</span>}
        </output>
      </div>
      {peers && <p className="feat-peers">{peers}</p>}
      <p className="feat-more">
        <Link to={to}>Full page →</Link>
      </p>
    </li>
  );
}
