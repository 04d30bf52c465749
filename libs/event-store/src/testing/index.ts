export * from './contract';
export * from './past-events';
