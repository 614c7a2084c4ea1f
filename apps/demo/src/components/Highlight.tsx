import type { SearchQuery } from '@lazyflow/mocks';
import type { ReactNode } from 'react';

/**
 * `text` with the words that made the document match marked: a word equal to a term, or the
 * typed part of a word beginning with the prefix. Only the document's indexed `words` are
 * candidates (the server searched those), so "the" is never marked for the prefix "th".
 */
export function Highlight({
  text,
  words,
  query,
}: {
  text: string;
  words: readonly string[];
  query: SearchQuery;
}) {
  const parts = text.split(/([A-Za-z0-9]+)/); // odd indexes are words
  const out: ReactNode[] = [];
  for (let k = 0; k < parts.length; k++) {
    const part = parts[k] ?? '';
    const word = part.toLowerCase();
    if (k % 2 === 0 || !words.includes(word)) out.push(part);
    else if (query.terms.includes(word)) out.push(<mark key={k}>{part}</mark>);
    else if (query.prefix !== null && word.startsWith(query.prefix)) {
      out.push(<mark key={k}>{part.slice(0, query.prefix.length)}</mark>, part.slice(query.prefix.length));
    } else out.push(part);
  }
  return <>{out}</>;
}
