import { failedRules, violationsOf } from '../testing/judge';

const on = '2024-10-01';
const fine = (conduct: 'MAKE' | 'SELL' | 'BUY' | 'HOLD' | 'USE', amountFen: number, illegalIncomeFen: number | null = null, item: 'UNIFORM' | 'INSIGNIA' | 'WORK_ID' = 'UNIFORM', confiscated = true) =>
  failedRules(['FINE-MAKE-SELL', 'FINE-BUY-HOLD'], { effectiveDate: on, fine: { conduct, item, confiscated, amountFen, illegalIncomeFen } });

describe('Art. 44: making or selling uniforms or insignia — confiscation and 3 to 5 times the illegal income', () => {
  it.each([
    ['2999.99 yuan on 1000 income', 299_999, false],
    ['3000 yuan on 1000 income (3×, 以上 includes it)', 300_000, true],
    ['5000 yuan on 1000 income (5×, 以下 includes it)', 500_000, true],
    ['5000.01 yuan on 1000 income', 500_001, false],
  ])('%s → allowed: %s', (_n, amount, ok) => {
    expect(fine('MAKE', amount, 100_000)).toEqual(ok ? [] : ['FINE-MAKE-SELL']);
    expect(fine('SELL', amount, 100_000)).toEqual(ok ? [] : ['FINE-MAKE-SELL']);
  });

  it('the violation names the range in fen and in yuan', () => {
    const [v] = violationsOf(['FINE-MAKE-SELL'], { effectiveDate: on, fine: { conduct: 'SELL', item: 'INSIGNIA', confiscated: true, amountFen: 299_999, illegalIncomeFen: 100_000 } });
    expect(v).toMatchObject({ observed: 299_999, expected: '300000..500000 fen', citation: { article: 44 } });
    expect(v?.message.zh).toContain('3000.00至5000.00元');
  });

  it('without an established illegal income the range cannot be determined', () => {
    expect(violationsOf(['FINE-MAKE-SELL'], { effectiveDate: on, fine: { conduct: 'MAKE', item: 'UNIFORM', confiscated: true, amountFen: 1, illegalIncomeFen: null } }).map((v) => v.kind)).toEqual(['CANNOT_DETERMINE']);
  });
});

describe('Art. 44: buying, holding or using uniforms or insignia — confiscation and 500 to 1000 yuan', () => {
  it.each([
    [49_999, false],
    [50_000, true],
    [75_000, true],
    [100_000, true],
    [100_001, false],
  ])('%i fen allowed: %s', (amount, ok) => {
    for (const conduct of ['BUY', 'HOLD', 'USE'] as const) expect(fine(conduct, amount)).toEqual(ok ? [] : ['FINE-BUY-HOLD']);
  });

  it('without confiscation the fine is incomplete', () => {
    expect(fine('HOLD', 50_000, null, 'UNIFORM', false)).toEqual(['FINE-BUY-HOLD']);
  });

  it('Art. 44 names uniforms and insignia only: a fine on a work ID has no basis here', () => {
    expect(fine('HOLD', 50_000, null, 'WORK_ID')).toEqual(['FINE-BUY-HOLD']);
    expect(fine('MAKE', 300_000, 100_000, 'WORK_ID')).toEqual(['FINE-MAKE-SELL']);
  });
});
