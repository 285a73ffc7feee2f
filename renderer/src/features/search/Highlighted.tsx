import { highlightRanges, type SearchQuery } from '../../../../shared/search/tokenize';

/** A text with the words a query matched marked (`<mark>`), in the text's own direction. */
export function Highlighted({ text, query }: { text: string; query: SearchQuery }): React.JSX.Element {
  const parts: React.ReactNode[] = [];
  let at = 0;
  for (const [start, end] of highlightRanges(text, query)) {
    if (start > at) parts.push(text.slice(at, start));
    parts.push(<mark key={start}>{text.slice(start, end)}</mark>);
    at = end;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <bdi dir="auto">{parts}</bdi>;
}
