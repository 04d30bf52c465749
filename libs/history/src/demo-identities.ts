import { type Gender, nationalIdCheckCharacter } from '@auxledger/domain';
import type { IsoDate } from '@auxledger/statute';
import { Prng } from './prng';

/**
 * Demo identities (issue 10 item 6): a plausible Chinese name and a valid
 * 18-digit 公民身份号码 for a generated applicant — GB 11643-1999: a real
 * division code of Inner Mongolia (GB/T 2260), the birth date declared, an
 * order code whose last digit is odd for men and even for women, the
 * ISO 7064 MOD 11-2 check character. Deterministic from the seed and the
 * person's ordinal, with a generator of its own: the history's own random
 * draws are not disturbed.
 */
export interface DemoIdentity {
  name: string;
  gender: Gender;
  idNumber: string;
  birthDate: IsoDate;
  nationality: 'CN';
  contact: { phone: string; address: string };
  documents: Array<{ kind: string; ref: string }>;
}

/** Divisions of Inner Mongolia (GB/T 2260 county codes) with their 盟市 name, for addresses. */
const DIVISIONS: ReadonlyArray<readonly [code: string, place: string]> = [
  ['150102', '呼和浩特市新城区'], ['150103', '呼和浩特市回民区'], ['150104', '呼和浩特市玉泉区'], ['150105', '呼和浩特市赛罕区'],
  ['150121', '呼和浩特市土默特左旗'], ['150122', '呼和浩特市托克托县'], ['150202', '包头市东河区'], ['150203', '包头市昆都仑区'],
  ['150204', '包头市青山区'], ['150207', '包头市九原区'], ['150302', '乌海市海勃湾区'], ['150402', '赤峰市红山区'],
  ['150404', '赤峰市松山区'], ['150502', '通辽市科尔沁区'], ['150602', '鄂尔多斯市东胜区'], ['150603', '鄂尔多斯市康巴什区'],
  ['150702', '呼伦贝尔市海拉尔区'], ['150802', '巴彦淖尔市临河区'], ['150902', '乌兰察布市集宁区'], ['152201', '兴安盟乌兰浩特市'],
  ['152501', '锡林郭勒盟二连浩特市'], ['152502', '锡林郭勒盟锡林浩特市'], ['152921', '阿拉善盟阿拉善左旗'],
];
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '马', '胡', '朱', '郭', '何', '高', '林', '罗', '郑', '梁', '谢', '宋', '唐', '韩', '冯', '于', '董', '萧', '程', '曹', '袁', '邓', '许', '傅', '沈', '曾', '彭', '吕', '苏', '卢', '蒋', '蔡', '贾', '丁', '魏', '薛', '叶', '阎', '乌', '白', '包', '宝', '巴', '额尔敦'];
const GIVEN_MALE = ['伟', '强', '磊', '军', '勇', '杰', '涛', '斌', '超', '明', '刚', '平', '辉', '鹏', '华', '飞', '鑫', '波', '宁', '浩', '志', '峰', '建', '文', '巴特尔', '苏和', '朝鲁', '额尔德尼'];
const GIVEN_FEMALE = ['芳', '娜', '敏', '静', '丽', '艳', '娟', '霞', '燕', '玲', '婷', '慧', '雪', '琳', '莉', '颖', '洁', '佳', '欣', '悦', '萨仁', '其其格', '乌兰', '娜仁'];

/**
 * The identity of the person with this ordinal, born on `birthDate`, in the
 * history of `seed`. A birth date leaves 11 500 numbers a sex (division,
 * sequence), so two people may draw the same: `attempt` (1, 2, …) draws
 * another for the same person (`giveIdentity` does until the number is new).
 */
export function demoIdentity(seed: number, ordinal: number, birthDate: IsoDate, gender?: Gender, attempt = 0): DemoIdentity {
  const rng = new Prng(((seed >>> 0) ^ Math.imul(ordinal + 1, 0x9e3779b1) ^ Math.imul(attempt, 0x85ebca6b)) >>> 0);
  const sex: Gender = gender ?? (rng.chance(0.5) ? 'MALE' : 'FEMALE');
  const surname = rng.pick(SURNAMES);
  const given = sex === 'MALE' ? GIVEN_MALE : GIVEN_FEMALE;
  const first = rng.pick(given);
  const name = first.length > 1 || rng.chance(0.4) ? `${surname}${first}` : `${surname}${first}${rng.pick(given).slice(0, 1)}`;
  const [code, place] = rng.pick(DIVISIONS);
  const order = rng.int(0, 49) * 2 + (sex === 'MALE' ? 1 : 0);
  const first17 = `${code}${birthDate.replace(/-/g, '')}${String(rng.int(0, 9))}${String(order).padStart(2, '0')}`;
  const idNumber = `${first17}${nationalIdCheckCharacter(first17)}`;
  return {
    name,
    gender: sex,
    idNumber,
    birthDate,
    nationality: 'CN',
    contact: { phone: `1${rng.pick(['38', '39', '50', '58', '86', '87'])}${String(rng.int(0, 99_999_999)).padStart(8, '0')}`, address: place },
    documents: [{ kind: 'ID_CARD_COPY', ref: `REG-${seed}-${ordinal}` }],
  };
}
