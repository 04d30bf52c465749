import { type QueryClient, keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Answers, type Endpoint, apiGet, fetchAnswer, queryPath } from './api';
import { takePrefetched } from './boot';
import { type View, bootQueries } from './plan';

/** How long an answer of the API's queries is fresh in the cache. */
const ANSWER_FRESH_MS = 60_000;

/** One query of the API through the one cache (the boot script's answer if it already asked): the answer, and the path that produced it. */
export function useApi<E extends Endpoint>(endpoint: E, params: Readonly<Record<string, string | undefined>>, enabled = true) {
  const path = queryPath(endpoint, params);
  const query = useQuery<Answers[E]>({
    queryKey: [path],
    queryFn: () => takePrefetched<E>(path) ?? fetchAnswer<E>(path),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: ANSWER_FRESH_MS,
  });
  return { ...query, path };
}

/**
 * Starts a dashboard view's queries for a place about to be shown, into the
 * same cache (the keys `useApi` asks by): the requests leave while the page
 * re-renders for the new organ or date, instead of after it.
 */
export function prefetchPlace(client: QueryClient, view: View, organ: string, asOf: string, knownAt?: string): void {
  for (const [endpoint, params] of bootQueries(view, organ, asOf, knownAt)) {
    const path = queryPath(endpoint, params);
    void client.prefetchQuery({ queryKey: [path], queryFn: () => fetchAnswer(path), staleTime: ANSWER_FRESH_MS });
  }
}

/** Any GET by its path through the same cache (the workbench's lists and files); `null` asks nothing. */
export function useGet<T>(path: string | null, options: { staleTime?: number } = {}) {
  const query = useQuery<T>({
    queryKey: [path],
    queryFn: () => apiGet<T>(path as string),
    enabled: path !== null,
    placeholderData: keepPreviousData,
    staleTime: options.staleTime ?? 10_000,
  });
  return { ...query, path };
}
