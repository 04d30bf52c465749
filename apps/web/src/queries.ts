import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Answers, type Endpoint, apiGet, fetchAnswer, queryPath } from './api';
import { takePrefetched } from './boot';

/** One query of the API through the one cache (the boot script's answer if it already asked): the answer, and the path that produced it. */
export function useApi<E extends Endpoint>(endpoint: E, params: Readonly<Record<string, string | undefined>>, enabled = true) {
  const path = queryPath(endpoint, params);
  const query = useQuery<Answers[E]>({
    queryKey: [path],
    queryFn: () => takePrefetched<E>(path) ?? fetchAnswer<E>(path),
    enabled,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
  return { ...query, path };
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
