import { QUOTA_CHECKS, judgeInForce, type AuxiliaryCategory } from '@auxledger/statute';
import { accept, refuseWithStateCode, refuseCitingRules, type Command, type CommandHandler, type StreamRef } from '../kernel';
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
    const from = metadata.effectiveDate;
    // Registered, and on the quota's date: a quota from before an organ existed would count in quota use for days it had none.
    if (organ.status !== 'REGISTERED' || organ.registeredOn > from) {
      return refuseWithStateCode(
        'ORGAN_NOT_REGISTERED',
        organ.status !== 'REGISTERED'
          ? { zh: `机关${data.organId}未登记`, en: `Organ ${data.organId} is not registered` }
          : { zh: `机关${data.organId}于${organ.registeredOn}登记，${from}时尚未登记`, en: `Organ ${data.organId} was registered on ${organ.registeredOn}: not yet on ${from}` },
        { organId: data.organId, ...(organ.status === 'REGISTERED' ? { registeredOn: organ.registeredOn } : {}) },
      );
    }
    const setter = data.setByOrganId === data.organId ? organ : authority;
    if (setter?.status !== 'REGISTERED' || setter.registeredOn > from) {
      return refuseWithStateCode(
        'AUTHORITY_NOT_REGISTERED',
        setter?.status !== 'REGISTERED'
          ? { zh: `核定机关${data.setByOrganId}未登记`, en: `The setting authority ${data.setByOrganId} is not registered` }
          : { zh: `核定机关${data.setByOrganId}于${setter.registeredOn}登记，${from}时尚未登记`, en: `The setting authority ${data.setByOrganId} was registered on ${setter.registeredOn}: not yet on ${from}` },
        { setByOrganId: data.setByOrganId, ...(setter?.status === 'REGISTERED' ? { registeredOn: setter.registeredOn } : {}) },
      );
    }

    const judgement = judgeInForce(registry, QUOTA_CHECKS, {
      effectiveDate: from,
      quota: { organId: data.organId, setByLevel: setter.level, documentRef: data.documentRef, headcount: data.headcount, from },
    });
    if (!judgement.ok) return refuseCitingRules(judgement);

    const { organId, category, headcount, documentRef, setByOrganId } = data;
    return accept({ organ: [quotaSet({ organId, category, headcount, documentRef: documentRef.trim(), setByOrganId, from })] }, judgement);
  },
};
