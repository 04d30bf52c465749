import { nmg } from '../citation';
import { defineCheck } from '../rule';
import type { FailureInput, Violation } from '../violation';
import { yuan } from '../vocabulary';

/** Penalties on others: Art. 44 (the prohibition itself is Art. 37 ¶4). */

export interface UniformFineFacts {
  readonly fine: {
    readonly conduct: 'MAKE' | 'SELL' | 'BUY' | 'HOLD' | 'USE';
    readonly item: 'UNIFORM' | 'INSIGNIA' | 'WORK_ID';
    readonly confiscated: boolean;
    readonly amountFen: number;
    /** 违法所得 (MAKE / SELL); null when not established. */
    readonly illegalIncomeFen: number | null;
  };
}

function itemCovered(f: UniformFineFacts['fine'], fail: (x: FailureInput) => Violation): Violation[] {
  const out: Violation[] = [];
  // Art. 44 names 服装、标识 only: 工作证件 (Art. 37 ¶4) carries no fine here — other laws apply (Art. 41).
  if (f.item === 'WORK_ID') out.push(fail({ zh: '第四十四条的罚款只适用于辅警服装、标识，不适用于工作证件', en: 'Art. 44 fines cover uniforms and insignia, not work IDs', observed: 'WORK_ID', expected: ['UNIFORM', 'INSIGNIA'] }));
  if (!f.confiscated) out.push(fail({ zh: '由公安机关予以没收', en: 'The items are confiscated', observed: false, expected: true }));
  return out;
}

// 第四十四条 违反本条例规定，非法制造、贩卖辅警服装、标识的，由公安机关予以没收，并处违法所得三倍以上五倍以下罚款；……
export const FINE_MAKE_SELL = defineCheck({
  id: 'FINE-MAKE-SELL',
  title: { zh: '非法制造、贩卖：违法所得三倍以上五倍以下罚款', en: 'Making or selling: fine of 3 to 5 times the illegal income' },
  citations: [nmg(44), nmg(37, 4)],
  uses: ['COMMAND'],
  parameters: [],
  check: function makeSellFineInRange({ fine: f }: UniformFineFacts, { fail }) {
    if (f.conduct !== 'MAKE' && f.conduct !== 'SELL') return [];
    const out = itemCovered(f, fail);
    if (f.illegalIncomeFen === null) {
      out.push(fail({ kind: 'CANNOT_DETERMINE', zh: '未认定违法所得，无法确定罚款幅度', en: 'No illegal income established: the fine range is unknown', observed: null, expected: 'illegal income in fen' }));
      return out;
    }
    const [min, max] = [3 * f.illegalIncomeFen, 5 * f.illegalIncomeFen];
    if (f.amountFen < min || f.amountFen > max) {
      out.push(fail({ zh: `罚款${yuan(f.amountFen)}元不在违法所得三倍以上五倍以下（${yuan(min)}至${yuan(max)}元）`, en: `Fine ${yuan(f.amountFen)} yuan outside 3–5 times the illegal income (${yuan(min)}–${yuan(max)} yuan)`, observed: f.amountFen, expected: `${min}..${max} fen` }));
    }
    return out;
  },
});

const BUY_HOLD_MIN_FEN = 500_00;
const BUY_HOLD_MAX_FEN = 1000_00;

// 第四十四条 ……非法购买、持有、使用辅警服装、标识的，由公安机关予以没收，并处500元以上1000元以下罚款；构成犯罪的，依法追究刑事责任。
export const FINE_BUY_HOLD = defineCheck({
  id: 'FINE-BUY-HOLD',
  title: { zh: '非法购买、持有、使用：500元以上1000元以下罚款', en: 'Buying, holding or using: fine of 500 to 1000 yuan' },
  citations: [nmg(44), nmg(37, 4)],
  uses: ['COMMAND'],
  parameters: [],
  check: function buyHoldFineInRange({ fine: f }: UniformFineFacts, { fail }) {
    if (f.conduct !== 'BUY' && f.conduct !== 'HOLD' && f.conduct !== 'USE') return [];
    const out = itemCovered(f, fail);
    if (f.amountFen < BUY_HOLD_MIN_FEN || f.amountFen > BUY_HOLD_MAX_FEN) {
      out.push(fail({ zh: `罚款${yuan(f.amountFen)}元不在500元以上1000元以下`, en: `Fine ${yuan(f.amountFen)} yuan outside 500–1000 yuan`, observed: f.amountFen, expected: `${BUY_HOLD_MIN_FEN}..${BUY_HOLD_MAX_FEN} fen` }));
    }
    return out;
  },
});
