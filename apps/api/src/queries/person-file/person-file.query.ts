import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@auxledger/application';
import { type PersonFile, type ReadModelStore, personFile } from '@auxledger/projections';
import { ReadAccess } from '../../access/read-access';
import { AppError } from '../../errors/app-error';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { ReadPosition } from '../../projection/read-position';
import { normalInstant } from '../shared/query-fields';
import { todayInShanghai } from '../../time/today-in-shanghai';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { PersonFileRequestDto } from './person-file.request.dto';

export interface PersonFileAnswer extends Positioned, PersonFile {
  auxiliaryId: string;
  asOf: string;
  knownAt: string | null;
}

export class GetPersonFile extends ReadQuery<PersonFileRequestDto & { auxiliaryId: string }, PersonFileAnswer> {}

/** 档案: one auxiliary's record as of a date and its timeline. 404 when there is none on that date. */
@QueryHandler(GetPersonFile)
export class GetPersonFileHandler implements IQueryHandler<GetPersonFile> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly position: ReadPosition,
    private readonly access: ReadAccess,
  ) {}

  async execute({ params: p, principal }: GetPersonFile): Promise<PersonFileAnswer> {
    const asOfPosition = await this.position.atLeast(p.minPosition);
    const asOf = p.asOf ?? todayInShanghai(this.clock);
    const knownAt = p.knownAt ? normalInstant(p.knownAt) : null;
    const file = await personFile(this.store, p.auxiliaryId, { asOf, ...(knownAt ? { knownAt } : {}) });
    if (!file.state) {
      throw new AppError(
        'NOT_FOUND',
        'PERSON_NOT_FOUND',
        { zh: `${asOf} 无辅警 ${p.auxiliaryId} 的档案`, en: `No file of auxiliary ${p.auxiliaryId} as of ${asOf}` },
        { auxiliaryId: p.auxiliaryId, asOf },
      );
    }
    // The organ that holds the file on the date asked decides who may read it.
    await this.access.requireOrgan(principal, file.state.using_organ_id);
    return { asOfPosition, auxiliaryId: p.auxiliaryId, asOf, knownAt, ...file };
  }
}
