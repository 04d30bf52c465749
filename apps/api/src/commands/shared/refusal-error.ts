import type { Refusal } from '@auxledger/domain';
import type { Judgement } from '@auxledger/statute';
import { AppError } from '../../errors/app-error';

/**
 * A refusal as an error: STATUTE (422) with every violation — its rule,
 * structured citation and rendering, messages, observed and expected values,
 * and the parameters it read with their sources and default flags; STATE (409)
 * with the domain's stable code.
 */
export function refusalError(commandId: string, commandType: string, refusal: Refusal, dryRun = false): AppError {
  const dry = dryRun ? { dryRun: true } : {};
  if (refusal.kind === 'STATE') {
    return new AppError('CONFLICT', refusal.code, refusal.message, { commandId, commandType, ...dry, refusal: 'STATE', ...(refusal.details ? { context: refusal.details } : {}) });
  }
  const j = refusal.judgement;
  const ids = [...new Set(j.violations.map((v) => v.ruleId))];
  return new AppError(
    'REFUSED_BY_STATUTE',
    'REFUSED_BY_STATUTE',
    {
      zh: `《内蒙古自治区公安机关警务辅助人员条例》不允许该指令：${j.violations.length} 处违反（${ids.join('、')}）`,
      en: `The regulation refuses this command: ${j.violations.length} violation(s) of ${ids.join(', ')}`,
    },
    { commandId, commandType, ...dry, refusal: 'STATUTE', ...judgementDetails(j) },
  );
}

function judgementDetails(j: Judgement) {
  const byKey = new Map(j.parameters.map((p) => [p.key, p]));
  return {
    effectiveDate: j.effectiveDate,
    ruleSet: j.ruleSet,
    usedDefaults: j.usedDefaults,
    violations: j.violations.map((v) => ({
      ruleId: v.ruleId,
      kind: v.kind,
      citation: v.citation,
      citationText: v.citationText,
      alsoCited: v.alsoCited,
      ...(v.relaxes ? { relaxes: v.relaxes } : {}),
      message: v.message,
      observed: v.observed,
      expected: v.expected,
      parameters: v.parameters.map((key) => byKey.get(key) ?? { key, value: null, source: null, isDefault: null }),
    })),
    recordedOnly: j.recordedOnly,
  };
}
