/** The error of a list or window with a Retry button; nothing unless `status` is 'error'. */
export function ListError({ status, error, retry }: { status: string; error: unknown; retry: () => void }) {
  if (status !== 'error') return null;
  return (
    <p role="alert" className="error">
      {String((error as Error | undefined)?.message ?? error)}{' '}
      <button type="button" onClick={retry}>
        Retry
      </button>
    </p>
  );
}
