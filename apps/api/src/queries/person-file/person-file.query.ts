import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@auxledger/application';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { type PersonFile, personFile, personFileModel, personTimeline } from '@auxledger/read-models';
import { ReadAccess } from '../../access/read-access';
import type { Principal } from '../../auth/principal';
import { AppError } from '../../errors/app-error';
import { CLOCK, READ_MODEL_STORE } from '../../infrastructure/tokens';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { PersonFileRequestDto } from './person-file.request.dto';
import { IdentityService, type ShownPerson } from '../../identity/identity.service';
import { AS_OF_POSITION, SHOWN_PERSON, date, instant, arrayOf, nullable, object, rowOf, text } from '../../openapi/answer-schema';

export interface PersonFileAnswer extends Positioned, PersonFile {
  auxiliaryId: string;
  asOf: string;
  knownAt: string | null;
  /** Who the auxiliary is (name, ID number masked), joined from the identity store and the read recorded; null when no identity was registered under the person key. */
  person: ShownPerson | null;
}

/** PersonFileAnswer as the OpenAPI document gives it. */
export const PERSON_FILE_ANSWER = object(
  {
    asOfPosition: AS_OF_POSITION,
    auxiliaryId: text('辅警编号 The auxiliary'),
    asOf: date('有效日期 The effective date answered for'),
    knownAt: nullable(instant('As known at this instant; null: as known now')),
    state: rowOf(personFileModel, {
      notNull: ['person_key', 'using_organ_id', 'category', 'status', 'level', 'hired_on'],
      description: '档案 The record as of the date: a `person_file` row (docs/read-models.md) with its valid and known time. No ID number, medical detail or background finding.',
    }),
    timeline: arrayOf(rowOf(personTimeline, { notNull: ['event_type', 'summary_zh', 'summary_en', 'actor_id', 'command_id'], description: '时间线 One event of the auxiliary: what, who recorded it, under which rule revision' }), 'Every event effective on or before the date, in effective-date order'),
    person: SHOWN_PERSON,
  },
  { title: 'PersonFileAnswer' },
);

export class GetPersonFile extends ReadQuery<PersonFileRequestDto & { auxiliaryId: string }, PersonFileAnswer> {}

/**
 * 档案: one auxiliary's record as of a date and its timeline. 404 when there
 * is none on that date; to an operator, 403 both when there is none and when
 * the organ holding it on that date is outside its subtrees.
 */
@QueryHandler(GetPersonFile)
export class GetPersonFileHandler implements IQueryHandler<GetPersonFile> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly opening: QueryOpening,
    private readonly access: ReadAccess,
    private readonly identity: IdentityService,
  ) {}

  async execute({ params: p, principal }: GetPersonFile): Promise<PersonFileAnswer> {
    const { asOfPosition, asOf, knownAt, known } = await this.opening.open(p);
    const file = await personFile(this.store, p.auxiliaryId, { asOf, ...known });
    // An operator learns nothing of a file it may not read, not even whether there is one: no file and another organ's file answer alike (403).
    if (principal.role === 'operator' && !(file.state && (await this.access.mayRead(principal, file.state.using_organ_id)))) {
      throw personOutOfScope(principal, p.auxiliaryId, asOf);
    }
    if (!file.state) {
      throw new AppError(
        'NOT_FOUND',
        'PERSON_NOT_FOUND',
        { zh: `${asOf} 无辅警 ${p.auxiliaryId} 的档案`, en: `No file of auxiliary ${p.auxiliaryId} as of ${asOf}` },
        { auxiliaryId: p.auxiliaryId, asOf },
      );
    }
    const person = await this.identity.shownPerson(file.state.person_key, principal, principal.role === 'operator' ? file.state.using_organ_id : null, this.clock.now());
    // After the person's data key is shredded (ADR 0006) their sealed medical details are gone too: the timeline says so.
    const timeline = person?.status === 'SHREDDED' ? file.timeline.map((e) => (e.event_type === 'InjuryMedicalDetailsRecorded' ? { ...e, summary_zh: MEDICAL_SHREDDED.zh, summary_en: MEDICAL_SHREDDED.en } : e)) : file.timeline;
    return { asOfPosition, auxiliaryId: p.auxiliaryId, asOf, knownAt, ...file, timeline, person };
  }
}

const MEDICAL_SHREDDED = { zh: '医疗详情已销毁（数据密钥已按保存期限销毁）', en: 'Medical details shredded (the data key was erased)' } as const;

function personOutOfScope(principal: Principal, auxiliaryId: string, asOf: string): AppError {
  return new AppError(
    'FORBIDDEN',
    'ORGAN_OUT_OF_SCOPE',
    { zh: `无权查看辅警 ${auxiliaryId} 在 ${asOf} 的档案：不在授权机关范围内或无此档案`, en: `No file of auxiliary ${auxiliaryId} as of ${asOf} within the organs this key may read` },
    { auxiliaryId, asOf, grantedOrganIds: principal.organIds },
  );
}
