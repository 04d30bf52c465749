export * from './application-error';
export * from './command-executor';
export * from './event-ids';
export { FoldedStreamCache } from './folded-streams';
export * from './prepare-command';
export * from './retention';
