import { QUOTA_CHECKS, judgeInForce, type AuxiliaryCategory } from '@auxledger/statute';
import { accept, refuseByState, refuseByStatute, type Command, type CommandHandler, type StreamRef } from '../kernel';
import { organRef, quotaSet, type OrganState } from './organ';

/**
 * Sets an organ's 用人额度 (Art. 7) from the command's effective date on,
 * organ-wide (category null) or for one category. Earlier quotas stay in the
 * history; the one in force on a date is the latest from on or before it.
 * The setting authority's level is read from its own stream (role `authority`).
 */
export type SetQuota = Command<
  'SetQuota',
  { organId: string; category: AuxiliaryCategory | null; headcount: number; documentRef: string; setByOrganId: string }
>;

type Streams = { organ: StreamRef<OrganState>; authority?: StreamRef<OrganState> };

export const setQuota: CommandHandler<SetQuota, Streams> = {
  commandType: 'SetQuota',
  streams: ({ data }) => ({
    organ: organRef(data.organId),
    // The REGION organ setting its own quota reads one stream, not the same one twice.
    ...(data.setByOrganId !== data.organId ? { authority: organRef(data.setByOrganId) } : {}),
  }),
  decide({ data, metadata }, { organ, authority }, { registry }) {
    if (organ.status !== 'REGISTERED') {
      return refuseByState('ORGAN_NOT_REGISTERED', { zh: `机关${data.organId}未登记`, en: `Organ ${data.organId} is not registered` });
    }
    const setter = data.setByOrganId === data.organId ? organ : authority;
    if (setter?.status !== 'REGISTERED') {
      return refuseByState('AUTHORITY_NOT_REGISTERED', { zh: `核定机关${data.setByOrganId}未登记`, en: `The setting authority ${data.setByOrganId} is not registered` });
    }

    const from = metadata.effectiveDate;
    const judgement = judgeInForce(registry, QUOTA_CHECKS, {
      effectiveDate: from,
      quota: { organId: data.organId, setByLevel: setter.level, documentRef: data.documentRef, headcount: data.headcount, from },
    });
    if (!judgement.ok) return refuseByStatute(judgement);

    const { organId, category, headcount, documentRef, setByOrganId } = data;
    return accept({ organ: [quotaSet({ organId, category, headcount, documentRef: documentRef.trim(), setByOrganId, from })] }, judgement);
  },
};
