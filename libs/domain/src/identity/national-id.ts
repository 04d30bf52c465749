import type { Bilingual, IsoDate } from '@auxledger/statute';

/**
 * 公民身份号码 (GB 11643-1999): six digits of the administrative division
 * where it was first issued (GB/T 2260), eight of the birth date, three of the
 * sequence (odd: male, even: female) and a check character (ISO 7064 MOD 11-2,
 * 0–9 or X). Pure: no clock — the caller names the day the number is judged on.
 *
 * A refusal never repeats the number: it names what is wrong and where.
 */

export type Gender = 'MALE' | 'FEMALE';

export interface NationalId {
  /** The normalised number: 18 characters, the check character upper-case. */
  number: string;
  regionCode: string;
  birthDate: IsoDate;
  gender: Gender;
}

export type NationalIdProblemCode =
  | 'ID_NUMBER_FORMAT'
  | 'ID_NUMBER_CHECK_DIGIT'
  | 'ID_NUMBER_REGION'
  | 'ID_NUMBER_BIRTH_DATE'
  | 'ID_NUMBER_BIRTH_DATE_MISMATCH'
  | 'ID_NUMBER_GENDER_MISMATCH';

export interface NationalIdProblem {
  code: NationalIdProblemCode;
  message: Bilingual;
}

export type NationalIdResult = { ok: true; id: NationalId } | { ok: false; problems: NationalIdProblem[] };

/** ISO 7064 MOD 11-2 weights: 2^(17−i) mod 11. */
const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** The check character of the first 17 digits. */
export function nationalIdCheckCharacter(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/**
 * Provinces (GB/T 2260's first two digits). 71 台湾, 81 香港, 82 澳门 and 83
 * (台湾居民居住证) appear only as x0000 on residence permits (港澳台居民居住证).
 */
const PROVINCES = new Set(['11', '12', '13', '14', '15', '21', '22', '23', '31', '32', '33', '34', '35', '36', '37', '41', '42', '43', '44', '45', '46', '50', '51', '52', '53', '54', '61', '62', '63', '64', '65']);
const PERMIT_REGIONS = new Set(['710000', '810000', '820000', '830000']);
/**
 * 内蒙古 (15): the 盟市 of GB/T 2260 — 01 呼和浩特 … 09 乌兰察布, 22 兴安盟,
 * 25 锡林郭勒盟, 29 阿拉善盟 — and the codes of the leagues before they became
 * cities (21 呼伦贝尔盟, 23 哲里木盟, 24 昭乌达盟, 26 乌兰察布盟, 27 伊克昭盟,
 * 28 巴彦淖尔盟): a number keeps the code it was first issued under.
 */
const INNER_MONGOLIA_PREFECTURES = new Set(['01', '02', '03', '04', '05', '06', '07', '08', '09', '21', '22', '23', '24', '25', '26', '27', '28', '29']);

/** A plausible division: a known province, a prefecture (for 15: one of Inner Mongolia's), a county part other than 00. */
export function isPlausibleRegionCode(code: string): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  if (PERMIT_REGIONS.has(code)) return true;
  const province = code.slice(0, 2);
  const prefecture = code.slice(2, 4);
  const county = code.slice(4, 6);
  if (!PROVINCES.has(province) || county === '00') return false;
  if (province === '15') return INNER_MONGOLIA_PREFECTURES.has(prefecture);
  return prefecture !== '00';
}

/** Full-width digits and X (ＸＸ), spaces and a lower-case x are what people type; the number itself is 18 ASCII characters. */
export function normaliseNationalId(raw: string): string {
  return raw.normalize('NFKC').replace(/\s+/g, '').toUpperCase();
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

function existingDate(yyyymmdd: string): IsoDate | null {
  const y = Number(yyyymmdd.slice(0, 4));
  const m = Number(yyyymmdd.slice(4, 6));
  const d = Number(yyyymmdd.slice(6, 8));
  if (m < 1 || m > 12 || d < 1) return null;
  const days = m === 2 && isLeap(y) ? 29 : (DAYS_IN_MONTH[m - 1] as number);
  if (d > days) return null;
  return `${yyyymmdd.slice(0, 4)}-${yyyymmdd.slice(4, 6)}-${yyyymmdd.slice(6, 8)}`;
}

export interface NationalIdExpectations {
  /** The birth date the person declared: must equal the number's. */
  birthDate?: IsoDate;
  /** The gender the person declared: must agree with the sequence digit. */
  gender?: Gender;
  /** The day the number is judged on: a birth date after it is impossible. */
  on?: IsoDate;
}

/** Validates a 公民身份号码 and what it must agree with; every problem found, in one answer. */
export function validateNationalId(raw: string, expected: NationalIdExpectations = {}): NationalIdResult {
  const number = normaliseNationalId(raw);
  if (!/^\d{17}[\dX]$/.test(number)) {
    return {
      ok: false,
      problems: [
        {
          code: 'ID_NUMBER_FORMAT',
          message: {
            zh: `公民身份号码须为18位：17位数字加1位校验码（数字或X），收到${number.length}位`,
            en: `A citizen ID number is 18 characters: 17 digits and a check character (digit or X); got ${number.length}`,
          },
        },
      ],
    };
  }
  const problems: NationalIdProblem[] = [];
  if (nationalIdCheckCharacter(number) !== number[17]) {
    problems.push({
      code: 'ID_NUMBER_CHECK_DIGIT',
      message: { zh: '公民身份号码校验码不符（GB 11643-1999，ISO 7064 MOD 11-2）：号码可能输错', en: 'The check character does not match (GB 11643-1999, ISO 7064 MOD 11-2): the number was probably mistyped' },
    });
  }
  const regionCode = number.slice(0, 6);
  if (!isPlausibleRegionCode(regionCode)) {
    problems.push({ code: 'ID_NUMBER_REGION', message: { zh: '公民身份号码前6位不是有效的行政区划代码', en: 'The first six digits are not a valid administrative division code' } });
  }
  const birthDate = existingDate(number.slice(6, 14));
  if (birthDate === null || birthDate < '1850-01-01' || (expected.on !== undefined && birthDate > expected.on)) {
    problems.push({ code: 'ID_NUMBER_BIRTH_DATE', message: { zh: '公民身份号码第7至14位不是存在的出生日期', en: 'Characters 7–14 are not a date of birth that exists' } });
  } else if (expected.birthDate !== undefined && birthDate !== expected.birthDate) {
    problems.push({
      code: 'ID_NUMBER_BIRTH_DATE_MISMATCH',
      message: { zh: `公民身份号码中的出生日期与申报的出生日期（${expected.birthDate}）不一致`, en: `The date of birth in the number differs from the declared one (${expected.birthDate})` },
    });
  }
  const gender: Gender = Number(number[16]) % 2 === 1 ? 'MALE' : 'FEMALE';
  if (expected.gender !== undefined && gender !== expected.gender) {
    problems.push({
      code: 'ID_NUMBER_GENDER_MISMATCH',
      message: { zh: '公民身份号码第17位（奇数为男，偶数为女）与申报的性别不一致', en: 'Character 17 (odd: male, even: female) disagrees with the declared gender' },
    });
  }
  if (problems.length || birthDate === null) return { ok: false, problems };
  return { ok: true, id: { number, regionCode, birthDate, gender } };
}

/** What an operator sees without asking: the first four and last four characters (`1501**********123X`). */
export const maskNationalId = (number: string): string => (number.length === 18 ? `${number.slice(0, 4)}${'*'.repeat(10)}${number.slice(14)}` : '*'.repeat(number.length));
