import { ORGAN_CHECKS, judgeInForce, type OrganKind, type OrganLevel } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { organRef, organRegistered, type OrganState } from './organ';

/** Registers an organ with its level, kind (Art. 46) and parent; ORG-LEVEL reads the parent's level from its own stream. */
export type RegisterOrgan = Command<
  'RegisterOrgan',
  { organId: string; name: string; level: OrganLevel; kind: OrganKind; /** null for the REGION organ. */ parentId: string | null }
>;

type Streams = { organ: StreamRef<OrganState>; parent?: StreamRef<OrganState> };

export const registerOrgan: CommandHandler<RegisterOrgan, Streams> = {
  commandType: 'RegisterOrgan',
  streams: ({ data }) => ({
    organ: organRef(data.organId),
    ...(data.parentId !== null && data.parentId !== data.organId ? { parent: organRef(data.parentId) } : {}),
  }),
  decide({ data, metadata }, { organ, parent }, { registry }) {
    if (organ.status !== 'UNREGISTERED') {
      return refuseWithStateCode('ORGAN_ALREADY_REGISTERED', { zh: `机关${data.organId}已登记`, en: `Organ ${data.organId} is already registered` });
    }
    if (data.parentId === data.organId) {
      return refuseWithStateCode('ORGAN_OWN_PARENT', { zh: '机关不能是自己的上级机关', en: 'An organ cannot be its own parent' });
    }
    if (data.parentId !== null && parent?.status !== 'REGISTERED') {
      return refuseWithStateCode('PARENT_NOT_REGISTERED', { zh: `上级机关${data.parentId}未登记`, en: `The parent organ ${data.parentId} is not registered` });
    }
    if (!data.name.trim()) {
      return refuseWithStateCode('ORGAN_NAME_MISSING', { zh: '机关名称不能为空', en: 'An organ needs a name' });
    }

    const judgement = judgeInForce(registry, ORGAN_CHECKS, {
      effectiveDate: metadata.effectiveDate,
      organ: { id: data.organId, level: data.level, kind: data.kind, parent: parent?.status === 'REGISTERED' ? { id: parent.organId, level: parent.level } : null },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);

    return accept({ organ: [organRegistered({ organId: data.organId, name: data.name, level: data.level, kind: data.kind, parentId: data.parentId })] }, judgement);
  },
};
