import type { ReactNode } from 'react';
import { usePhone } from '../lib/usePhone.ts';

/**
 * A page's heading and intro (issue #20): what the page shows in plain words, what to try, and
 * only then the API behind it.
 *
 * @example
 * <PageIntro title="Table" tryThis="Jump to row 500,000." code={<code>useLazyList</code>}>
 *   A million rows…
 * </PageIntro>
 */
export function PageIntro({
  title,
  children,
  tryThis,
  code,
  foldOnPhone = true,
}: {
  title: string;
  /** What the page demonstrates, in plain words. */
  children: ReactNode;
  /** What a visitor can do to see it. */
  tryThis?: ReactNode;
  /** The API at work (identifiers), last. */
  code?: ReactNode;
  /**
   * On a phone, put "Try it" behind a closed disclosure (the default: every page's list must fit
   * one screen of a 360 × 740 phone, issue #20); `false` keeps it open.
   */
  foldOnPhone?: boolean;
}) {
  const phone = usePhone();
  const folded = foldOnPhone && phone;
  return (
    <>
      <h1>{title}</h1>
      <p className="intro">{children}</p>
      {tryThis && folded && (
        <details className="intro-try intro-try-fold" data-testid="intro-try">
          <summary>
            <strong>Try it</strong>
          </summary>
          {tryThis}
        </details>
      )}
      {tryThis && !folded && (
        <p className="intro-try">
          <strong>Try it:</strong> {tryThis}
        </p>
      )}
      {code && <p className="intro-code">{code}</p>}
    </>
  );
}
