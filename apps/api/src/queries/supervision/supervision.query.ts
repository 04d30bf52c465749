import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { Clock } from '@auxledger/application';
import { type Finding, type ReadModelStore, organHierarchy, supervisionFindings } from '@auxledger/projections';
import type { RuleSetRegistry, Rules2024 } from '@auxledger/statute';
import { ReadAccess } from '../../access/read-access';
import { AppError } from '../../errors/app-error';
import { CLOCK, READ_MODEL_STORE, RULE_SETS } from '../../infrastructure/tokens';
import { ReadPosition } from '../../projection/read-position';
import { flag, list } from '../shared/query-fields';
import { todayInShanghai } from '../../time/today-in-shanghai';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { SupervisionRequestDto } from './supervision.request.dto';

export interface SupervisionCounts {
  total: number;
  byKind: Record<string, number>;
  byOrgan: Record<string, number>;
}

/** The findings with their citations; a viewer's answer has the counts only. */
export interface SupervisionAnswer extends Positioned {
  organId: string;
  subtree: boolean;
  asOf: string;
  counts: SupervisionCounts;
  findings?: Finding[];
}

export class GetSupervisionFindings extends ReadQuery<SupervisionRequestDto, SupervisionAnswer> {}

/**
 * 监督 (Arts. 28, 35–42, 18): what the record shows overdue or open on a
 * date, each finding with its citation — judged by the rule set in force on
 * that date with this deployment's local parameters.
 */
@QueryHandler(GetSupervisionFindings)
export class GetSupervisionFindingsHandler implements IQueryHandler<GetSupervisionFindings> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<Rules2024>,
    private readonly position: ReadPosition,
    private readonly access: ReadAccess,
  ) {}

  async execute({ params: p, principal }: GetSupervisionFindings): Promise<SupervisionAnswer> {
    const asOfPosition = await this.position.atLeast(p.minPosition);
    // A viewer sees counts only, so it may see them for any organ; findings name auxiliaries.
    if (principal.role !== 'viewer') await this.access.requireOrgan(principal, p.organ);
    if ((await this.store.get(organHierarchy, p.organ)) === null) {
      throw new AppError('NOT_FOUND', 'ORGAN_NOT_FOUND', { zh: `没有机关 ${p.organ}`, en: `No organ ${p.organ}` }, { organId: p.organ });
    }
    const subtree = flag(p.subtree, true);
    const asOf = p.asOf ?? todayInShanghai(this.clock);
    const kinds = list(p.kind);
    const findings = (await supervisionFindings(this.store, { organId: p.organ, asOf, includeSubtree: subtree, registry: this.registry })).filter(
      (f) => kinds === undefined || kinds.includes(f.kind),
    );
    const counts: SupervisionCounts = { total: findings.length, byKind: {}, byOrgan: {} };
    for (const f of findings) {
      counts.byKind[f.kind] = (counts.byKind[f.kind] ?? 0) + 1;
      counts.byOrgan[f.organId] = (counts.byOrgan[f.organId] ?? 0) + 1;
    }
    const answer: SupervisionAnswer = { asOfPosition, organId: p.organ, subtree, asOf, counts };
    return principal.role === 'viewer' ? answer : { ...answer, findings };
  }
}
