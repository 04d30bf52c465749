/**
 * The dashboard's one API client: every call the views make, typed after the
 * API's answers (apps/api/src/queries; OpenAPI at /api/docs). Each answer comes
 * with the query that produced it, which every chart shows and links to.
 */
export type Bilingual = { zh: string; en: string };

export interface Catalog {
  asOf: string;
  labels: Record<
    'rosterStatus' | 'category' | 'level' | 'organLevel' | 'organKind' | 'departureReason' | 'planStatus' | 'duty' | 'sanction' | 'applicationStage',
    Record<string, Bilingual>
  >;
  findingKinds: Record<
    string,
    {
      label: Bilingual;
      ruleId: string | null;
      ruleTitle: Bilingual | null;
      citation: Bilingual;
      citedText: string | null;
    }
  >;
}

export interface Organ {
  organ_id: string;
  parent_id: string | null;
  level: string;
  kind: string;
  name: string;
  path: string;
  depth: number;
}

export interface RosterCounts {
  total: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  byLevel: Record<string, number>;
  byOrgan: Record<string, number>;
}

export interface HeadcountPoint {
  month: string;
  date: string;
  total: number;
  inService: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  departuresByReason: Record<string, number>;
  sanctionsByKind: Record<string, number>;
}

export interface QuotaEntry {
  organ_id: string;
  parent_id: string | null;
  name: string;
  quota: number | null;
  active_headcount: number;
  reserved_openings: number;
  headroom: number | null;
}

export const AGE_BUCKETS = ['0-30', '31-90', '91-180', '181-365', '366+'] as const;
export type AgeBucket = (typeof AGE_BUCKETS)[number];

export interface Finding {
  kind: string;
  ruleId: string | null;
  citation: Bilingual;
  subject: { kind: 'auxiliary' | 'plan'; id: string };
  organId: string;
  message: Bilingual;
  since: string;
  ageDays: number;
}

export interface RecruitmentPlan {
  plan_id: string;
  drafting_organ_id: string;
  title: string;
  status: string;
  openings_total: number;
}

export interface Answers {
  organs: { organs: Organ[] };
  catalog: Catalog;
  roster: { asOf: string; counts: RosterCounts };
  'headcount-series': { asOf: string; points: HeadcountPoint[] };
  quota: {
    asOf: string;
    organs: QuotaEntry[];
    total: {
      quota: number;
      active_headcount: number;
      reserved_openings: number;
      headroom: number;
    };
  };
  supervision: {
    asOf: string;
    counts: {
      total: number;
      byKind: Record<string, number>;
      byOrgan: Record<string, number>;
      /** Per kind, how many have been open how long (AGE_BUCKETS of the API). */
      byKindAge: Record<string, Record<AgeBucket, number>>;
      oldestDays: Record<string, number>;
    };
    /** Operators, auditors and admins only: a viewer's answer has the counts. */
    findings?: Finding[];
  };
  'recruitment-plans': { asOf: string; plans: RecruitmentPlan[] };
  /** Counts only here (the dashboard's funnel); the workbench's board reads the entries. */
  applications: {
    asOf: string;
    counts: { total: number; byStage: Record<string, number>; funnel: Array<{ step: string; reached: number; endedHere: number }> };
  };
  compliance: {
    asOf: string;
    inService: number;
    departed: number;
    rates: Array<{ kind: string; population: 'IN_SERVICE' | 'DEPARTED'; people: number; withFinding: number; compliant: number; rate: number | null }>;
  };
}

export type Endpoint = keyof Answers;

/** The query as a path: `/api/roster?organ=nmg&subtree=true&asOf=2025-06-30`. */
export function queryPath(endpoint: Endpoint, params: Record<string, string | undefined> = {}): string {
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined));
  const text = search.toString();
  return `/api/${endpoint}${text ? `?${text}` : ''}`;
}

const KEY = 'auxledger.apiKey';
export const apiKey = {
  get: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string) => sessionStorage.setItem(KEY, key),
  clear: () => sessionStorage.removeItem(KEY),
};

/** An error answer of the API, in its one shape: { error: { code, message: { zh, en } } }. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly messages: Bilingual,
    /** The whole error document (a refusal's violations, a validation's fields). */
    readonly body: unknown = null,
  ) {
    super(messages.en);
  }
}

export async function fetchAnswer<E extends Endpoint>(path: string, key = apiKey.get()): Promise<Answers[E]> {
  const res = await fetch(path, {
    headers: {
      Accept: 'application/json',
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
    },
  });
  const body = (await res.json().catch(() => null)) as {
    error?: { code: string; message: Bilingual };
  } | null;
  if (!res.ok) {
    const error = body?.error;
    throw new ApiError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? { zh: `HTTP ${res.status}`, en: `HTTP ${res.status}` }, body);
  }
  return body as Answers[E];
}

/** Who the signed-in key is (GET /api/me): the pages and forms shown follow its role and organ scope. */
export interface Me {
  keyId: string;
  name: string;
  role: 'admin' | 'operator' | 'auditor' | 'viewer';
  organIds: string[];
}

/** Any GET of the API by its path (the workbench's lists, files and streams), in the one error shape. */
export async function apiGet<T>(path: string, key = apiKey.get()): Promise<T> {
  return (await fetchAnswer(path as never, key)) as unknown as T;
}

/**
 * A POST or DELETE of the API. A refusal (409/422) or a bad request (400) comes back as an ApiError whose
 * `body` is the whole problem document, so a form can show every violated rule.
 */
export async function apiSend<T>(method: 'POST' | 'DELETE', path: string, body?: unknown, key = apiKey.get()): Promise<T> {
  const res = await fetch(path, {
    method,
    headers: {
      Accept: 'application/json',
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      ...(key ? { Authorization: `Bearer ${key}` } : {}),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const answer = (await res.json().catch(() => null)) as { error?: { code: string; message: Bilingual } } | null;
  if (!res.ok) {
    const error = answer?.error;
    throw new ApiError(res.status, error?.code ?? `HTTP_${res.status}`, error?.message ?? { zh: `HTTP ${res.status}`, en: `HTTP ${res.status}` }, answer);
  }
  return answer as T;
}
