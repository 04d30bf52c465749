import { readFileSync } from 'node:fs';
import { RULES_2024, type AnyRule } from '@auxledger/statute';
import { COVERAGE_FILE, collectRuleMentions, renderCoverage } from './statute-coverage';

describe('the statute coverage table (docs/statute-coverage.md)', () => {
  it('is current: regenerate it with `npm run statute-coverage`', () => {
    expect(readFileSync(COVERAGE_FILE, 'utf8')).toBe(renderCoverage());
  });

  it('gives every implemented rule at least one test, and every recorded-only rule its reason', () => {
    const rules = Object.values(RULES_2024) as AnyRule[];
    const mentions = collectRuleMentions(rules.map((r) => r.id));
    const untested = rules.filter((r) => r.kind === 'CHECK' && (mentions.get(r.id) ?? []).length === 0).map((r) => r.id);
    expect(untested).toEqual([]);
    for (const rule of rules.filter((r) => r.kind === 'RECORDED')) expect(rule.kind === 'RECORDED' && rule.reason.en.length).toBeGreaterThan(10);
  });
});
