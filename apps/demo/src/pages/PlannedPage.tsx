/** A page whose feature is not built yet: says what it will show and which issue brings it. */
export function PlannedPage({ title, issue, what }: { title: string; issue: number; what: string }) {
  return (
    <section>
      <h1>{title}</h1>
      <p>{what}</p>
      <p className="muted">Coming with issue #{issue}.</p>
    </section>
  );
}
