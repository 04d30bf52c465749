import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import type { ReadModelStore } from '@auxledger/projection-engine';
import { type FindingKind, rosterStatusesOf, supervisionFindings } from '@auxledger/read-models';
import type { RuleSetRegistry, RulesInForce } from '@auxledger/statute';
import { ReadAccess } from '../../access/read-access';
import { READ_MODEL_STORE, RULE_SETS } from '../../infrastructure/tokens';
import { flag } from '../shared/query-fields';
import { QueryOpening } from '../shared/query-opening';
import { type Positioned, ReadQuery } from '../shared/read-query';
import type { ComplianceRequestDto } from './compliance.request.dto';
import { AS_OF_POSITION, boolean, codes, date, integer, arrayOf, nullable, number, object, text } from '../../openapi/answer-schema';

/** Each rate: of whom (those in service, or those who left), and the finding that makes a person not compliant. */
export const COMPLIANCE_MEASURES: ReadonlyArray<{ kind: FindingKind; population: 'IN_SERVICE' | 'DEPARTED' }> = [
  { kind: 'PRE_JOB_TRAINING_MISSING', population: 'IN_SERVICE' }, // Art. 35 ¶2
  { kind: 'ANNUAL_TRAINING_MISSING', population: 'IN_SERVICE' }, // Art. 35
  { kind: 'INSURANCE_MISSING', population: 'IN_SERVICE' }, // Art. 28
  { kind: 'HEALTH_CHECK_OVERDUE', population: 'IN_SERVICE' }, // Art. 28 ¶3
  { kind: 'ASSESSMENT_OVERDUE', population: 'IN_SERVICE' }, // Art. 36
  { kind: 'CREDENTIALS_NOT_RECOVERED', population: 'DEPARTED' }, // Art. 37 ¶3
];

export interface ComplianceRate {
  kind: FindingKind;
  population: 'IN_SERVICE' | 'DEPARTED';
  /** People in the population on the date. */
  people: number;
  /** Of them, those with at least one finding of the kind. */
  withFinding: number;
  compliant: number;
  /** compliant / people, 0–1 with four decimals; null for an empty population. */
  rate: number | null;
}

export interface ComplianceAnswer extends Positioned {
  organId: string;
  subtree: boolean;
  asOf: string;
  inService: number;
  departed: number;
  rates: ComplianceRate[];
}

/** ComplianceAnswer as the OpenAPI document gives it. */
export const COMPLIANCE_ANSWER = object(
  {
    asOfPosition: AS_OF_POSITION,
    organId: text('机关 The organ asked about'),
    subtree: boolean('With the organs under it'),
    asOf: date('有效日期 The effective date answered for'),
    inService: integer('在岗 Auxiliaries in service on the date'),
    departed: integer('离职 Auxiliaries who left'),
    rates: arrayOf(
      object({
        kind: codes(
          COMPLIANCE_MEASURES.map((m) => m.kind),
          'The finding that makes a person not compliant',
        ),
        population: codes(['IN_SERVICE', 'DEPARTED'], 'Of whom: those in service, or those who left'),
        people: integer('People in the population on the date'),
        withFinding: integer('Of them, those with at least one finding of the kind'),
        compliant: integer('合规 The others'),
        rate: nullable(number('合规率 compliant / people, 0–1 with four decimals; null for an empty population')),
      }),
      '合规率 One rate per measure',
    ),
  },
  { title: 'ComplianceAnswer' },
);

export class GetCompliance extends ReadQuery<ComplianceRequestDto, ComplianceAnswer> {}

/**
 * 合规率: of the auxiliaries in service on the date, the share with pre-job
 * and annual training, insurance, a health check and an assessment in time;
 * of those who left, the share whose credentials are all recovered — each
 * person counted once, whatever the number of their findings. From the
 * roster and the supervision findings as of the date. Counts only: every
 * role; operators: their organs.
 */
@QueryHandler(GetCompliance)
export class GetComplianceHandler implements IQueryHandler<GetCompliance> {
  constructor(
    @Inject(READ_MODEL_STORE) private readonly store: ReadModelStore,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<RulesInForce>,
    private readonly opening: QueryOpening,
    private readonly access: ReadAccess,
  ) {}

  async execute({ params: p, principal }: GetCompliance): Promise<ComplianceAnswer> {
    const { asOfPosition, asOf } = await this.opening.open(p);
    await this.access.requireOrgan(principal, p.organ);
    const subtree = flag(p.subtree, true);
    const [roster, findings] = await Promise.all([
      rosterStatusesOf(this.store, p.organ, { asOf, includeSubtree: subtree }),
      supervisionFindings(this.store, { organId: p.organ, asOf, includeSubtree: subtree, registry: this.registry }),
    ]);
    const populations = {
      IN_SERVICE: new Set(roster.filter((r) => r.status !== 'DEPARTED').map((r) => r.auxiliary_id)),
      DEPARTED: new Set(roster.filter((r) => r.status === 'DEPARTED').map((r) => r.auxiliary_id)),
    };
    const rates = COMPLIANCE_MEASURES.map(({ kind, population }): ComplianceRate => {
      const of = populations[population];
      const withFinding = new Set(findings.filter((f) => f.kind === kind && f.subject.kind === 'auxiliary' && of.has(f.subject.id)).map((f) => f.subject.id)).size;
      const compliant = of.size - withFinding;
      return { kind, population, people: of.size, withFinding, compliant, rate: of.size === 0 ? null : Math.round((compliant / of.size) * 10_000) / 10_000 };
    });
    return { asOfPosition, organId: p.organ, subtree, asOf, inService: populations.IN_SERVICE.size, departed: populations.DEPARTED.size, rates };
  }
}
