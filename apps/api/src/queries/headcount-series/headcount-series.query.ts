import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { OPEN_KNOWN_TO, type ReadModelStore, type Where } from '@auxledger/projection-engine';
import { organScope, personFileModel, roster, statusOn } from '@auxledger/read-models';
import { ReadAccess } from '../../access/read-access';
import { READ_MODEL_STORE } from '../../infrastructure/tokens';
import { flag } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { HeadcountSeriesRequestDto } from './headcount-series.request.dto';
import { counts, date, integer, arrayOf, object, text, ORGAN_AS_OF } from '../../openapi/answer-schema';

/** The roster's counts on one date: what GET /api/roster answers as `counts` for that date, and those in service. */
export interface HeadcountPoint {
  /** YYYY-MM */
  month: string;
  /** The month's last day; for the as-of month, the as-of date. */
  date: string;
  /** Every roster row on the date, departed included (as the roster counts them). */
  total: number;
  /** Not departed: on probation, active or suspended. */
  inService: number;
  byStatus: Record<string, number>;
  byCategory: Record<string, number>;
  /** Departures (Art. 40) from the month's first day to the point's date, by reason. */
  departuresByReason: Record<string, number>;
  /** Sanctions (Art. 42) taking effect from the month's first day to the point's date, by kind — of the people the organs use on the as-of date. */
  sanctionsByKind: Record<string, number>;
}

export interface HeadcountSeriesAnswer extends Positioned {
  organId: string;
  subtree: boolean;
  asOf: string;
  knownAt: string | null;
  points: HeadcountPoint[];
}

/** HeadcountSeriesAnswer as the OpenAPI document gives it. */
export const HEADCOUNT_SERIES_ANSWER = object(
  {
    ...ORGAN_AS_OF,
    points: arrayOf(
      object({
        month: text('月份 YYYY-MM', { pattern: '^\\d{4}-\\d{2}$' }),
        date: date("The month's last day; for the as-of month, the as-of date"),
        total: integer('Every roster row on the date, departed included'),
        inService: integer('在岗 Not departed: on probation, active or suspended'),
        byStatus: counts('By status'),
        byCategory: counts('By category'),
        departuresByReason: counts('离职 Departures (Art. 40) in the month up to the date, by reason'),
        sanctionsByKind: counts('处分 Sanctions (Art. 42) taking effect in the month up to the date, by kind'),
      }),
      '人员月度变化 One point a month, the as-of date last',
    ),
  },
  { title: 'HeadcountSeriesAnswer' },
);

export class GetHeadcountSeries extends ReadQuery<HeadcountSeriesRequestDto, HeadcountSeriesAnswer> {}

/**
 * 人员月度变化: the roster's counts at the end of each month up to the as-of
 * date, the month's departures by reason (Art. 40) and its sanctions by kind (Art. 42; from the person files as of the date) — from the roster's versions in one indexed read (every version of the
 * organs in scope valid at some point of the window, as known now or at
 * `knownAt`), counted per date here; never by replaying the log. Counts only:
 * every role (operators: their organs, as for the roster).
 */
@QueryHandler(GetHeadcountSeries)
export class GetHeadcountSeriesHandler implements IQueryHandler<GetHeadcountSeries> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly opening: QueryOpening,
    private readonly access: ReadAccess,
  ) {}

  async execute({ params: p, principal }: GetHeadcountSeries): Promise<HeadcountSeriesAnswer> {
    const { asOfPosition, asOf, knownAt, known } = await this.opening.open(p);
    await this.access.requireOrgan(principal, p.organ);
    const subtree = flag(p.subtree, true);
    const dates = seriesDates(asOf, p.months ?? 24);
    const first = dates[0] as string;
    const organs = await organScope(this.store, p.organ, subtree);
    const knownVersions: Where = knownAt ? { known_from: { lte: knownAt }, known_to: { gt: knownAt } } : { known_to: OPEN_KNOWN_TO };
    const versions = await this.store.list(roster, {
      where: { using_organ_id: organs, valid_from: { lte: asOf }, valid_to: { gt: first }, ...knownVersions },
      orderBy: ['valid_from'],
      // The roster's covered columns: the versions are read from its index alone.
      columns: ['valid_from', 'valid_to', 'status', 'probation_last_day', 'category', 'departed_on', 'departure_reason'],
    });
    // Every sanction is kept in the file once decided: the files as of the as-of date hold the window's sanctions.
    const files = await this.store.asOf(personFileModel, asOf, { where: { using_organ_id: organs }, ...known, columns: ['sanctions'] });
    const sanctions = files.flatMap((f) => (f['sanctions'] as Array<{ sanction: string; effectiveFrom: string }> | null) ?? []).filter((s) => s.effectiveFrom >= `${first.slice(0, 7)}-01`);
    const points = dates.map((date): HeadcountPoint => {
      const point: HeadcountPoint = { month: date.slice(0, 7), date, total: 0, inService: 0, byStatus: {}, byCategory: {}, departuresByReason: {}, sanctionsByKind: {} };
      for (const s of sanctions) {
        if (s.effectiveFrom >= `${date.slice(0, 7)}-01` && s.effectiveFrom <= date) point.sanctionsByKind[s.sanction] = (point.sanctionsByKind[s.sanction] ?? 0) + 1;
      }
      const monthStart = `${date.slice(0, 7)}-01`;
      for (const v of versions) {
        // As `asOf` reads a temporal model: valid_from <= date < valid_to.
        if ((v['valid_from'] as string) > date) break;
        if (date >= (v['valid_to'] as string)) continue;
        // Probation ends by the calendar, as the roster answers it (statusOn).
        const status = statusOn(v as { status: string; probation_last_day: string | null }, date);
        const category = v['category'] as string;
        point.total += 1;
        if (status !== 'DEPARTED') point.inService += 1;
        point.byStatus[status] = (point.byStatus[status] ?? 0) + 1;
        point.byCategory[category] = (point.byCategory[category] ?? 0) + 1;
        const departedOn = v['departed_on'] as string | null;
        if (status === 'DEPARTED' && departedOn !== null && departedOn >= monthStart && departedOn <= date) {
          const reason = (v['departure_reason'] as string | null) ?? 'UNKNOWN';
          point.departuresByReason[reason] = (point.departuresByReason[reason] ?? 0) + 1;
        }
      }
      return point;
    });
    return { asOfPosition, organId: p.organ, subtree, asOf, knownAt, points };
  }
}

/** The last day of each of `months` months, the as-of date's month last and ending on the as-of date itself. */
export function seriesDates(asOf: string, months: number): string[] {
  const [y, m] = [Number(asOf.slice(0, 4)), Number(asOf.slice(5, 7)) - 1];
  const dates: string[] = [];
  for (let back = months - 1; back >= 1; back--) {
    dates.push(new Date(Date.UTC(y, m - back + 1, 0)).toISOString().slice(0, 10));
  }
  dates.push(asOf);
  return dates;
}
