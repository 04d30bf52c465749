import type { ReadModelStore } from '@auxledger/projection-engine';
import { organHierarchy } from '@auxledger/read-models';
import { AppError } from '../../errors/app-error';

/** 404 ORGAN_NOT_FOUND, in both languages, when the organ a query names is not registered: one answer for every query endpoint. */
export async function requireKnownOrgan(store: ReadModelStore, organId: string): Promise<void> {
  if ((await store.get(organHierarchy, organId)) === null) {
    throw new AppError('NOT_FOUND', 'ORGAN_NOT_FOUND', { zh: `没有机关 ${organId}`, en: `No organ ${organId}` }, { organId });
  }
}
