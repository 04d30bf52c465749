import { nmg } from '../citation';
import { addDays, addMonths, fullMonthsBetween, type IsoDate, yearOf } from '../dates';
import { defineCheck } from '../rule';
import type { Violation } from '../violation';
import { TERMINATION_REASONS, type TerminationReason } from '../vocabulary';

/** Management and supervision (Arts. 9, 32, 34–40, 42). */

export interface AnnualTrainingFacts {
  readonly employment: { readonly hiredOn: IsoDate };
  readonly training: { readonly annualYears: readonly number[] };
}

// 第三十五条第一款 公安机关应当建立健全辅警培训制度，组织开展辅警年度培训和专项培训……
export const TRAIN_ANNUAL = defineCheck({
  id: 'TRAIN-ANNUAL',
  title: { zh: '年度培训', en: 'Annual training recorded' },
  citations: [nmg(35, 1)],
  uses: ['SUPERVISION'],
  parameters: [],
  check: function annualTrainingRecorded({ employment, training }: AnnualTrainingFacts, { fail, on }) {
    // Every calendar year completed in service, from the first full year after hiring.
    const out: Violation[] = [];
    for (let year = yearOf(employment.hiredOn) + 1; year < yearOf(on); year += 1) {
      if (!training.annualYears.includes(year)) {
        out.push(fail({ zh: `${year}年度培训未记录`, en: `No annual training recorded for ${year}`, observed: [...training.annualYears], expected: year }));
      }
    }
    return out;
  },
});

export type AssessmentDimension = 'POLITICAL_QUALITY' | 'ABILITY' | 'WORK_STYLE' | 'PERFORMANCE' | 'COMPLIANCE';
export const ASSESSMENT_DIMENSIONS: readonly AssessmentDimension[] = ['POLITICAL_QUALITY', 'ABILITY', 'WORK_STYLE', 'PERFORMANCE', 'COMPLIANCE'];

export interface AssessmentFacts {
  readonly assessment: { readonly dimensions: readonly AssessmentDimension[]; readonly grade: string };
}

// 第三十六条第二款 公安机关应当对辅警思想政治素质、工作能力、工作作风、工作绩效、遵纪守法等情况进行考核，
// 考核结果作为层级升降、奖惩、薪酬调整和续聘解聘的依据。
export const ASSESS = defineCheck({
  id: 'ASSESS',
  title: { zh: '考核内容与等次', en: 'Assessments cover the five areas and give a listed grade' },
  citations: [nmg(36, 2)],
  uses: ['COMMAND'],
  parameters: ['assessment.grades'],
  check: function assessmentComplete({ assessment }: AssessmentFacts, { fail, params }) {
    const out: Violation[] = [];
    const missing = ASSESSMENT_DIMENSIONS.filter((d) => !assessment.dimensions.includes(d));
    if (missing.length) out.push(fail({ zh: `考核缺少：${missing.join('、')}`, en: `The assessment does not cover: ${missing.join(', ')}`, observed: [...assessment.dimensions], expected: [...ASSESSMENT_DIMENSIONS] }));
    if (!params['assessment.grades'].includes(assessment.grade)) {
      out.push(fail({ zh: `考核等次${assessment.grade}不在规定等次中`, en: `Grade ${assessment.grade} is not a listed grade`, observed: assessment.grade, expected: [...params['assessment.grades']] }));
    }
    return out;
  },
});

export interface SanctionRecord {
  readonly sanction: string;
  readonly effectiveFrom: IsoDate;
}

export interface PromotionFacts {
  readonly promotion: {
    readonly route: 'ASSESSMENT' | 'SELECTION';
    readonly fromLevel: string;
    readonly toLevel: string;
    readonly inLevelSince: IsoDate;
    /** The latest assessment result the promotion rests on (null: none). */
    readonly assessment: { readonly grade: string; readonly ref: string } | null;
    /** A selection decision that allows moving more than one level. */
    readonly selectionAllowsSkip: boolean;
  };
  readonly sanctions: readonly SanctionRecord[];
}

// 第三十六条第一款 公安机关应当对辅警实行层级化管理，辅警层级间实行考核晋升和选拔晋升。辅警层级与薪酬待遇挂钩。
// 第三十六条第二款 ……考核结果作为层级升降、奖惩、薪酬调整和续聘解聘的依据。
export const LEVEL_PROMOTE = defineCheck({
  id: 'LEVEL-PROMOTE',
  title: { zh: '考核晋升和选拔晋升', en: 'Promotion by assessment or selection within the level parameters' },
  citations: [nmg(36, 1), nmg(36, 2)],
  uses: ['COMMAND'],
  parameters: ['levels', 'promotion.minMonthsInLevel', 'promotion.qualifyingGrades', 'discipline.sanctions'],
  check: function promotionAllowed({ promotion: p, sanctions }: PromotionFacts, { fail, params, on }) {
    const codes = params.levels.map((l) => l.code);
    const from = codes.indexOf(p.fromLevel);
    const to = codes.indexOf(p.toLevel);
    if (from < 0 || to < 0) {
      return [fail({ zh: '晋升的原层级或新层级不存在', en: 'Unknown level in the promotion', observed: [p.fromLevel, p.toLevel], expected: codes })];
    }
    const out: Violation[] = [];
    if (to <= from) out.push(fail({ zh: '晋升须升至更高层级', en: 'A promotion moves to a higher level', observed: p.toLevel, expected: `above ${p.fromLevel}` }));
    else if (to - from > 1 && !(p.route === 'SELECTION' && p.selectionAllowsSkip)) {
      out.push(fail({ zh: '晋升每次一级（选拔晋升另有决定的除外）', en: 'One level at a time unless a selection decides otherwise', observed: to - from, expected: 1 }));
    }
    if (!p.assessment) {
      out.push(fail({ zh: '晋升须以考核结果为依据', en: 'A promotion rests on a recorded assessment result', observed: null, expected: 'an assessment result', citation: nmg(36, 2) }));
    } else if (!params['promotion.qualifyingGrades'].includes(p.assessment.grade)) {
      out.push(fail({ zh: `考核等次${p.assessment.grade}不符合晋升条件`, en: `Grade ${p.assessment.grade} does not allow promotion`, observed: p.assessment.grade, expected: [...params['promotion.qualifyingGrades']], citation: nmg(36, 2) }));
    }
    const months = fullMonthsBetween(p.inLevelSince, on);
    const minMonths = params['promotion.minMonthsInLevel'];
    if (months < minMonths) {
      out.push(fail({ zh: `本层级任职${months}个月，不足${minMonths}个月`, en: `${months} month(s) in level; ${minMonths} required`, observed: months, expected: `≥ ${minMonths}` }));
    }
    for (const s of sanctions) {
      const def = params['discipline.sanctions'].find((d) => d.code === s.sanction);
      if (!def) {
        out.push(fail({ kind: 'CANNOT_DETERMINE', zh: `处分种类${s.sanction}未规定影响期`, en: `Sanction ${s.sanction} has no blocking period configured`, observed: s.sanction, expected: params['discipline.sanctions'].map((d) => d.code) }));
        continue;
      }
      const blockedUntil = addMonths(s.effectiveFrom, def.blocksPromotionMonths);
      if (s.effectiveFrom <= on && on < blockedUntil) {
        out.push(fail({ zh: `${def.zh}处分影响期内（至${addDays(blockedUntil, -1)}）不得晋升`, en: `A ${def.en} blocks promotion until ${addDays(blockedUntil, -1)}`, observed: s.effectiveFrom, expected: `on or after ${blockedUntil}` }));
      }
    }
    return out;
  },
});

export interface DemotionFacts {
  readonly demotion: {
    readonly fromLevel: string;
    readonly toLevel: string;
    readonly basis: { readonly kind: 'ASSESSMENT' | 'DISCIPLINE'; readonly ref: string } | null;
  };
}

// 第三十六条第二款 ……考核结果作为层级升降、奖惩……的依据。
export const LEVEL_DEMOTE = defineCheck({
  id: 'LEVEL-DEMOTE',
  title: { zh: '降级以考核结果或处分决定为依据', en: 'A demotion rests on an assessment or a disciplinary decision' },
  citations: [nmg(36, 2)],
  uses: ['COMMAND'],
  parameters: ['levels'],
  check: function demotionHasBasis({ demotion: d }: DemotionFacts, { fail, params }) {
    const codes = params.levels.map((l) => l.code);
    const out: Violation[] = [];
    const from = codes.indexOf(d.fromLevel);
    const to = codes.indexOf(d.toLevel);
    if (from < 0 || to < 0 || to >= from) out.push(fail({ zh: '降级须降至更低的已规定层级', en: 'A demotion moves to a lower, existing level', observed: [d.fromLevel, d.toLevel], expected: codes }));
    if (!d.basis?.ref.trim()) out.push(fail({ zh: '降级须以考核结果或者处分决定为依据', en: 'A demotion needs an assessment result or disciplinary decision on record', observed: null, expected: ['ASSESSMENT', 'DISCIPLINE'] }));
    return out;
  },
});

/** Art. 42 ¶1 conduct, and OTHER for violations of the 辅警管理相关规定. */
export type MisconductCode = 'BEYOND_AUTHORITY' | 'SOLO_ENFORCEMENT' | 'WEAPON_USE' | 'VEHICLE_DEVICE_MISUSE' | 'OTHER';
export const MISCONDUCT_CODES: readonly MisconductCode[] = ['BEYOND_AUTHORITY', 'SOLO_ENFORCEMENT', 'WEAPON_USE', 'VEHICLE_DEVICE_MISUSE', 'OTHER'];

export interface DisciplineFacts {
  readonly discipline: {
    readonly misconduct: MisconductCode;
    readonly description: string;
    readonly sanction: string;
    readonly decidingOrganId: string | null;
    readonly effectiveFrom: IsoDate;
    readonly effectiveUntil: IsoDate | null;
  };
}

// 第三十四条第一款 ……建立健全辅警分类分级管理、考核奖惩等管理和监督制度。
// 第四十二条第一款 违反本条例规定，辅警超越权限从事警务辅助工作的，单独执法或者以个人名义执法的，使用武器的，
// 未按照规定使用警用交通工具或者警用智能设备的，由公安机关按照辅警管理相关规定依法处理……
export const DISCIPLINE = defineCheck({
  id: 'DISCIPLINE',
  title: { zh: '处分决定的内容', en: 'A disciplinary decision names violation, sanction, organ and period' },
  citations: [nmg(42, 1), nmg(34, 1)],
  uses: ['COMMAND'],
  parameters: ['discipline.sanctions'],
  check: function disciplineComplete({ discipline: d }: DisciplineFacts, { fail, params }) {
    const out: Violation[] = [];
    if (!MISCONDUCT_CODES.includes(d.misconduct) || !d.description.trim()) out.push(fail({ zh: '处分决定须写明违纪违规行为', en: 'The decision names the violation', observed: d.misconduct, expected: [...MISCONDUCT_CODES] }));
    const sanctions = params['discipline.sanctions'].map((s) => s.code);
    if (!sanctions.includes(d.sanction)) out.push(fail({ zh: `处分种类${d.sanction}未规定`, en: `Sanction ${d.sanction} is not a configured sanction`, observed: d.sanction, expected: sanctions }));
    if (!d.decidingOrganId?.trim()) out.push(fail({ zh: '处分决定须写明作出决定的机关', en: 'The decision names the deciding organ', observed: null, expected: 'an organ id', citation: nmg(34, 1) }));
    if (d.effectiveUntil !== null && d.effectiveUntil < d.effectiveFrom) out.push(fail({ zh: '处分期间结束日早于开始日', en: 'The sanction period ends before it starts', observed: d.effectiveUntil, expected: `≥ ${d.effectiveFrom}` }));
    return out;
  },
});

export interface CredentialFacts {
  readonly credentials: {
    readonly items: readonly { readonly kind: 'WORK_ID' | 'UNIFORM' | 'INSIGNIA'; readonly serial: string; readonly recoveredOn: IsoDate | null }[];
    readonly departedOn: IsoDate | null;
  };
}

/** Each kind of credential by its name in both languages (never its code in the Chinese text). */
const CREDENTIAL_NAME: Record<string, { zh: string; en: string }> = {
  WORK_ID: { zh: '工作证件', en: 'work ID' },
  UNIFORM: { zh: '服装', en: 'uniform' },
  INSIGNIA: { zh: '标识', en: 'insignia' },
};
const credentialName = (kind: string) => CREDENTIAL_NAME[kind] ?? { zh: kind, en: kind };

// 第三十七条第一款 公安机关应当按照国家规定为辅警配发统一的工作证件、服装和标识。
// 第三十七条第三款 辅警离职时，公安机关应当收回配发的工作证件、服装和标识。
export const CREDENTIALS = defineCheck({
  id: 'CREDENTIALS',
  title: { zh: '工作证件、服装和标识的配发与收回', en: 'Work ID, uniform and insignia issued with serials and recovered on departure' },
  citations: [nmg(37, 1), nmg(37, 3)],
  uses: ['COMMAND', 'SUPERVISION'],
  parameters: [],
  check: function credentialsAccounted({ credentials: c }: CredentialFacts, { fail, on }) {
    const out: Violation[] = [];
    for (const item of c.items.filter((i) => !i.serial.trim())) {
      out.push(fail({ zh: `配发的${credentialName(item.kind).zh}须有编号`, en: `An issued ${credentialName(item.kind).en} has a serial number`, observed: item.serial, expected: 'a serial number' }));
    }
    if (c.departedOn !== null && c.departedOn <= on) {
      for (const item of c.items.filter((i) => i.recoveredOn === null || i.recoveredOn > on)) {
        out.push(fail({ zh: `离职后${credentialName(item.kind).zh}（编号 ${item.serial}）尚未收回`, en: `The ${credentialName(item.kind).en} ${item.serial} was not recovered after departure on ${c.departedOn}`, observed: item.serial, expected: 'recovered', citation: nmg(37, 3) }));
      }
    }
    return out;
  },
});

export interface ComplaintFacts {
  readonly complaint: {
    readonly receivedOn: IsoDate;
    readonly investigatedOn: IsoDate | null;
    readonly decidedOn: IsoDate | null;
    readonly complainantToldOn: IsoDate | null;
  };
}

// 第三十八条第一款 任何组织或者个人对辅警的违纪违法行为，有权举报、投诉。
// 第三十八条第二款 受理举报、投诉的机关应当及时查处，并按照有关规定将查处结果告知举报人、投诉人。
export const COMPLAINT = defineCheck({
  id: 'COMPLAINT',
  title: { zh: '举报投诉及时查处并告知结果', en: 'Complaints investigated, decided and the complainant told in time' },
  citations: [nmg(38, 2), nmg(38, 1)],
  uses: ['COMMAND', 'SUPERVISION'],
  parameters: ['complaint.handlingDays'],
  check: function complaintHandled({ complaint: c }: ComplaintFacts, { fail, params, on }) {
    const out: Violation[] = [];
    const steps: [string, IsoDate | null][] = [['RECEIVED', c.receivedOn], ['INVESTIGATED', c.investigatedOn], ['DECIDED', c.decidedOn], ['TOLD', c.complainantToldOn]];
    steps.forEach(([name, date], i) => {
      if (i === 0 || date === null) return;
      const before = steps.slice(0, i);
      const gap = before.find(([, d]) => d === null);
      const later = before.find(([, d]) => d !== null && d > date);
      if (gap || later) out.push(fail({ zh: `举报投诉的${name}环节须在前一环节之后`, en: `${name} comes after the earlier steps`, observed: date, expected: gap ? `${gap[0]} first` : `≥ ${later?.[1]}` }));
    });
    const due = addDays(c.receivedOn, params['complaint.handlingDays']);
    if (on > due && (c.complainantToldOn === null || c.complainantToldOn > on)) {
      out.push(fail({ zh: `举报投诉逾期（应于${due}前）未查处并告知结果`, en: `Complaint not handled and the complainant not told by ${due}`, observed: c.complainantToldOn, expected: `≤ ${due}` }));
    }
    return out;
  },
});

export interface RecusalFacts {
  readonly recusal: {
    readonly initiatedBy: 'AUXILIARY' | 'PARTY' | 'LEGAL_REPRESENTATIVE';
    readonly decidingOrganId: string | null;
    readonly usingOrganId: string;
  };
}

// 第三十九条第一款 辅警遇有可能影响其公正开展工作的情形的，应当回避。当事人或者其法定代理人有权向辅警所在公安机关提出回避申请。
// 第三十九条第二款 辅警的回避，由辅警所在公安机关依法决定。
export const RECUSAL = defineCheck({
  id: 'RECUSAL',
  title: { zh: '回避由辅警所在公安机关决定', en: 'Recusal on the auxiliary\'s or a party\'s initiative, decided by the using organ' },
  citations: [nmg(39, 2), nmg(39, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function recusalDecidedByUsingOrgan({ recusal: r }: RecusalFacts, { fail }) {
    const out: Violation[] = [];
    if (!['AUXILIARY', 'PARTY', 'LEGAL_REPRESENTATIVE'].includes(r.initiatedBy)) {
      out.push(fail({ zh: '回避由辅警提出，或者由当事人或其法定代理人申请', en: 'Recusal comes from the auxiliary, a party or their legal representative', observed: r.initiatedBy, expected: ['AUXILIARY', 'PARTY', 'LEGAL_REPRESENTATIVE'], citation: nmg(39, 1) }));
    }
    if (r.decidingOrganId !== r.usingOrganId) {
      out.push(fail({ zh: '回避由辅警所在公安机关决定', en: 'The using organ decides the recusal', observed: r.decidingOrganId, expected: r.usingOrganId }));
    }
    return out;
  },
});

export interface TerminationFacts {
  readonly termination: {
    readonly ground: { readonly kind: 'LAW' | 'CONTRACT'; readonly ref: string } | null;
    readonly reason: TerminationReason;
  };
}

// 第四十条 有法律法规规定或者劳动合同约定的解除劳动关系情形的，公安机关或者辅警可以依法解除劳动合同。
export const TERMINATE = defineCheck({
  id: 'TERMINATE',
  title: { zh: '解除劳动合同须有法定或约定情形', en: 'Termination records its legal or contractual ground and reason' },
  citations: [nmg(40)],
  uses: ['COMMAND'],
  parameters: [],
  check: function terminationHasGround({ termination: t }: TerminationFacts, { fail }) {
    const out: Violation[] = [];
    if (!t.ground?.ref.trim()) out.push(fail({ zh: '解除劳动合同须写明法律法规规定或者劳动合同约定的情形', en: 'Termination names its ground in law or in the contract', observed: null, expected: ['LAW', 'CONTRACT'] }));
    if (!TERMINATION_REASONS.includes(t.reason)) out.push(fail({ zh: `解除原因${t.reason}无效`, en: `Unknown termination reason ${t.reason}`, observed: t.reason, expected: [...TERMINATION_REASONS] }));
    return out;
  },
});

export interface CompensationFacts {
  readonly compensation: {
    readonly paidByOrganId: string;
    readonly usingOrganId: string;
    readonly paidFen: number;
    readonly recovery: { readonly fromAuxiliaryFen: number; readonly fault: 'INTENT' | 'GROSS_NEGLIGENCE' | 'ORDINARY_NEGLIGENCE' | 'NONE'; readonly findingRef: string } | null;
  };
}

// 第四十二条第二款 辅警不按照本条例规定履行职责，侵犯公民、法人或者其他组织合法权益造成损害的，由使用辅警的公安机关依法予以赔偿。
// 第四十二条第三款 公安机关赔偿损失后，应当责令有故意或者重大过失的辅警依法承担部分或者全部赔偿费用。
export const COMPENSATION = defineCheck({
  id: 'COMPENSATION',
  title: { zh: '使用机关赔偿，故意或重大过失方可追偿', en: 'The using organ pays; recovery only on intent or gross negligence' },
  citations: [nmg(42, 2), nmg(42, 3)],
  uses: ['COMMAND'],
  parameters: [],
  check: function compensationLawful({ compensation: c }: CompensationFacts, { fail }) {
    const out: Violation[] = [];
    if (c.paidByOrganId !== c.usingOrganId) out.push(fail({ zh: '赔偿由使用辅警的公安机关支付', en: 'The organ using the auxiliary pays the damages', observed: c.paidByOrganId, expected: c.usingOrganId }));
    const r = c.recovery;
    if (r) {
      if (!(r.fault === 'INTENT' || r.fault === 'GROSS_NEGLIGENCE') || !r.findingRef.trim()) {
        out.push(fail({ zh: '只有故意或者重大过失的辅警才承担赔偿费用，并须记录认定', en: 'Recovery from the auxiliary needs a recorded finding of intent or gross negligence', observed: r.fault, expected: ['INTENT', 'GROSS_NEGLIGENCE'], citation: nmg(42, 3) }));
      }
      if (r.fromAuxiliaryFen > c.paidFen || r.fromAuxiliaryFen < 0) {
        out.push(fail({ zh: '追偿不超过已赔偿金额', en: 'Recovery is at most the damages paid', observed: r.fromAuxiliaryFen, expected: `0..${c.paidFen}`, citation: nmg(42, 3) }));
      }
    }
    return out;
  },
});

export interface CommendationFacts {
  readonly commendation: { readonly title: string; readonly grantingAuthority: string | null };
}

// 第九条 公安机关应当对取得显著成绩或者有特殊贡献的辅警，按照国家和自治区有关规定给予表彰奖励。
export const COMMEND = defineCheck({
  id: 'COMMEND',
  title: { zh: '表彰奖励记录授予机关', en: 'Commendations record the granting authority' },
  citations: [nmg(9)],
  uses: ['COMMAND'],
  parameters: [],
  check: function commendationHasAuthority({ commendation: c }: CommendationFacts, { fail }) {
    return c.grantingAuthority?.trim() && c.title.trim()
      ? []
      : [fail({ zh: '表彰奖励须记录名称和授予机关', en: 'A commendation records its title and granting authority', observed: c.grantingAuthority, expected: 'an authority' })];
  },
});

export interface InjuryFacts {
  readonly injury: {
    readonly kind: 'INJURY' | 'DISABILITY' | 'DEATH' | 'MARTYR';
    /** WORK_INJURY: 工伤保险条例; MARTYRS: 烈士褒扬条例; POLICE_ANALOGY: Art. 32 ¶2 参照因公致残/牺牲人民警察. */
    readonly legalBasis: 'WORK_INJURY' | 'MARTYRS' | 'POLICE_ANALOGY' | null;
  };
}

// 第三十二条第一款 辅警因工受伤、致残或者死亡的，辅警或者其近亲属依照《工伤保险条例》等有关规定享受相关待遇；
// 被评定为烈士的，其遗属依照《烈士褒扬条例》等有关规定享受抚恤优待。
// 第三十二条第二款 辅警因预防和制止犯罪行为……致残的，可以参照因公致残人民警察享受抚恤待遇；牺牲的，其遗属可以参照因公牺牲人民警察遗属……
export const INJURY = defineCheck({
  id: 'INJURY',
  title: { zh: '工伤、伤残、死亡和烈士记录法律依据', en: 'Injury, disability, death and martyr status with their legal basis' },
  citations: [nmg(32, 1), nmg(32, 2)],
  uses: ['COMMAND'],
  parameters: [],
  check: function injuryHasBasis({ injury: i }: InjuryFacts, { fail }) {
    const allowed: Record<InjuryFacts['injury']['kind'], readonly string[]> = {
      INJURY: ['WORK_INJURY'],
      DISABILITY: ['WORK_INJURY', 'POLICE_ANALOGY'],
      DEATH: ['WORK_INJURY', 'POLICE_ANALOGY'],
      MARTYR: ['MARTYRS'],
    };
    const ok = allowed[i.kind];
    return i.legalBasis !== null && ok.includes(i.legalBasis)
      ? []
      : [fail({ zh: `${i.kind}须记录相应法律依据`, en: `${i.kind} needs its legal basis on record`, observed: i.legalBasis, expected: [...ok], citation: i.legalBasis === 'POLICE_ANALOGY' ? nmg(32, 2) : nmg(32, 1) })];
  },
});
