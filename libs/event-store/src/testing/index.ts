export * from './contract';
export * from './past-events';
export * from './rfc9162-verifier';
