import { type Answers, type Endpoint, apiKey, fetchAnswer, queryPath } from './api';
import { bootQueries, readPlace } from './plan';

/**
 * The page's entry: a few kilobytes that start the first view's queries at
 * once — the organ tree and the catalog, then the view's own as soon as the
 * tree names the region — while the application's code (React, Ant Design,
 * ECharts: most of the download) loads and starts. The application's one
 * query cache takes these answers over (`takePrefetched`).
 */
/** Where the application keeps the root organ's id (`rememberRoot`). */
export const ROOT_ORGAN = 'auxledger.rootOrgan';
export const rememberRoot = (organId: string) => localStorage.setItem(ROOT_ORGAN, organId);

const started = new Map<string, Promise<unknown>>();

export function takePrefetched<E extends Endpoint>(path: string): Promise<Answers[E]> | undefined {
  const p = started.get(path) as Promise<Answers[E]> | undefined;
  started.delete(path);
  return p;
}

function start<E extends Endpoint>(endpoint: E, params: Record<string, string> = {}): Promise<Answers[E]> {
  const path = queryPath(endpoint, params);
  const p = fetchAnswer<E>(path);
  p.catch(() => undefined); // a failure is the application's to show, when it asks
  started.set(path, p);
  return p;
}

if (apiKey.get()) {
  const place = readPlace();
  const organs = start('organs');
  start('catalog');
  const view = (organ: string) => bootQueries(place.view, organ, place.asOf, place.knownAt).forEach(([endpoint, params]) => start(endpoint, params));
  // The region's id, as the tree named it last time (organs never move): no wait for the tree on a second visit.
  const known = place.organ ?? localStorage.getItem(ROOT_ORGAN);
  if (known) view(known);
  else
    organs.then(
      (a) => {
        const root = a.organs.find((o) => o.parent_id === null)?.organ_id;
        if (root) view(root);
      },
      () => undefined,
    );
}

void import('./main');
