import { Inject, Injectable } from '@nestjs/common';
import type { Clock } from '@auxledger/application';
import { CLOCK } from '../../infrastructure/tokens';
import { ReadPosition } from '../../projection/read-position';
import { todayInShanghai } from '../../time/today-in-shanghai';
import { DEFAULT_PAGE, normalInstant } from './query-fields';

/** The parameters the opening reads; a query's DTO has those it takes (ReadQueryDto, PagedQueryDto, AsOfParam, KnownAtParam). */
export interface OpeningParams {
  minPosition?: number;
  asOf?: string;
  knownAt?: string;
  limit?: number;
  cursor?: string;
}

/** What every read of the read models starts from. */
export interface Opened {
  /** The read models hold at least every event up to here (after the `minPosition` wait). */
  asOfPosition: number;
  /** The effective date: `asOf`, default today in Asia/Shanghai (as for commands). */
  asOf: string;
  /** `knownAt` as the read models store instants (ISO-8601 UTC, milliseconds); null: as known now. */
  knownAt: string | null;
  /** `{ knownAt }` to spread into a read-model query's options, or nothing. */
  known: { knownAt?: string };
  /** The page: `limit` (default 100) entries after `cursor`. */
  limit: number;
  cursor: string | undefined;
}

/**
 * The one opening of every query, in one place: wait for `minPosition`
 * (read-your-writes; 409 PROJECTION_BEHIND, 400 MIN_POSITION_BEYOND_LOG),
 * then the default `asOf`, `knownAt` normalised, and the page. A handler
 * calls it first, before its access checks, as every query always has.
 */
@Injectable()
export class QueryOpening {
  constructor(
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly position: ReadPosition,
  ) {}

  /** For a read of the read models: the wait first, then the defaults. */
  async open(p: OpeningParams): Promise<Opened> {
    const asOfPosition = await this.position.atLeast(p.minPosition);
    return { asOfPosition, ...this.defaults(p) };
  }

  /** For a read of no read model (the catalogs, a stream read from the log): the defaults alone, nothing to wait for. */
  defaults(p: OpeningParams): Omit<Opened, 'asOfPosition'> {
    const knownAt = p.knownAt ? normalInstant(p.knownAt) : null;
    return { asOf: p.asOf ?? todayInShanghai(this.clock), knownAt, known: knownAt ? { knownAt } : {}, limit: p.limit ?? DEFAULT_PAGE, cursor: p.cursor };
  }
}
