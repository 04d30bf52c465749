export * from './contract';
export * from './past-events';
export * from './rfc9162-verifier';
export { SimulatedKurrentClient } from '../kurrentdb/simulated-kurrent-client';
