/** Shared words of the facts records the rules read. */
import type { IsoDate } from './dates';

/** REGION 自治区; CITY 盟行政公署 / 设区的市; COUNTY 旗县级; UNIT 警种、单位、基层所队. */
export type OrganLevel = 'REGION' | 'CITY' | 'COUNTY' | 'UNIT';
export const ORGAN_LEVELS: readonly OrganLevel[] = ['REGION', 'CITY', 'COUNTY', 'UNIT'];

/** Art. 46: courts, procuratorates and justice administration apply the regulation 参照执行. */
export type OrganKind = 'PUBLIC_SECURITY' | 'COURT' | 'PROCURATORATE' | 'JUSTICE_ADMIN';
export const ORGAN_KINDS: readonly OrganKind[] = ['PUBLIC_SECURITY', 'COURT', 'PROCURATORATE', 'JUSTICE_ADMIN'];

/** Lowest first. SECONDARY_VOCATIONAL 中专 and HIGH_SCHOOL 高中 rank the same. */
export type EducationLevel =
  | 'BELOW_HIGH_SCHOOL'
  | 'HIGH_SCHOOL'
  | 'SECONDARY_VOCATIONAL'
  | 'JUNIOR_COLLEGE'
  | 'BACHELOR'
  | 'MASTER'
  | 'DOCTORATE';

export const EDUCATION_RANK: Readonly<Record<EducationLevel, number>> = {
  BELOW_HIGH_SCHOOL: 0,
  HIGH_SCHOOL: 1,
  SECONDARY_VOCATIONAL: 1,
  JUNIOR_COLLEGE: 2,
  BACHELOR: 3,
  MASTER: 4,
  DOCTORATE: 5,
};

/** Art. 20 (1)–(6). */
export type RecruitmentStage = 1 | 2 | 3 | 4 | 5 | 6;

export interface StageRecord {
  readonly stage: RecruitmentStage;
  readonly outcome: 'PASSED' | 'FAILED';
  readonly date: IsoDate;
}

/** Art. 40 grounds, and the reason codes the catalog names (TERMINATE). */
export type TerminationReason =
  | 'CONTRACT_EXPIRY'
  | 'MUTUAL_AGREEMENT'
  | 'RESIGNATION'
  | 'DISMISSAL_FOR_VIOLATION'
  /** 擅自离职: left before the contract ended without permission (Art. 23 (6)). */
  | 'ABANDONMENT'
  | 'DEATH'
  | 'OTHER_STATUTORY';

export const TERMINATION_REASONS: readonly TerminationReason[] = [
  'CONTRACT_EXPIRY',
  'MUTUAL_AGREEMENT',
  'RESIGNATION',
  'DISMISSAL_FOR_VIOLATION',
  'ABANDONMENT',
  'DEATH',
  'OTHER_STATUTORY',
];

export type AuxiliaryStatus = 'APPLICANT' | 'ACTIVE' | 'SUSPENDED' | 'DEPARTED';

export function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}
