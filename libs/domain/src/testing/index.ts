export * from './given-when-then';
export * from './commands';
export * from './recruitment';
