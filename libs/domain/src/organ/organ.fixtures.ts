import type { OrganKind, OrganLevel } from '@auxledger/statute';
import { organRegistered, type OrganRegistered } from './organ';

/** Registration events for specs: 内蒙古自治区公安厅 → 呼和浩特市公安局 → 新城区分局 → 派出所. */
export const registered = (organId: string, level: OrganLevel, parentId: string | null, kind: OrganKind = 'PUBLIC_SECURITY'): OrganRegistered =>
  organRegistered({ organId, name: `${organId} 公安机关`, level, kind, parentId });

export const REGION = registered('nmg', 'REGION', null);
export const CITY = registered('hohhot', 'CITY', 'nmg');
export const COUNTY = registered('xincheng', 'COUNTY', 'hohhot');
export const UNIT = registered('xincheng-pcs', 'UNIT', 'xincheng');
