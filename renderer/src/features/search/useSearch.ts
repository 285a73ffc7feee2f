import { useEffect, useMemo, useRef, useState } from 'react';
import { parseQuery, type SearchQuery } from '../../../../shared/search/tokenize';
import { useSession } from '../../sync/session';
import { knowIndexProgress, useIndexProgress } from './progress';
import {
  countUpTo,
  hasCriteria,
  searchMessages,
  type Earlier,
  type SearchFilters,
  type SearchResult,
} from './query';

/** Wait this long after the last keystroke before asking the index. */
const TYPING_MS = 120;
/** While the index grows, re-run an open search after every this many newly indexed messages. */
const RERUN_EVERY = 2000;

export interface SearchState {
  query: SearchQuery;
  /** null until the first answer for the current criteria (or when there is nothing to look for). */
  result: SearchResult | null;
  /** The index is still being built: older messages may be missing. */
  incomplete: boolean;
}

/** Searches as the user types; re-runs when the criteria change and as the index grows. */
export function useSearch(text: string, filters: SearchFilters, limit: number): SearchState {
  const { db } = useSession();
  const progress = useIndexProgress();
  const query = useMemo(() => parseQuery(text), [text]);
  const { conversationId, orderNo, from, to } = filters;
  const key = JSON.stringify([query.terms, conversationId, orderNo, from, to, limit]);
  const [answer, setAnswer] = useState<{ key: string; result: SearchResult } | null>(null);
  // The last answer, for the next keystroke to narrow ("prob" → "probk"): only in the same
  // database, under the same filters and limit, and while not one message or translation more
  // has been indexed.
  const last = useRef<{ same: string; earlier: Earlier } | null>(null);
  // Every newly indexed message or translation re-runs an open search, but while a long history is
  // being indexed only every RERUN_EVERY messages.
  const building = progress.total - progress.done >= RERUN_EVERY;
  const grown = `${building ? Math.floor(progress.done / RERUN_EVERY) : progress.done}:${progress.translations}`;
  const active = hasCriteria(query, filters);

  useEffect(() => {
    if (!active) return;
    knowIndexProgress();
    let cancelled = false;
    const same = JSON.stringify([
      db.name,
      conversationId,
      orderNo,
      from,
      to,
      limit,
      progress.done,
      progress.translations,
    ]);
    const timer = setTimeout(() => {
      const f = { conversationId, orderNo, from, to };
      const earlier = last.current?.same === same ? last.current.earlier : undefined;
      void searchMessages(db, query, f, limit, earlier).then(async (result) => {
        last.current = { same, earlier: { terms: query.terms, result } };
        if (cancelled) return;
        // The newest hits first; the count of a larger answer follows (up to 1,000: "more than").
        setAnswer({ key, result });
        if (result.total !== null) return;
        const { n, more } = await countUpTo(db, query, f);
        if (!cancelled) setAnswer({ key, result: { ...result, total: n, more } });
      });
    }, TYPING_MS);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
    // `key` stands for the query's terms and the filters; `grown` re-runs it as the index grows.
  }, [db, key, grown, active]); // eslint-disable-line react-hooks/exhaustive-deps

  return {
    query,
    result: active && answer?.key === key ? answer.result : null,
    incomplete: progress.done < progress.total,
  };
}
