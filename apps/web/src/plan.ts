import type { Endpoint } from './api';

/**
 * Which queries each view makes, in one place: the views ask for these, and
 * the boot script starts them before the application's code has loaded.
 */
export const DASHBOARD_VIEWS = ['overview', 'quota', 'supervision', 'recruitment'] as const;
export type DashboardView = (typeof DASHBOARD_VIEWS)[number];
/** A page's key in the address (`#/roster?…`): the dashboard's views and the workbench's pages (pages.tsx). */
export type View = string;
const isDashboardView = (v: string): v is DashboardView => (DASHBOARD_VIEWS as readonly string[]).includes(v);

export type Query = readonly [Endpoint, Record<string, string>];
export const SERIES_MONTHS = 24;

/** As known at a recorded instant (ISO-8601), for the queries that can answer it; supervision and compliance judge the record as it stands. */
const known = (knownAt?: string): Record<string, string> => (knownAt ? { knownAt } : {});

export const viewQueries = {
  overview: (organ: string, asOf: string, knownAt?: string) => ({
    roster: ['roster', { organ, subtree: 'true', asOf, ...known(knownAt) }] as const,
    series: ['headcount-series', { organ, subtree: 'true', asOf, months: String(SERIES_MONTHS), ...known(knownAt) }] as const,
  }),
  quota: (organ: string, asOf: string, knownAt?: string) => ({ quota: ['quota', { organ, subtree: 'true', asOf, ...known(knownAt) }] as const }),
  supervision: (organ: string, asOf: string) => ({
    supervision: ['supervision', { organ, subtree: 'true', asOf }] as const,
    compliance: ['compliance', { organ, subtree: 'true', asOf }] as const,
  }),
  recruitment: (organ: string, asOf: string, knownAt?: string) => ({
    plans: ['recruitment-plans', { organ, subtree: 'true', asOf, ...known(knownAt) }] as const,
    applications: ['applications', { organ, subtree: 'true', asOf, ...known(knownAt) }] as const,
  }),
} satisfies Record<DashboardView, (organ: string, asOf: string, knownAt?: string) => Record<string, Query>>;

/** The queries the boot script starts for a view: the dashboard's; a workbench page asks its own. */
export const bootQueries = (view: View, organ: string, asOf: string, knownAt?: string): Query[] =>
  isDashboardView(view) ? Object.values(viewQueries[view](organ, asOf, knownAt)) : [];

/**
 * What the address says: `#/quota?organ=hohhot&asOf=2025-06-30`, `#/person?organ=…&asOf=…&id=aux-1` — a view can be
 * bookmarked and shared. `params` are the page's own (a person, a plan, a stream, a filter).
 */
export interface Place {
  view: View;
  organ?: string;
  asOf: string;
  /** As known at this recorded instant (ISO-8601 UTC), when the reader asks for it: what the record said then. */
  knownAt?: string;
  params: Record<string, string>;
}

/** Today in the browser's time zone, YYYY-MM-DD. */
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function readPlace(): Place {
  const [route = '', search = ''] = location.hash.replace(/^#\/?/, '').split('?');
  const params = new URLSearchParams(search);
  const asOf = params.get('asOf');
  const own = Object.fromEntries([...params.entries()].filter(([name]) => name !== 'organ' && name !== 'asOf' && name !== 'knownAt'));
  const knownAt = params.get('knownAt');
  return {
    view: /^[a-z][a-z-]*$/.test(route) ? route : 'overview',
    ...(params.get('organ') ? { organ: params.get('organ') as string } : {}),
    asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : today(),
    ...(knownAt && !Number.isNaN(Date.parse(knownAt)) ? { knownAt } : {}),
    params: own,
  };
}

export function writePlace(p: Place): void {
  const search = new URLSearchParams({ ...(p.organ ? { organ: p.organ } : {}), asOf: p.asOf, ...(p.knownAt ? { knownAt: p.knownAt } : {}), ...p.params });
  history.replaceState(null, '', `#/${p.view}?${search.toString()}`);
}
