import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { type OrganHierarchyRow, organHierarchy, organSubtree } from '@auxledger/read-models';
import { AppError } from '../../errors/app-error';
import { READ_MODEL_STORE } from '../../infrastructure/tokens';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { OrgansRequestDto } from './organs.request.dto';
import { AS_OF_POSITION, arrayOf, object, rowOf } from '../../openapi/answer-schema';

export interface OrgansAnswer extends Positioned {
  /** In path order: each organ after its parent. */
  organs: OrganHierarchyRow[];
}

/** OrgansAnswer as the OpenAPI document gives it. */
export const ORGANS_ANSWER = object(
  {
    asOfPosition: AS_OF_POSITION,
    organs: arrayOf(
      rowOf(organHierarchy, { notNull: ['level', 'kind', 'name', 'path', 'depth', 'registered_on'], description: '机关 An organ with its parent, level, kind (Art. 46), path and ancestors — an `organ_hierarchy` row' }),
      'In path order: each organ after its parent',
    ),
  },
  { title: 'OrgansAnswer' },
);

export class GetOrgans extends ReadQuery<OrgansRequestDto, OrgansAnswer> {}

/** The organ tree (organs never move, so it has no as-of). Every role. */
@QueryHandler(GetOrgans)
export class GetOrgansHandler implements IQueryHandler<GetOrgans> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    private readonly opening: QueryOpening,
  ) {}

  async execute({ params: p }: GetOrgans): Promise<OrgansAnswer> {
    const { asOfPosition } = await this.opening.open(p);
    if (p.root === undefined) {
      return { asOfPosition, organs: (await this.store.list(organHierarchy, { orderBy: ['path'] })) as OrganHierarchyRow[] };
    }
    const organs = await organSubtree(this.store, p.root);
    if (organs.length === 0) {
      throw new AppError('NOT_FOUND', 'ORGAN_NOT_FOUND', { zh: `没有机关 ${p.root}`, en: `No organ ${p.root}` }, { organId: p.root });
    }
    return { asOfPosition, organs };
  }
}
