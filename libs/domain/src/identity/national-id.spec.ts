import { isPlausibleRegionCode, maskNationalId, nationalIdCheckCharacter, normaliseNationalId, validateNationalId } from './national-id';

const codes = (raw: string, expected = {}) => {
  const r = validateNationalId(raw, expected);
  return r.ok ? [] : r.problems.map((p) => p.code);
};

describe('公民身份号码 (GB 11643-1999)', () => {
  it.each([
    // The standard's own examples, then Inner Mongolian numbers (呼和浩特新城区, 乌兰察布盟 before it became a city, 阿拉善盟, a 29 February).
    ['11010519491231002X', '1949-12-31', 'FEMALE'],
    ['440524188001010014', '1880-01-01', 'MALE'],
    ['15010219900307231X', '1990-03-07', 'MALE'],
    ['152627198506151230', '1985-06-15', 'MALE'],
    ['152901200002294564', '2000-02-29', 'FEMALE'],
    ['150421199511110031', '1995-11-11', 'MALE'],
  ])('accepts %s: born %s, %s', (number, birthDate, gender) => {
    expect(validateNationalId(number, { birthDate: birthDate as string, on: '2025-01-01' })).toEqual({
      ok: true,
      id: { number, regionCode: number.slice(0, 6), birthDate, gender },
    });
  });

  it('normalises what people type: a lower-case x, spaces, full-width characters', () => {
    expect(normaliseNationalId(' 110105 19491231 002x ')).toBe('11010519491231002X');
    expect(normaliseNationalId('１５０１０２１９９００３０７２３１Ｘ')).toBe('15010219900307231X');
    expect(validateNationalId('11010519491231002x').ok).toBe(true);
  });

  it.each([
    ['a wrong check digit', '150102199003072311', ['ID_NUMBER_CHECK_DIGIT']],
    ['two digits swapped', '150102199030072311'.slice(0, 17) + nationalIdCheckCharacter('15010219903007231'), ['ID_NUMBER_BIRTH_DATE']],
    ['30 February (check digit right)', '15010219900230' + '231' + nationalIdCheckCharacter('15010219900230231'), ['ID_NUMBER_BIRTH_DATE']],
    ['29 February of 1900 (no leap year)', '15010219000229' + '231' + nationalIdCheckCharacter('15010219000229231'), ['ID_NUMBER_BIRTH_DATE']],
    ['month 13', '15010219901301' + '231' + nationalIdCheckCharacter('15010219901301231'), ['ID_NUMBER_BIRTH_DATE']],
    ['a province that does not exist (99)', '99010219900307' + '231' + nationalIdCheckCharacter('99010219900307231'), ['ID_NUMBER_REGION']],
    ['an Inner Mongolian prefecture that does not exist (1519)', '15190219900307' + '231' + nationalIdCheckCharacter('15190219900307231'), ['ID_NUMBER_REGION']],
    ['a county part 00', '15010019900307' + '231' + nationalIdCheckCharacter('15010019900307231'), ['ID_NUMBER_REGION']],
    ['17 characters', '15010219900307231', ['ID_NUMBER_FORMAT']],
    ['a letter inside', '1501021990O307231X', ['ID_NUMBER_FORMAT']],
    ['an X not at the end', 'X50102199003072310', ['ID_NUMBER_FORMAT']],
  ])('refuses %s', (_, number, expected) => {
    expect(codes(number)).toEqual(expected);
  });

  it('refuses a birth date other than the declared one, and a gender other than the declared one', () => {
    expect(codes('15010219900307231X', { birthDate: '1990-03-08' })).toEqual(['ID_NUMBER_BIRTH_DATE_MISMATCH']);
    expect(codes('15010219900307231X', { gender: 'FEMALE' })).toEqual(['ID_NUMBER_GENDER_MISMATCH']);
    expect(codes('15010219900307231X', { birthDate: '1990-03-07', gender: 'MALE' })).toEqual([]);
  });

  it('refuses a birth date after the day it is judged on, and every problem at once', () => {
    expect(codes('150102203001012316'.slice(0, 17) + nationalIdCheckCharacter('15010220300101231'), { on: '2025-01-01' })).toEqual(['ID_NUMBER_BIRTH_DATE']);
    expect(codes('991900199002300001')).toEqual(['ID_NUMBER_CHECK_DIGIT', 'ID_NUMBER_REGION', 'ID_NUMBER_BIRTH_DATE']);
  });

  it('never repeats the number in a message', () => {
    const number = '991900199002300001';
    const r = validateNationalId(number, { birthDate: '1990-01-01' });
    expect(r.ok).toBe(false);
    expect(JSON.stringify(r)).not.toContain(number);
    expect(JSON.stringify(r)).not.toContain(number.slice(0, 14));
  });

  it('knows the plausible divisions', () => {
    expect(['150102', '152921', '152527', '110105', '810000', '710000'].map(isPlausibleRegionCode)).toEqual([true, true, true, true, true, true]);
    expect(['150000', '151002', '000000', '720000', '81000', '810001'].map(isPlausibleRegionCode)).toEqual([false, false, false, false, false, false]);
  });

  it('masks all but the first and last four characters', () => {
    expect(maskNationalId('15010219900307123X')).toBe('1501**********123X');
  });
});
