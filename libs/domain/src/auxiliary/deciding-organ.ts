import type { DecidingOrganFacts } from '@auxledger/statute';
import { type Decision, type StreamRef, refuseWithStateCode } from '../kernel';
import { type OrganState, isRegisteredOrgan, organRef } from '../organ';

/**
 * DECIDING-ORGAN (Art. 34 ¶1, our reading): a command that names a deciding
 * organ the regulation does not name itself is decided by the using organ or
 * an organ above it. Which organs are above is the organ registry's: the
 * command names the path from the using organ up (`organPath`, nearest first,
 * e.g. from the organ hierarchy view); the handler reads each organ's stream
 * (role `organ:<id>`) and takes the path only as the registry records it.
 */

export type OrganPathRefs = Record<`organ:${string}`, StreamRef<OrganState>>;

export const organPathRole = (organId: string) => `organ:${organId}` as const;

/** The streams of the organs on the path (none without one). */
export const organPathRefs = (organPath: readonly string[] | undefined): OrganPathRefs =>
  Object.fromEntries((organPath ?? []).map((id) => [organPathRole(id), organRef(id)])) as OrganPathRefs;

/**
 * The facts of DECIDING-ORGAN: the ancestors of the using organ as the registry
 * records them along the path the command names — or a refusal when the path
 * is not the registry's (it must start at the using organ, each organ the
 * parent of the one before).
 */
export function decidingOrganFacts(
  decidingOrganId: string,
  usingOrganId: string,
  organPath: readonly string[] | undefined,
  states: Readonly<Record<string, unknown>>,
): DecidingOrganFacts | Decision<never> {
  if (organPath === undefined || organPath.length === 0) return { decision: { decidingOrganId, usingOrganId, usingOrganAncestorIds: null } };
  const notOnRecord = (why: string) =>
    refuseWithStateCode('ORGAN_PATH_NOT_ON_RECORD', { zh: `机关路径与机关登记不符：${why}`, en: `The organ path is not the organ registry's: ${why}` }, { organPath: [...organPath] });
  if (organPath[0] !== usingOrganId) return notOnRecord(`it starts at ${organPath[0]}, not at the using organ ${usingOrganId}`);
  for (let i = 1; i < organPath.length; i += 1) {
    const below = states[organPathRole(organPath[i - 1] as string)] as OrganState | undefined;
    if (!below || !isRegisteredOrgan(below) || below.parentId !== organPath[i]) return notOnRecord(`${organPath[i]} is not the parent of ${organPath[i - 1]}`);
  }
  return { decision: { decidingOrganId, usingOrganId, usingOrganAncestorIds: organPath.slice(1) } };
}

export const isDecidingOrganFacts = (x: DecidingOrganFacts | Decision<never>): x is DecidingOrganFacts => 'decision' in x;
