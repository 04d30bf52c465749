import { validateNationalId } from '@auxledger/domain';
import { demoIdentity } from './demo-identities';

describe('demo identities', () => {
  const births = ['1985-02-28', '1992-11-30', '2000-02-29', '1999-07-01'];

  it('makes valid 公民身份号码 of Inner Mongolia: check digit, declared birth date, gender digit', () => {
    for (let i = 0; i < 400; i++) {
      const birthDate = births[i % births.length] as string;
      const id = demoIdentity(42, i, birthDate);
      const result = validateNationalId(id.idNumber, { birthDate, gender: id.gender, on: '2026-12-02' });
      expect([id.idNumber, result.ok]).toEqual([id.idNumber, true]);
      expect(id.idNumber.slice(0, 2)).toBe('15');
      expect(id.name).toMatch(/^[\u4e00-\u9fff]{2,6}$/);
    }
  });

  it('is the same for the same seed and ordinal, and differs otherwise', () => {
    expect(demoIdentity(7, 3, '1990-01-01')).toEqual(demoIdentity(7, 3, '1990-01-01'));
    const numbers = new Set(Array.from({ length: 200 }, (_, i) => demoIdentity(7, i, '1990-01-01').idNumber));
    expect(numbers.size).toBeGreaterThan(190);
    expect(demoIdentity(8, 3, '1990-01-01').idNumber).not.toBe(demoIdentity(7, 3, '1990-01-01').idNumber);
  });

  it('follows a declared gender in the order code', () => {
    expect(Number(demoIdentity(1, 1, '1990-01-01', 'MALE').idNumber[16]) % 2).toBe(1);
    expect(Number(demoIdentity(1, 1, '1990-01-01', 'FEMALE').idNumber[16]) % 2).toBe(0);
  });
});
