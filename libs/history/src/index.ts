export { generateHistory, defaultHeadcount, EVENTS_PER_HEAD, type HistoryOptions, type HistorySummary } from './generate-history';
export type { HistoryProgress, RefusalSample } from './simulation';
export { demoRegistry, demoPayStandards, payStandardOn, DEMO_PAY_SOURCE, DEMO_PAY_RISE_FROM } from './demo-registry';
export { type RegionOrgansFile, type DivisionNode, CITY_IDS, REGION_ORGAN_ID, citiesOf } from './organs-file';
export { loadRegionOrgans, DEFAULT_ORGANS_FILE } from './load-organs';
export { type InitPlan, type InitQuota, type InitReport, type PlannedInitCommand, type RunInitOptions, InitInputError, initFileDigest, planInit, runInit } from './init-deployment';
export { Prng } from './prng';
export { scratchDir } from './scratch';
export { HISTORY_GENERATOR_VERSION, cachedHistoryPath, defaultHistoryDir, ensureCachedHistory } from './cached-history';
