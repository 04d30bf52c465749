import { nmg } from '../citation';
import type { IsoDate } from '../dates';
import { type AuxiliaryCategory, type DutyCode, type EquipmentQualification, findDuty } from '../duties';
import { defineCheck } from '../rule';
import type { Violation } from '../violation';
import type { AuxiliaryStatus } from '../vocabulary';

/** Duties (Arts. 10–16, 35 ¶2, 39). */

export interface AssignmentFacts {
  readonly auxiliary: { readonly category: AuxiliaryCategory };
  readonly assignment: {
    readonly dutyCodes: readonly string[];
    /** For a 其他工作 item (Arts. 12 (4), 13 ¶1 (11), 14 (5)): the national rule that allows it. */
    readonly nationalBasis: string | null;
  };
}

// 第十条 辅警按照公安机关的安排，在人民警察的带领下，依照本条例和国家有关规定履行工作职责，不得超越权限从事警务辅助工作。
// 第十一条 文职辅警依法协助公安机关非执法岗位人民警察……勤务辅警依法协助公安机关执法岗位人民警察……
// 第十二条 文职辅警可以协助人民警察从事下列警务辅助工作…… 第十三条 勤务辅警可以协助人民警察从事下列执法工作……
// 第十四条 勤务辅警可以协助人民警察从事下列警务辅助工作……
export const DUTY_CATEGORY = defineCheck({
  id: 'DUTY-CATEGORY',
  title: { zh: '按辅警类别安排职责，不得超越权限', en: 'A duty only for the category whose list holds it; none outside the catalog' },
  citations: [nmg(11), nmg(10), nmg(12), nmg(13, 1), nmg(14)],
  uses: ['COMMAND'],
  parameters: [],
  check: function dutyMatchesCategory({ auxiliary, assignment }: AssignmentFacts, { fail }) {
    const out: Violation[] = [];
    for (const code of assignment.dutyCodes) {
      const duty = findDuty(code);
      if (!duty) {
        out.push(fail({ zh: `职责${code}不在职责目录中，辅警不得超越权限从事警务辅助工作`, en: `Duty ${code} is not in the catalog: no work beyond authority`, observed: code, expected: 'a catalog duty code', citation: nmg(10) }));
        continue;
      }
      if (duty.auxiliaryCategory === 'NONE' || duty.auxiliaryCategory === 'ANY') continue; // DUTY-FORBIDDEN, DUTY-WEAPON, DUTY-VEHICLE decide
      if (duty.auxiliaryCategory !== auxiliary.category) {
        out.push(fail({ zh: `${duty.title.zh}属于${duty.auxiliaryCategory === 'CIVILIAN' ? '文职' : '勤务'}辅警职责`, en: `${code} is a ${duty.auxiliaryCategory} duty; the auxiliary is ${auxiliary.category}`, observed: auxiliary.category, expected: duty.auxiliaryCategory, citation: duty.citation }));
      }
      if (duty.needsNationalBasis && !assignment.nationalBasis?.trim()) {
        out.push(fail({ zh: `${code}须记录允许辅警协助开展该工作的国家规定`, en: `${code} needs the national rule that allows it on record`, observed: null, expected: 'a national rule reference', citation: duty.citation }));
      }
    }
    return out;
  },
});

export interface LeadershipFacts {
  readonly assignment: {
    readonly dutyCodes: readonly string[];
    readonly leadingOfficerIds: readonly string[];
    /** The auxiliary would act alone or in their own name. */
    readonly alone: boolean;
  };
}

// 第十三条第二款 辅警不得单独执法或者以个人名义执法。
// 第十三条第三款 公安机关安排人民警察带领辅警开展第一款所列工作的，应当符合法律、法规关于人民警察人数的要求。
export const DUTY_LED = defineCheck({
  id: 'DUTY-LED',
  title: { zh: '执法工作须由人民警察带领', en: 'Enforcement duties are led by enough police officers, never alone' },
  citations: [nmg(13, 3), nmg(13, 2), nmg(10)],
  uses: ['COMMAND'],
  parameters: ['duty.minOfficers'],
  check: function enforcementLedByOfficers({ assignment }: LeadershipFacts, { fail, params }) {
    const enforcement = assignment.dutyCodes.filter((c) => findDuty(c)?.category === 'ENFORCEMENT_ASSIST');
    if (!enforcement.length) return [];
    const out: Violation[] = [];
    if (assignment.alone) {
      out.push(fail({ zh: '辅警不得单独执法或者以个人名义执法', en: 'An auxiliary never enforces alone or in their own name', observed: 'alone', expected: 'led by police officers', citation: nmg(13, 2) }));
    }
    const min = params['duty.minOfficers'];
    const needed = Math.max(1, ...enforcement.map((c) => min.byDuty[c as DutyCode] ?? min.default));
    const officers = new Set(assignment.leadingOfficerIds).size;
    if (officers < needed) {
      out.push(fail({ zh: `带领的人民警察${officers}人，少于要求的${needed}人`, en: `${officers} leading officer(s); ${needed} required`, observed: officers, expected: `≥ ${needed}` }));
    }
    return out;
  },
});

export interface DutyCodesFacts {
  readonly assignment: { readonly dutyCodes: readonly string[] };
}

// 第十五条 辅警不得从事下列工作：（一）国内安全保卫、技术侦察、反邪教、反恐怖等工作；（二）办理涉及国家秘密的事项；
// （三）案件调查取证、出具鉴定报告、交通事故责任认定；（四）执行刑事强制措施；（五）作出行政处理决定；（六）审核案件；
// （七）保管武器、警械；（八）国家规定不得从事的其他工作。
export const DUTY_FORBIDDEN = defineCheck({
  id: 'DUTY-FORBIDDEN',
  title: { zh: '辅警不得从事的工作', en: 'Work forbidden to every auxiliary' },
  citations: [nmg(15)],
  uses: ['COMMAND'],
  parameters: [],
  check: function noForbiddenWork({ assignment }: DutyCodesFacts, { fail }) {
    return assignment.dutyCodes.flatMap((code) => {
      const duty = findDuty(code);
      return duty?.category === 'FORBIDDEN'
        ? [fail({ zh: `辅警不得从事：${duty.title.zh}`, en: `No auxiliary may do: ${duty.title.en}`, observed: code, expected: 'no Art. 15 work', citation: duty.citation })]
        : [];
    });
  },
});

export interface WeaponFacts {
  readonly assignment: { readonly dutyCodes: readonly string[] };
  /** Equipment to be issued with the command (empty when none). */
  readonly equipmentIssued: readonly { readonly kind: 'WEAPON' | 'POLICE_GEAR' | 'PROTECTIVE' | 'OTHER'; readonly serial: string }[];
}

// 第十六条第二款 辅警不得配备或者使用武器。
export const DUTY_WEAPON = defineCheck({
  id: 'DUTY-WEAPON',
  title: { zh: '辅警不得配备或者使用武器', en: 'No weapon is ever issued to or used by an auxiliary' },
  citations: [nmg(16, 2)],
  uses: ['COMMAND'],
  parameters: [],
  check: function noWeapons({ assignment, equipmentIssued }: WeaponFacts, { fail }) {
    const out: Violation[] = [];
    if (assignment.dutyCodes.some((c) => findDuty(c)?.category === 'WEAPON')) {
      out.push(fail({ zh: '辅警不得使用武器', en: 'An auxiliary may not use weapons', observed: 'WEAPON', expected: 'no weapon duty' }));
    }
    for (const item of equipmentIssued.filter((e) => e.kind === 'WEAPON')) {
      out.push(fail({ zh: `辅警不得配备武器（${item.serial}）`, en: `No weapon may be issued to an auxiliary (${item.serial})`, observed: item.serial, expected: 'no weapon' }));
    }
    return out;
  },
});

export interface QualificationFacts {
  readonly assignment: { readonly dutyCodes: readonly string[] };
  readonly qualifications: readonly { readonly kind: EquipmentQualification; readonly validFrom: IsoDate; readonly validUntil: IsoDate | null }[];
}

// 第十六条第一款 辅警履行职责期间可以按照规定驾驶警用车辆等警用交通工具，可以依法操控警用机器人、无人机等警用智能设备。
export const DUTY_VEHICLE = defineCheck({
  id: 'DUTY-VEHICLE',
  title: { zh: '驾驶警车、操控警用智能设备须具备相应资格', en: 'Police vehicles, robots and drones need the matching qualification' },
  citations: [nmg(16, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function qualifiedForEquipment({ assignment, qualifications }: QualificationFacts, { fail, on }) {
    return assignment.dutyCodes.flatMap((code) => {
      const needed = findDuty(code)?.qualification;
      if (!needed) return [];
      const ok = qualifications.some((q) => q.kind === needed && q.validFrom <= on && (q.validUntil === null || on <= q.validUntil));
      return ok ? [] : [fail({ zh: `${code}须在${on}具备有效的${needed}资格`, en: `${code} needs a ${needed} qualification valid on ${on}`, observed: qualifications.filter((q) => q.kind === needed).map((q) => `${q.validFrom}..${q.validUntil ?? ''}`), expected: needed })];
    });
  },
});

export interface PreJobTrainingFacts {
  readonly training: { readonly preJobPassedOn: IsoDate | null };
}

// 第三十五条第二款 公安机关应当对辅警进行岗前培训，培训合格后安排至相应岗位工作。
export const DUTY_TRAINED = defineCheck({
  id: 'DUTY-TRAINED',
  title: { zh: '岗前培训合格后上岗', en: 'No posting before pre-job training is passed' },
  citations: [nmg(35, 2)],
  uses: ['COMMAND'],
  parameters: [],
  check: function preJobTrainingPassed({ training }: PreJobTrainingFacts, { fail, on }) {
    const passedOn = training.preJobPassedOn;
    return passedOn !== null && passedOn <= on
      ? []
      : [fail({ zh: '岗前培训合格前不得安排上岗', en: 'Pre-job training must be passed before posting', observed: passedOn, expected: `passed on or before ${on}` })];
  },
});

export interface RecusalAssignmentFacts {
  readonly assignment: { readonly matterId: string | null };
  readonly recusals: readonly { readonly matterId: string; readonly granted: boolean }[];
}

// 第三十九条第一款 辅警遇有可能影响其公正开展工作的情形的，应当回避。……
export const DUTY_RECUSAL = defineCheck({
  id: 'DUTY-RECUSAL',
  title: { zh: '已决定回避的事项不得安排', en: 'No assignment to a matter the auxiliary is recused from' },
  citations: [nmg(39, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function notRecusedFromMatter({ assignment, recusals }: RecusalAssignmentFacts, { fail }) {
    const matter = assignment.matterId;
    return matter !== null && recusals.some((r) => r.matterId === matter && r.granted)
      ? [fail({ zh: `辅警已就事项${matter}回避`, en: `The auxiliary is recused from matter ${matter}`, observed: matter, expected: 'a matter without recusal' })]
      : [];
  },
});

export interface ActiveAuxiliaryFacts {
  readonly auxiliary: { readonly status: AuxiliaryStatus };
}

// 第十条 辅警按照公安机关的安排，在人民警察的带领下……履行工作职责……
export const DUTY_ACTIVE = defineCheck({
  id: 'DUTY-ACTIVE',
  title: { zh: '只安排在职辅警', en: 'Only an active auxiliary is assigned' },
  citations: [nmg(10)],
  uses: ['COMMAND'],
  parameters: [],
  check: function auxiliaryIsActive({ auxiliary }: ActiveAuxiliaryFacts, { fail }) {
    return auxiliary.status === 'ACTIVE'
      ? []
      : [fail({ zh: `辅警状态为${auxiliary.status}，不能安排工作`, en: `An auxiliary with status ${auxiliary.status} cannot be assigned`, observed: auxiliary.status, expected: 'ACTIVE' })];
  },
});
