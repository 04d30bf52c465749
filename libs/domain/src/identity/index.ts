export * from './national-id';
export * from './person-identity';
