import { registerOrgan, setQuota } from '@auxledger/domain';
import { defineCommandEndpoint } from '../shared/define-command-endpoint';
import { RegisterOrganRequestDto } from './register-organ.request.dto';
import { SetQuotaRequestDto } from './set-quota.request.dto';

/** Organs and their quotas (用人额度). */
export const ORGAN_ENDPOINTS = [
  defineCommandEndpoint({
    handler: registerOrgan,
    dto: RegisterOrganRequestDto,
    // Registered under its parent: an operator holding the parent; the REGION organ (no parent) only an admin.
    scope: (d) => ({ organId: d.parentId }),
    summary: '登记机关 Register an organ',
    description: 'Level, kind (Art. 46) and parent. Operators register organs under an organ they hold; the REGION organ only an admin.',
  }),
  defineCommandEndpoint({
    handler: setQuota,
    dto: SetQuotaRequestDto,
    // The organ whose quota it is, and the authority recorded as having set it: an operator may not raise its own quota in a higher organ's name.
    scope: (d) => [{ organId: d.organId }, { organId: d.setByOrganId }],
    summary: '用人额度 Set the quota of an organ',
    description: 'Art. 7: from the effective date on, organ-wide or per category.',
  }),
];
