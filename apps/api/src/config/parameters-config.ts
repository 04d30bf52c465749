import { readFileSync } from 'node:fs';
import { REGISTRY, type RuleSetRegistry, type RulesInForce, registryWithLocalMeasures } from '@auxledger/statute';

/**
 * The local measures file named by `AUXLEDGER_PARAMETERS` (see
 * `registryWithLocalMeasures`); without one, the defaults. An invalid file
 * stops the start with the reason.
 */
export function loadRegistry(file: string | null): RuleSetRegistry<RulesInForce> {
  if (!file) return REGISTRY;
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`AUXLEDGER_PARAMETERS ${file}: cannot read JSON (${(error as Error).message})`);
  }
  return registryWithLocalMeasures(json, `AUXLEDGER_PARAMETERS ${file}`);
}
