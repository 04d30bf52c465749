export * from './national-id';
export * from './person-identity';
export * from './register-applicant';
export * from './retention';
