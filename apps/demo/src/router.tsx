// A twenty-line router: the demo needs paths and links, not a routing library.
import { type MouseEvent, type ReactNode, useSyncExternalStore } from 'react';

const NAVIGATE = 'lazyflow:navigate';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATE, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATE, onChange);
  };
}

/** The current path, re-rendering on navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** Goes to `to` without reloading the page. */
export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATE));
}

/** An anchor that navigates in-app (and still opens in a new tab with a modifier key). */
export function Link({ to, children }: { to: string; children: ReactNode }) {
  const active = usePath() === to;
  const onClick = (event: MouseEvent<HTMLAnchorElement>) => {
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={onClick} aria-current={active ? 'page' : undefined}>
      {children}
    </a>
  );
}
