import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import {
  type Bilingual,
  type RenderedCitation,
  type RuleSetRegistry,
  type RulesInForce,
  DUTIES,
  RULES_2024,
  citedText,
  parameterOn,
  renderCitation,
  ruleSetInForce,
} from '@auxledger/statute';
import { RULE_SETS } from '../../infrastructure/tokens';
import { QueryOpening } from '../shared/query-opening';
import { ReadQuery } from '../shared/read-query';
import type { CatalogRequestDto } from './catalog.request.dto';
import { BILINGUAL, RENDERED_CITATION, date, nullable, object, record, text } from '../../openapi/answer-schema';
import {
  CATEGORY_LABELS,
  APPLICATION_STAGE_LABELS,
  DEPARTURE_REASON_LABELS,
  FINDING_KIND_DEFINITIONS,
  ORGAN_KIND_LABELS,
  ORGAN_LEVEL_LABELS,
  PLAN_STATUS_LABELS,
  ROSTER_STATUS_LABELS,
} from './labels';

/** A finding kind as the catalog tells it: words, the rule (if any) with its title, the clause cited and its text (zh, the authority). */
export interface CatalogFindingKind {
  label: Bilingual;
  ruleId: string | null;
  ruleTitle: Bilingual | null;
  citation: RenderedCitation;
  /** The cited clause's text in the regulation (Chinese), or null where the statute text has none. */
  citedText: string | null;
}

export interface CatalogAnswer {
  asOf: string;
  /** The rule set whose levels the answer names. */
  ruleSet: { id: string; title: Bilingual } | null;
  /** code → { zh, en }, one table per kind of code the read models answer with. */
  labels: {
    rosterStatus: Record<string, Bilingual>;
    category: Record<string, Bilingual>;
    level: Record<string, Bilingual>;
    organLevel: Record<string, Bilingual>;
    organKind: Record<string, Bilingual>;
    departureReason: Record<string, Bilingual>;
    planStatus: Record<string, Bilingual>;
    duty: Record<string, Bilingual>;
    /** The sanctions of the `discipline.sanctions` parameter in force on the date (a local measure, Art. 34 ¶1). */
    sanction: Record<string, Bilingual>;
    /** Art. 20: an application's stage (GET /api/applications). */
    applicationStage: Record<string, Bilingual>;
  };
  findingKinds: Record<string, CatalogFindingKind>;
}

const labels = (description: string) => record(BILINGUAL, description);

/** The rule set an answer names: `{ id, title: { zh, en } }`, or null before any rule set was in force. */
export const RULE_SET = nullable(object({ id: text('规则集 The rule set (nmg-2024 …)'), title: BILINGUAL }, { description: 'The rule set in force on the date' }));

/** CatalogAnswer as the OpenAPI document gives it. */
export const CATALOG_ANSWER = object(
  {
    asOf: date('The date whose levels and sanctions (local parameters) are named'),
    ruleSet: RULE_SET,
    labels: object(
      {
        rosterStatus: labels('在岗状态 Roster status'),
        category: labels('类别 Category'),
        level: labels('层级 Level (the levels parameter in force)'),
        organLevel: labels('机关层级 Organ level'),
        organKind: labels('机关类别 Organ kind (Art. 46)'),
        departureReason: labels('离职原因 Departure reason (Art. 40)'),
        planStatus: labels('招聘计划状态 Plan state (Arts. 18–19)'),
        duty: labels('岗位 Duty (Arts. 12–16)'),
        sanction: labels('处分 Sanction (the discipline.sanctions parameter in force, Art. 34 ¶1)'),
        applicationStage: labels('报名阶段 Application stage (Art. 20)'),
      },
      { description: 'code → { zh, en }, one table per kind of code the read models answer with' },
    ),
    findingKinds: record(
      object({
        label: BILINGUAL,
        ruleId: nullable(text('The statute rule, if any')),
        ruleTitle: nullable(BILINGUAL),
        citation: RENDERED_CITATION,
        citedText: nullable(text('The cited clause’s text in the regulation (Chinese); null where the statute text has none')),
      }),
      '监督问题类别 Each supervision finding kind with its rule, citation and cited text',
    ),
  },
  { title: 'CatalogAnswer' },
);

export class GetCatalog extends ReadQuery<CatalogRequestDto, CatalogAnswer> {}

/**
 * 代码表: the words for every code the read models answer with (statuses,
 * categories, levels, organ levels and kinds, departure reasons, plan
 * states, duties, sanctions, finding kinds with their articles), in Chinese and
 * English. From the statute library and the label tables beside this file;
 * no read model is touched, so no position is waited for.
 */
@QueryHandler(GetCatalog)
export class GetCatalogHandler implements IQueryHandler<GetCatalog> {
  constructor(
    private readonly opening: QueryOpening,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<RulesInForce>,
  ) {}

  async execute({ params: p }: GetCatalog): Promise<CatalogAnswer> {
    const { asOf } = this.opening.defaults(p);
    const ruleSet = ruleSetInForce(this.registry, asOf);
    const levels = ruleSet ? (parameterOn(ruleSet.parameters, 'levels', asOf)?.value ?? []) : [];
    const sanctions = ruleSet ? (parameterOn(ruleSet.parameters, 'discipline.sanctions', asOf)?.value ?? []) : [];
    const findingKinds: Record<string, CatalogFindingKind> = {};
    for (const [kind, d] of Object.entries(FINDING_KIND_DEFINITIONS)) {
      findingKinds[kind] = {
        label: d.label,
        ruleId: d.ruleId,
        ruleTitle: d.ruleId ? RULES_2024[d.ruleId].title : null,
        citation: renderCitation(d.citation),
        citedText: citedText(d.citation),
      };
    }
    return {
      asOf,
      ruleSet: ruleSet ? { id: ruleSet.id, title: ruleSet.title } : null,
      labels: {
        rosterStatus: { ...ROSTER_STATUS_LABELS },
        category: { ...CATEGORY_LABELS },
        // The levels parameter names them in Chinese only; in English the code is the name (L1 … L6).
        level: Object.fromEntries(levels.map((l) => [l.code, { zh: l.zh, en: l.code }])),
        organLevel: { ...ORGAN_LEVEL_LABELS },
        organKind: { ...ORGAN_KIND_LABELS },
        departureReason: { ...DEPARTURE_REASON_LABELS },
        planStatus: { ...PLAN_STATUS_LABELS },
        duty: Object.fromEntries(DUTIES.map((d) => [d.code, d.title])),
        sanction: Object.fromEntries(sanctions.map((x) => [x.code, { zh: x.zh, en: x.en }])),
        applicationStage: { ...APPLICATION_STAGE_LABELS },
      },
      findingKinds,
    };
  }
}
