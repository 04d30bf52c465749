import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { type Answers, type Endpoint, fetchAnswer, queryPath } from './api';
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
