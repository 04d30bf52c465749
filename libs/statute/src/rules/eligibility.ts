import { nmg } from '../citation';
import { ageOn, type IsoDate } from '../dates';
import { defineCheck, defineRecorded } from '../rule';
import type { FailureInput, Violation } from '../violation';
import { EDUCATION_RANK, type EducationLevel, type OrganLevel, type StageRecord, type TerminationReason } from '../vocabulary';

/** Eligibility (Art. 21) and disqualification (Art. 23). */

// 第二十一条 应聘辅警应当具备下列基本条件：
// （一）拥护中国共产党领导和社会主义制度，践行铸牢中华民族共同体意识，具有良好的政治素质，遵守宪法和法律法规，尊重社会公德；
export const ELIG_POLITICAL = defineRecorded({
  id: 'ELIG-POLITICAL',
  title: { zh: '政治素质和遵纪守法', en: 'Political quality and respect for the law' },
  citations: [nmg(21, 1, 1)],
  reason: {
    zh: '政治素质、践行共同体意识和尊重社会公德是资格审查和考察中由人作出的判断，系统只记录结论、作出人和依据材料',
    en: 'Political quality, commitment and social morality are judged by people in the qualification review and inspection; the system records the conclusion, who reached it and on what material',
  },
  records: ['politicalAttestation.conclusion', 'politicalAttestation.attestedBy', 'politicalAttestation.attestedOn', 'politicalAttestation.materialRefs'],
});

export interface ApplicantAgeFacts {
  readonly applicant: { readonly birthDate: IsoDate };
  readonly registration: { readonly date: IsoDate };
}

// （二）年满十八周岁的中华人民共和国公民；
export const ELIG_AGE = defineCheck({
  id: 'ELIG-AGE',
  title: { zh: '年满十八周岁', en: 'At least 18 full years of age on the registration date' },
  citations: [nmg(21, 1, 2)],
  uses: ['COMMAND'],
  parameters: [],
  check: function atLeastEighteen({ applicant, registration }: ApplicantAgeFacts, { fail }) {
    const age = ageOn(applicant.birthDate, registration.date);
    return age >= 18
      ? []
      : [fail({ zh: `报名之日（${registration.date}）未满十八周岁（${age}周岁）`, en: `Aged ${age} on the registration date ${registration.date}: under 18`, observed: age, expected: '≥ 18' })];
  },
});

export interface ApplicantNationalityFacts {
  /** ISO 3166-1 alpha-2; 'CN' for a citizen of the PRC. */
  readonly applicant: { readonly nationality: string };
}

// （二）年满十八周岁的中华人民共和国公民；
export const ELIG_CITIZEN = defineCheck({
  id: 'ELIG-CITIZEN',
  title: { zh: '中华人民共和国公民', en: 'Citizen of the PRC' },
  citations: [nmg(21, 1, 2)],
  uses: ['COMMAND'],
  parameters: [],
  check: function isPrcCitizen({ applicant }: ApplicantNationalityFacts, { fail }) {
    return applicant.nationality === 'CN'
      ? []
      : [fail({ zh: '应聘人员应为中华人民共和国公民', en: 'The applicant must be a PRC citizen', observed: applicant.nationality, expected: 'CN' })];
  },
});

export type RelaxationGround = 'VETERAN' | 'FORMER_FIRE_RESCUE' | 'SPECIAL_POST';

export interface EducationRelaxation {
  readonly ground: RelaxationGround;
  readonly approval: {
    readonly authority: 'GOVERNMENT' | 'PUBLIC_SECURITY' | 'OTHER';
    readonly level: OrganLevel;
    readonly documentNumber: string;
  } | null;
}

export interface ApplicantEducationFacts {
  readonly applicant: { readonly education: EducationLevel; readonly educationRelaxation: EducationRelaxation | null };
}

const RELAXATION_GROUNDS: readonly RelaxationGround[] = ['VETERAN', 'FORMER_FIRE_RESCUE', 'SPECIAL_POST'];

/** Why a claimed relaxation does not hold (empty: it holds). */
function relaxationDefects(education: EducationLevel, r: EducationRelaxation): { zh: string; en: string; observed: string | null; expected: string | string[] }[] {
  const out = [];
  if (!RELAXATION_GROUNDS.includes(r.ground)) {
    out.push({ zh: '放宽学历只适用于退役军人、退出国家综合性消防救援队伍的救援人员和专门技能等特殊岗位或者特殊人员', en: 'Only veterans, former fire-and-rescue members and special posts may have the requirement relaxed', observed: r.ground, expected: [...RELAXATION_GROUNDS] });
  }
  const a = r.approval;
  if (!a || a.authority !== 'GOVERNMENT' || (a.level !== 'CITY' && a.level !== 'REGION') || !a.documentNumber.trim()) {
    out.push({ zh: '放宽学历须经盟行政公署、设区的市以上人民政府批准', en: 'The relaxation needs the approval (with document number) of a CITY-level government or above', observed: a ? `${a.authority}/${a.level}` : null, expected: 'GOVERNMENT/CITY or GOVERNMENT/REGION' });
  }
  if (EDUCATION_RANK[education] < EDUCATION_RANK.HIGH_SCHOOL) {
    out.push({ zh: '放宽后学历仍须达到高中或者中专', en: 'Even relaxed, high school or secondary vocational education is needed', observed: education, expected: 'HIGH_SCHOOL or SECONDARY_VOCATIONAL or above' });
  }
  return out;
}

// （三）具有大学专科以上学历。……
export const ELIG_EDU = defineCheck({
  id: 'ELIG-EDU',
  title: { zh: '大学专科以上学历', en: 'College (大学专科) education or above' },
  citations: [nmg(21, 1, 3, 1)],
  uses: ['COMMAND'],
  parameters: [],
  check: function collegeOrAbove({ applicant }: ApplicantEducationFacts, { fail }) {
    if (EDUCATION_RANK[applicant.education] >= EDUCATION_RANK.JUNIOR_COLLEGE) return [];
    const r = applicant.educationRelaxation;
    if (r && relaxationDefects(applicant.education, r).length === 0) return [];
    return [fail({ zh: '应聘人员应当具有大学专科以上学历（且无有效的学历放宽批准）', en: 'College education or above is required (and no valid relaxation applies)', observed: applicant.education, expected: 'JUNIOR_COLLEGE or above' })];
  },
});

// （三）……对于退役军人、退出国家综合性消防救援队伍的救援人员、专门技能等特殊岗位或者特殊人员，
// 经盟行政公署、设区的市以上人民政府批准可以放宽到高中或者中专学历；
export const ELIG_EDU_RELAX = defineCheck({
  id: 'ELIG-EDU-RELAX',
  title: { zh: '学历放宽到高中或者中专', en: 'Education relaxed to high school for veterans, former rescuers, special posts, with approval' },
  citations: [nmg(21, 1, 3, 2)],
  relaxes: 'ELIG-EDU',
  uses: ['COMMAND'],
  parameters: [],
  check: function relaxationIsValid({ applicant }: ApplicantEducationFacts, { fail }) {
    const r = applicant.educationRelaxation;
    if (!r) return [];
    return relaxationDefects(applicant.education, r).map((d) => fail(d));
  },
});

export interface FitnessFacts {
  readonly application: { readonly stages: readonly StageRecord[] } | null;
}

// （四）具有履行职责所需要的身心素质和工作能力；
export const ELIG_FIT = defineCheck({
  id: 'ELIG-FIT',
  title: { zh: '身心素质：体检合格', en: 'Fitness: the medical examination passed' },
  citations: [nmg(21, 1, 4), nmg(20, 1, 4)],
  uses: ['COMMAND'],
  parameters: [],
  check: function medicalExamPassed({ application }: FitnessFacts, { fail }) {
    const exam = application?.stages.find((s) => s.stage === 4);
    return exam?.outcome === 'PASSED'
      ? []
      : [fail({ zh: '体检未合格或未进行', en: 'The medical examination is not passed', observed: exam?.outcome ?? null, expected: 'PASSED' })];
  },
});

export interface PostConditionFacts {
  readonly postConditions: readonly { readonly id: string; readonly description: string; readonly met: boolean }[];
}

// （五）符合招聘岗位需要的其他条件。
export const ELIG_POST = defineCheck({
  id: 'ELIG-POST',
  title: { zh: '符合岗位条件', en: 'Post-specific conditions met' },
  citations: [nmg(21, 1, 5)],
  uses: ['COMMAND'],
  parameters: [],
  check: function postConditionsMet({ postConditions }: PostConditionFacts, { fail }) {
    return postConditions
      .filter((c) => !c.met)
      .map((c) => fail({ zh: `不符合岗位条件：${c.description}`, en: `Post condition not met: ${c.id}`, observed: false, expected: true }));
  },
});

/** A background-check finding on one item of Art. 23 (found: the circumstance exists). */
export interface BackgroundFinding {
  readonly item: 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8;
  readonly found: boolean;
  readonly ref: string;
}

export interface BackgroundFacts {
  readonly background: { readonly findings: readonly BackgroundFinding[] };
}

export interface ServiceHistoryFacts extends BackgroundFacts {
  /** Earlier auxiliary service of this person found in the system's own records. */
  readonly serviceHistory: readonly EarlierService[];
}

/** One earlier service on the system's record, and the record that ended it (cited in a violation). */
export interface EarlierService {
  readonly organId: string;
  readonly endedOn: IsoDate;
  readonly reason: TerminationReason;
  /** The auxiliary record and contract whose termination is on record (absent in histories passed in by callers). */
  readonly auxiliaryId?: string;
  readonly contractId?: string;
}

const DISQ_TEXT: Readonly<Record<number, { zh: string; en: string }>> = {
  1: { zh: '参加非法组织、邪教组织或者从事其他危害国家安全活动', en: 'joined an illegal organisation or cult, or endangered national security' },
  2: { zh: '编造、散布有损国家声誉的言论或者信息，反对党的理论和路线方针政策，违反国家法律法规', en: 'spread statements harming the state\'s reputation, opposed the Party\'s line, broke national law' },
  3: { zh: '因犯罪受过刑事处罚或者涉嫌犯罪尚未结案', en: 'criminally punished, or a criminal case pending' },
  4: { zh: '曾被行政拘留、司法拘留', en: 'ever held in administrative or judicial detention' },
  5: { zh: '被开除公职、开除军籍或者因违纪违规被辞退解聘', en: 'dismissed from public office or the military, or for violations' },
  6: { zh: '曾从事警务辅助工作合同期未满擅自离职', en: 'left auxiliary police work before the contract ended without permission' },
  7: { zh: '被依法列为失信联合惩戒对象', en: 'on the joint-punishment list for dishonesty' },
  8: { zh: '不适合从事警务辅助工作的其他情形', en: 'otherwise unsuited to auxiliary police work' },
};

function findingViolations(item: BackgroundFinding['item'], findings: readonly BackgroundFinding[], fail: (f: FailureInput) => Violation): Violation[] {
  const finding = findings.find((f) => f.item === item);
  const text = DISQ_TEXT[item] ?? { zh: '', en: '' };
  if (!finding) {
    return [fail({ kind: 'CANNOT_DETERMINE', zh: `未记录第二十三条第（${'一二三四五六七八'[item - 1]}）项的审查结论`, en: `No background-check finding recorded on Art. 23 (${item})`, observed: null, expected: 'a recorded finding' })];
  }
  return finding.found ? [fail({ zh: `不得招聘为辅警：${text.zh}（${finding.ref}）`, en: `Disqualified: ${text.en} (${finding.ref})`, observed: true, expected: false })] : [];
}

function disqualification<const Id extends string>(id: Id, item: BackgroundFinding['item']) {
  return defineCheck({
    id,
    title: { zh: `不得招聘：${DISQ_TEXT[item]?.zh ?? ''}`, en: `Disqualified: ${DISQ_TEXT[item]?.en ?? ''}` },
    citations: [nmg(23, 1, item)],
    uses: ['COMMAND'],
    parameters: [],
    check: function notDisqualified({ background }: BackgroundFacts, { fail }) {
      return findingViolations(item, background.findings, fail);
    },
  });
}

// 第二十三条 有下列情形之一的，不得招聘为辅警：
// （一）参加非法组织、邪教组织或者从事其他危害国家安全活动的；
export const DISQ_1 = disqualification('DISQ-1', 1);
// （二）编造、散布有损国家声誉的言论或者信息，反对党的理论和路线方针政策，违反国家法律法规的；
export const DISQ_2 = disqualification('DISQ-2', 2);
// （三）因犯罪受过刑事处罚或者涉嫌犯罪尚未结案的；
export const DISQ_3 = disqualification('DISQ-3', 3);
// （四）曾被行政拘留、司法拘留的；
export const DISQ_4 = disqualification('DISQ-4', 4);
/** The earlier service a violation cites: the termination on record (auxiliary, contract, organ, date, reason). */
const citedService = (s: EarlierService) => ({ organId: s.organId, endedOn: s.endedOn, reason: s.reason, ...(s.auxiliaryId ? { auxiliaryId: s.auxiliaryId } : {}), ...(s.contractId ? { contractId: s.contractId } : {}) });

/**
 * An item of Art. 23 the system can read from its own record as well as from
 * the background check: an earlier service of this person that ended for one
 * of `reasons` disqualifies whatever the applicant declares and whatever the
 * check found, and the violation cites that termination.
 */
function disqualificationOnRecord<const Id extends string>(id: Id, item: 5 | 6, reasons: readonly TerminationReason[], said: (s: EarlierService) => { zh: string; en: string }) {
  return defineCheck({
    id,
    title: { zh: `不得招聘：${DISQ_TEXT[item]?.zh ?? ''}`, en: `Disqualified: ${DISQ_TEXT[item]?.en ?? ''}` },
    citations: [nmg(23, 1, item)],
    uses: ['COMMAND'],
    parameters: [],
    check: function notDisqualifiedOnRecord({ background, serviceHistory }: ServiceHistoryFacts, { fail }) {
      const onRecord = serviceHistory.filter((s) => reasons.includes(s.reason));
      const fromHistory = onRecord.map((s) => fail({ ...said(s), observed: citedService(s), expected: `no earlier service ended ${reasons.join(' / ')}` }));
      const fromFinding = findingViolations(item, background.findings, fail);
      // A finding of "not found" does not outweigh the system's own record; a missing finding is moot when the record already disqualifies.
      return onRecord.length ? [...fromHistory, ...fromFinding.filter((v) => v.kind === 'NOT_MET')] : fromFinding;
    },
  });
}

const recordRef = (s: EarlierService) => (s.auxiliaryId ? `（${s.auxiliaryId}${s.contractId ? `，${s.contractId}` : ''}）` : '');
const recordRefEn = (s: EarlierService) => (s.auxiliaryId ? ` (${s.auxiliaryId}${s.contractId ? `, ${s.contractId}` : ''})` : '');

// （五）被开除公职、开除军籍或者因违纪违规被辞退解聘的；
// The system's own history decides the last part: an earlier auxiliary service it ended as DISMISSAL_FOR_VIOLATION
// (辞退、解聘 for 违纪违规) disqualifies even when the applicant declares nothing and the check found nothing.
export const DISQ_5 = disqualificationOnRecord('DISQ-5', 5, ['DISMISSAL_FOR_VIOLATION'], (s) => ({
  zh: `系统记录显示此人曾于${s.endedOn}被${s.organId}因违纪违规解除劳动合同${recordRef(s)}`,
  en: `The system's records show this person was dismissed for violations by ${s.organId} on ${s.endedOn}${recordRefEn(s)}`,
}));

// （六）曾从事警务辅助工作合同期未满擅自离职的；
// The system's own history decides too: an earlier service that ended with ABANDONMENT disqualifies
// even when the applicant does not declare it and the background check found nothing.
export const DISQ_6 = disqualificationOnRecord('DISQ-6', 6, ['ABANDONMENT'], (s) => ({
  zh: `系统记录显示此人曾于${s.endedOn}在${s.organId}合同期未满擅自离职${recordRef(s)}`,
  en: `The system's records show this person abandoned auxiliary work at ${s.organId} on ${s.endedOn}${recordRefEn(s)}`,
}));

// （七）被依法列为失信联合惩戒对象的；
export const DISQ_7 = disqualification('DISQ-7', 7);
// （八）不适合从事警务辅助工作的其他情形。
export const DISQ_8 = disqualification('DISQ-8', 8);
