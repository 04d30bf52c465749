import type { Endpoint } from './api';

/**
 * Which queries each view makes, in one place: the views ask for these, and
 * the boot script starts them before the application's code has loaded.
 */
export const VIEWS = ['overview', 'quota', 'supervision', 'recruitment'] as const;
export type View = (typeof VIEWS)[number];

export type Query = readonly [Endpoint, Record<string, string>];
export const SERIES_MONTHS = 24;

export const viewQueries = {
  overview: (organ: string, asOf: string) => ({
    roster: ['roster', { organ, subtree: 'true', asOf }] as const,
    series: ['headcount-series', { organ, subtree: 'true', asOf, months: String(SERIES_MONTHS) }] as const,
  }),
  quota: (organ: string, asOf: string) => ({ quota: ['quota', { organ, subtree: 'true', asOf }] as const }),
  supervision: (organ: string, asOf: string) => ({
    supervision: ['supervision', { organ, subtree: 'true', asOf }] as const,
    compliance: ['compliance', { organ, subtree: 'true', asOf }] as const,
  }),
  recruitment: (organ: string, asOf: string) => ({ plans: ['recruitment-plans', { organ, subtree: 'true', asOf }] as const }),
} satisfies Record<View, (organ: string, asOf: string) => Record<string, Query>>;

/** What the address says: `#/quota?organ=hohhot&asOf=2025-06-30` — a view can be bookmarked and shared. */
export interface Place {
  view: View;
  organ?: string;
  asOf: string;
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
  return {
    view: (VIEWS as readonly string[]).includes(route) ? (route as View) : 'overview',
    ...(params.get('organ') ? { organ: params.get('organ') as string } : {}),
    asOf: asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) ? asOf : today(),
  };
}

export function writePlace(p: Place): void {
  const search = new URLSearchParams({ ...(p.organ ? { organ: p.organ } : {}), asOf: p.asOf });
  history.replaceState(null, '', `#/${p.view}?${search.toString()}`);
}
