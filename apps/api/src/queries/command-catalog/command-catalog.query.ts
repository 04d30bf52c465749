import { Inject } from '@nestjs/common';
import { type IQueryHandler, QueryHandler } from '@nestjs/cqrs';
import { DECORATORS } from '@nestjs/swagger';
import {
  type Bilingual,
  type RuleSetRegistry,
  type RulesInForce,
  DUTIES,
  citedText,
  parameterOn,
  renderCitation,
  ruleSetInForce,
} from '@auxledger/statute';
import { COMMAND_ENDPOINTS } from '../../commands';
import { ROLES_KEY } from '../../auth/principal';
import { RULE_SETS } from '../../infrastructure/tokens';
import { DEPARTURE_REASON_LABELS } from '../catalog/labels';
import { QueryOpening } from '../shared/query-opening';
import { ReadQuery } from '../shared/read-query';
import { codeLabel } from './code-labels';
import { type CommandField, type EnumValue, fieldsOf } from './command-fields';
import type { CommandCatalogRequestDto } from './command-catalog.request.dto';
import { BILINGUAL, type Schema, boolean, codes, date, json, arrayOf, nullable, number, object, text } from '../../openapi/answer-schema';
import { RULE_SET } from '../catalog/catalog.query';

/** How an operator thinks of the commands: the workbench's form groups. */
export const COMMAND_GROUPS = {
  recruitment: { zh: '招聘', en: 'Recruitment' },
  onboarding: { zh: '入职', en: 'Onboarding' },
  duties: { zh: '岗位与工作', en: 'Duties' },
  'assessment-levels': { zh: '考核与层级', en: 'Assessment and levels' },
  'discipline-complaints': { zh: '奖惩与投诉', en: 'Discipline and complaints' },
  departure: { zh: '离职', en: 'Departure' },
  fines: { zh: '罚款', en: 'Fines' },
  'organs-admin': { zh: '机关与管理', en: 'Organs and administration' },
} as const satisfies Record<string, Bilingual>;
export type CommandGroup = keyof typeof COMMAND_GROUPS;

/** Each command type's group; a command endpoint without one fails the catalog's test. */
export const GROUP_OF: Readonly<Record<string, CommandGroup>> = {
  RegisterOrgan: 'organs-admin',
  SetQuota: 'organs-admin',
  DraftRecruitmentPlan: 'recruitment',
  ApproveRecruitmentPlan: 'recruitment',
  FileRecruitmentPlan: 'recruitment',
  AnnounceRecruitment: 'recruitment',
  RegisterApplication: 'recruitment',
  RegisterApplicant: 'recruitment',
  ReviewQualification: 'recruitment',
  RecordExamResults: 'recruitment',
  RecordMedicalExamination: 'recruitment',
  RecordInspection: 'recruitment',
  CompletePublicNotice: 'recruitment',
  FailRecruitmentStage: 'recruitment',
  RecordRanking: 'recruitment',
  CloseRecruitmentPlan: 'recruitment',
  Hire: 'onboarding',
  RecordExistingService: 'onboarding',
  CompleteProbation: 'onboarding',
  RenewContract: 'onboarding',
  EnrolInsurance: 'onboarding',
  RecordHealthCheck: 'onboarding',
  RecordTraining: 'onboarding',
  IssueCredential: 'onboarding',
  RecoverCredential: 'departure',
  AssignDuty: 'duties',
  EndDuty: 'duties',
  RecordQualification: 'duties',
  RecordInjury: 'duties',
  RecordAssessment: 'assessment-levels',
  AdjustPay: 'assessment-levels',
  Promote: 'assessment-levels',
  Demote: 'assessment-levels',
  Commend: 'discipline-complaints',
  Discipline: 'discipline-complaints',
  Suspend: 'discipline-complaints',
  Reinstate: 'discipline-complaints',
  CorrectRetroactiveConflict: 'discipline-complaints',
  DecideRecusal: 'discipline-complaints',
  ReceiveComplaint: 'discipline-complaints',
  HandleComplaint: 'discipline-complaints',
  TellComplainant: 'discipline-complaints',
  PayCompensation: 'discipline-complaints',
  OrderCompensationRecovery: 'discipline-complaints',
  SettleCompensation: 'discipline-complaints',
  Terminate: 'departure',
  ImposeFine: 'fines',
  RecordFinePayment: 'fines',
  RevokeFine: 'fines',
  ShredPersonalData: 'organs-admin',
};

export interface CatalogCommand {
  commandType: string;
  operationId: string;
  method: 'POST';
  path: string;
  group: CommandGroup | null;
  roles: string[];
  title: Bilingual;
  description: string;
  dryRun: boolean;
  fields: CommandField[];
  /** The parameters in force that this command's rules read, with their source and default flag. */
  parameters: Array<{ key: string; description: Bilingual | null; value: unknown; source: string; isDefault: boolean }>;
}

export interface CommandCatalogAnswer {
  asOf: string;
  ruleSet: { id: string; title: Bilingual } | null;
  groups: Array<{ id: CommandGroup; title: Bilingual }>;
  commands: CatalogCommand[];
}

const FIELD_TYPES = ['string', 'integer', 'number', 'boolean', 'date', 'enum', 'object', 'array'] as const;

/** A form field (CommandField): nested objects' fields and arrays' items to `depth` levels. */
function fieldSchema(depth: number, named = true): Schema {
  const nested: Record<string, Schema> = depth > 0 ? { fields: arrayOf(fieldSchema(depth - 1), 'object: its fields'), items: fieldSchema(depth - 1, false) } : {};
  return object(
    {
      ...(named ? { name: text('The body member'), required: boolean() } : {}),
      type: codes(FIELD_TYPES),
      nullable: boolean(),
      description: text(),
      example: json(),
      pattern: text(),
      maxLength: number(),
      minimum: number(),
      maximum: number(),
      enum: arrayOf(
        { type: 'object', required: ['value'], properties: { value: text('The code'), label: BILINGUAL }, additionalProperties: true, description: 'A code with its words (duties: their article, text and needs)' },
        'enum: the allowed codes, labelled',
      ),
      ...nested,
    },
    { optional: ['nullable', 'description', 'example', 'pattern', 'maxLength', 'minimum', 'maximum', 'enum', 'fields', 'items'] },
  );
}

/** CommandCatalogAnswer as the OpenAPI document gives it. */
export const COMMAND_CATALOG_ANSWER = object(
  {
    asOf: date('The date whose parameters are in force'),
    ruleSet: RULE_SET,
    groups: arrayOf(object({ id: codes(Object.keys(COMMAND_GROUPS)), title: BILINGUAL }), 'The form groups, in order'),
    commands: arrayOf(
      object({
        commandType: text('指令 The command type (Hire …)'),
        operationId: text(),
        method: codes(['POST']),
        path: text('/api/commands/<kebab type>'),
        group: nullable(codes(Object.keys(COMMAND_GROUPS))),
        roles: arrayOf(text(), 'Roles that may send it'),
        title: BILINGUAL,
        description: text('The articles applied, and what is written'),
        dryRun: boolean('Whether ?dryRun=true is served'),
        fields: arrayOf(fieldSchema(4), 'The body’s fields, from the request DTO'),
        parameters: arrayOf(
          object({ key: text('参数 The parameter (pay.standards …)'), description: nullable(BILINGUAL), value: json('Its value in force'), source: text('Where it is set'), isDefault: boolean('The statute’s default, not a local measure') }),
          'The parameters in force that its rules read',
        ),
      }),
      '指令目录 Every command endpoint',
    ),
  },
  { title: 'CommandCatalogAnswer' },
);

export class GetCommandCatalog extends ReadQuery<CommandCatalogRequestDto, CommandCatalogAnswer> {}

/** The parameters a command's form shows (Art. 27 pay standard, Art. 34 sanctions and their periods …). */
const PARAMETERS_OF: Readonly<Record<string, readonly string[]>> = {
  Hire: ['pay.standards', 'levels'],
  RecordExistingService: ['levels'],
  AdjustPay: ['pay.standards', 'levels'],
  Promote: ['pay.standards', 'levels'],
  Demote: ['pay.standards', 'levels'],
  RenewContract: ['pay.standards'],
  AssignDuty: ['insurance.highRiskDuties'],
  Discipline: ['discipline.sanctions'],
  RecordAssessment: ['assessment.grades'],
};

/** Splits `聘用 Hire an auxiliary` into its Chinese and English halves. */
export function bilingualSummary(summary: string): Bilingual {
  const at = summary.search(/\s[A-Za-z]/);
  return at < 0 ? { zh: summary, en: summary } : { zh: summary.slice(0, at).trim(), en: summary.slice(at + 1).trim() };
}

/**
 * The command endpoints described for forms: generated from each endpoint's
 * route metadata (path, roles, summary) and its request DTO's OpenAPI
 * metadata (the same decorators the ValidationPipe checks), with the codes
 * labelled from the statute library and the parameters in force.
 */
@QueryHandler(GetCommandCatalog)
export class GetCommandCatalogHandler implements IQueryHandler<GetCommandCatalog> {
  constructor(
    private readonly opening: QueryOpening,
    @Inject(RULE_SETS) private readonly registry: RuleSetRegistry<RulesInForce>,
  ) {}

  async execute({ params: p }: GetCommandCatalog): Promise<CommandCatalogAnswer> {
    const { asOf } = this.opening.defaults(p);
    const ruleSet = ruleSetInForce(this.registry, asOf) ?? null;
    const param = <T = unknown>(key: string) => (ruleSet ? parameterOn(ruleSet.parameters as never, key as never, asOf) : null) as { key: string; value: T; source: string; isDefault: boolean } | null;
    const highRisk = new Set((param<string[]>('insurance.highRiskDuties')?.value ?? []) as string[]);
    const sanctions = (param<Array<{ code: string; zh: string; en: string }>>('discipline.sanctions')?.value ?? []) as Array<{ code: string; zh: string; en: string } & Record<string, unknown>>;
    const grades = (param<string[]>('assessment.grades')?.value ?? []) as string[];
    const levels = (param<Array<{ code: string; zh: string }>>('levels')?.value ?? []) as Array<{ code: string; zh: string }>;

    const duties: EnumValue[] = DUTIES.map((d) => ({
      value: d.code,
      label: d.title,
      citation: renderCitation(d.citation),
      citedText: citedText(d.citation),
      dutyCategory: d.category,
      auxiliaryCategory: d.auxiliaryCategory,
      needsLeadingOfficer: d.category === 'ENFORCEMENT_ASSIST',
      needsQualification: d.qualification ?? null,
      needsInsurance: highRisk.has(d.code),
      needsNationalBasis: d.needsNationalBasis,
      forbidden: d.category === 'FORBIDDEN',
    }));
    const label = (f: CommandField, values: EnumValue[]): CommandField => ({ ...f, type: 'enum', enum: values, pattern: undefined, maxLength: undefined } as CommandField);
    const decorate = (commandType: string, f: CommandField): CommandField => {
      if (f.name === 'dutyCodes' && f.items) return { ...f, items: { ...f.items, type: 'enum', enum: duties } };
      if (commandType === 'Discipline' && f.name === 'sanction' && sanctions.length > 0) return clean(label(f, sanctions.map(({ code, zh, en, ...rest }) => ({ value: code, label: { zh, en }, ...rest }))));
      if (commandType === 'RecordAssessment' && f.name === 'grade' && grades.length > 0) return clean(label(f, grades.map((g) => ({ value: g, label: { zh: g, en: g } }))));
      if (['toLevel', 'level'].includes(f.name) && f.type === 'string' && levels.length > 0) return clean(label(f, levels.map((l) => ({ value: l.code, label: { zh: l.zh, en: l.code } }))));
      if (f.type === 'enum' && f.enum && commandType === 'Terminate' && f.name === 'reason') {
        return { ...f, enum: f.enum.map((v) => ({ ...v, label: DEPARTURE_REASON_LABELS[v.value as keyof typeof DEPARTURE_REASON_LABELS] })) };
      }
      if (f.fields) return { ...f, fields: f.fields.map((g) => decorate(commandType, g)) };
      if (f.items?.fields) return { ...f, items: { ...f.items, fields: f.items.fields.map((g) => decorate(commandType, g)) } };
      return f;
    };

    const commands = COMMAND_ENDPOINTS.map((e): CatalogCommand => {
      const send = (e.controller.prototype as Record<string, unknown>)['send'] as object;
      const op = (Reflect.getMetadata(DECORATORS.API_OPERATION, send) ?? {}) as { summary?: string; description?: string };
      const roles = (Reflect.getMetadata(ROLES_KEY, send) ?? Reflect.getMetadata(ROLES_KEY, e.controller) ?? []) as string[];
      return {
        commandType: e.commandType,
        operationId: e.operationId,
        method: 'POST',
        path: `/api/commands/${e.path}`,
        group: GROUP_OF[e.commandType] ?? null,
        roles: [...roles],
        title: bilingualSummary(op.summary ?? e.commandType),
        description: op.description ?? '',
        // The identity endpoint seals an identity before the command is built: no dry run there yet.
        dryRun: true,
        fields: fieldsOf(e.dto).map((f) => labelled(decorate(e.commandType, f))),
        parameters: (PARAMETERS_OF[e.commandType] ?? []).flatMap((key) => {
          const r = param(key);
          if (!r) return [];
          const description = ((ruleSet?.parameters as Record<string, { description?: Bilingual }> | undefined)?.[key]?.description ?? null) as Bilingual | null;
          return [{ key, description, value: r.value, source: r.source, isDefault: r.isDefault }];
        }),
      };
    });
    return {
      asOf,
      ruleSet: ruleSet ? { id: ruleSet.id, title: ruleSet.title } : null,
      groups: (Object.keys(COMMAND_GROUPS) as CommandGroup[]).map((id) => ({ id, title: COMMAND_GROUPS[id] })),
      commands,
    };
  }
}

const clean = (f: CommandField): CommandField => Object.fromEntries(Object.entries(f).filter(([, v]) => v !== undefined)) as unknown as CommandField;

/** Every code of a field in words: the statute library's labels where it gave them, else the command catalog's (code-labels.ts). */
function labelled(f: CommandField): CommandField {
  const words = (values: EnumValue[]): EnumValue[] => values.map((v) => (v.label ? v : { ...v, ...(codeLabel(f.name, v.value) ? { label: codeLabel(f.name, v.value) } : {}) }));
  return {
    ...f,
    ...(f.enum ? { enum: words(f.enum) } : {}),
    ...(f.fields ? { fields: f.fields.map(labelled) } : {}),
    ...(f.items ? { items: { ...f.items, ...(f.items.enum ? { enum: words(f.items.enum) } : {}), ...(f.items.fields ? { fields: f.items.fields.map((g) => labelled(g as CommandField)) } : {}) } } : {}),
  };
}
